// Words the reports use, in both languages.
import type { Lang } from '../i18n.ts';
import type { ExerciseResult, GradeResult } from '../result.ts';

const LABELS = {
  total: { es: 'Nota', en: 'Score' },
  exercise: { es: 'Ejercicio', en: 'Exercise' },
  points: { es: 'Puntos', en: 'Points' },
  visible: { es: 'Visibles', en: 'Visible' },
  hidden: { es: 'Ocultos', en: 'Hidden' },
  status: { es: 'Estado', en: 'Status' },
  hiddenTag: { es: 'oculto', en: 'hidden' },
  hint: { es: 'Pista', en: 'Hint' },
  output: { es: 'Salida', en: 'Output' },
  tamper: { es: 'Archivos protegidos modificados (se han usado las copias originales):', en: 'Protected files were changed (the original copies were used):' },
  gradingErrors: { es: 'Errores del corrector:', en: 'Grading errors:' },
  pass: { es: 'completo', en: 'complete' },
  fail: { es: 'incompleto', en: 'incomplete' },
  error: { es: 'error', en: 'error' },
  noExercises: { es: 'No hay ejercicios que corregir (exercises/ está vacío).', en: 'There are no exercises to grade (exercises/ is empty).' },
  details: { es: 'Detalles', en: 'Details' },
  hiddenPending: { es: 'visibles superados; faltan los ocultos', en: 'visible tests pass; hidden tests pending' },
} as const;

export type LabelKey = keyof typeof LABELS;

export function label(key: LabelKey, lang: Lang): string {
  return LABELS[key][lang];
}

function count(tests: ExerciseResult['tests'], visibility: 'visible' | 'hidden'): { passed: number; total: number } {
  const own = tests.filter((test) => test.visibility === visibility);
  return { passed: own.filter((test) => test.status === 'pass').length, total: own.length };
}

export function visibleCount(exercise: ExerciseResult): { passed: number; total: number } {
  return count(exercise.tests, 'visible');
}

/**
 * Where pending hidden tests will run: "in CI" on a student's machine; inside GitHub Actions they are pending
 * because the instructor's grading repository grades them (a student repository never holds the key).
 */
function pendingWhere(lang: Lang, inCi: boolean): { all: (n: number) => string; extra: string } {
  if (inCi) {
    return lang === 'es'
      ? { all: (n) => `${n} los corrige tu profesor`, extra: 'los corrige tu profesor' }
      : { all: (n) => `${n} graded by your instructor`, extra: 'graded by your instructor' };
  }
  return lang === 'es'
    ? { all: (n) => `${n} se ejecutarán en CI`, extra: 'en CI' }
    : { all: (n) => `${n} will run in CI`, extra: 'in CI' };
}

/** Whether this process runs inside GitHub Actions (where pending means "no key", not "later"). */
export function runningInCi(env: NodeJS.ProcessEnv = process.env): boolean {
  return env['GITHUB_ACTIONS'] === 'true';
}

/** "2/3", "2/3 (+4 en CI)", "—"; never just "passed" when hidden tests are missing. */
export function hiddenSummary(exercise: ExerciseResult, lang: Lang, inCi = runningInCi()): string {
  const { total, passed, pending } = exercise.hidden;
  if (total === 0) return '—';
  const ran = total - pending;
  const where = pendingWhere(lang, inCi);
  if (pending > 0 && ran === 0) return where.all(pending);
  const base = `${passed}/${ran}`;
  return pending > 0 ? `${base} (+${pending} ${where.extra})` : base;
}

/** The one sentence under the total: visible and hidden kept apart. */
export function headline(result: GradeResult, lang: Lang, inCi = runningInCi()): string {
  const visible = result.exercises.reduce((acc, ex) => {
    const c = visibleCount(ex);
    return { passed: acc.passed + c.passed, total: acc.total + c.total };
  }, { passed: 0, total: 0 });
  const hidden = result.exercises.reduce((acc, ex) => ({
    passed: acc.passed + ex.hidden.passed,
    ran: acc.ran + ex.hidden.total - ex.hidden.pending,
    pending: acc.pending + ex.hidden.pending,
  }), { passed: 0, ran: 0, pending: 0 });
  const errors = result.exercises.filter((ex) => ex.status === 'error').length;
  const parts: string[] = [];
  if (lang === 'es') {
    parts.push(visible.total > 0 && visible.passed === visible.total
      ? 'todos los tests visibles pasan' : `tests visibles ${visible.passed}/${visible.total}`);
    if (hidden.ran > 0) parts.push(`ocultos ${hidden.passed}/${hidden.ran}`);
    if (hidden.pending > 0) {
      parts.push(inCi ? `${hidden.pending} tests ocultos los corrige tu profesor` : `${hidden.pending} tests ocultos se ejecutarán en CI`);
    }
    if (errors > 0) parts.push(`${errors} ejercicio(s) con error`);
  } else {
    parts.push(visible.total > 0 && visible.passed === visible.total
      ? 'all visible tests passed' : `visible tests ${visible.passed}/${visible.total}`);
    if (hidden.ran > 0) parts.push(`hidden ${hidden.passed}/${hidden.ran}`);
    if (hidden.pending > 0) {
      parts.push(inCi ? `${hidden.pending} hidden tests graded by your instructor` : `${hidden.pending} hidden tests will run in CI`);
    }
    if (errors > 0) parts.push(`${errors} exercise(s) with errors`);
  }
  return parts.join(', ');
}

export function formatPoints(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2).replace(/0$/, '');
}

/** An exercise's points: "7.5/10", or what is known when every test that ran passed and hidden tests are pending. */
export function pointsText(exercise: ExerciseResult, lang: Lang): string {
  if (exercise.state === 'hidden-pending') return `?/${formatPoints(exercise.max_score)} (${label('hiddenPending', lang)})`;
  return `${formatPoints(exercise.score)}/${formatPoints(exercise.max_score)}`;
}
