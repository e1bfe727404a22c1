// `npm run progress [-- --json]`: where a student stands. Runs every exercise's visible tests once and prints
// a table: state, visible tests passed, the points the grader would give without the hidden tests, and the
// hidden tests still to run in CI; then the next exercise and the total.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pc from 'picocolors';
import { grade } from '../grading.ts';
import type { Lang } from '../i18n.ts';
import { loadCourse, type Exercise } from '../model/course.ts';
import { round2, type ExerciseResult } from '../result.ts';
import { formatPoints as formatPointsEn, visibleCount } from '../report/labels.ts';
import { parseSealed } from '../seal.ts';
import { courseRootOf, langOf, parse, type Io } from './common.ts';

export type ProgressState = 'complete' | 'hidden-pending' | 'partial' | 'not-started' | 'error';

export interface ProgressRow {
  id: string;
  key: string;
  title: string;
  state: ProgressState;
  visible: { passed: number; total: number };
  /** What the grader would give with the visible tests only (the hidden tests' share not yet earned). */
  points: number;
  max_points: number;
  /** Hidden tests that only CI runs (sealed in the student template). */
  hidden_pending: number;
}

export interface Progress {
  rows: ProgressRow[];
  next: { id: string; key: string } | null;
  points: number;
  max_points: number;
}

/** Hidden tests and their weight: from the sealed header, or counted in a plain file (course repository). */
export function hiddenShare(exercise: Exercise): { tests: number; weight: number } {
  if (exercise.hidden.kind === 'none') return { tests: 0, weight: 0 };
  const file = join(exercise.dir, exercise.hidden.file);
  try {
    if (exercise.hidden.kind === 'sealed') {
      const sealed = parseSealed(readFileSync(file, 'utf8'), file);
      return { tests: sealed.tests, weight: sealed.weight };
    }
    const tests = [...readFileSync(file, 'utf8').matchAll(/^\s*(?:test|it)(?:\.each\([^\n]*?\))?\(\s*['"`]/gm)].length;
    return { tests, weight: tests };
  } catch {
    return { tests: 0, weight: 0 };
  }
}

function weightOf(exercise: Exercise, name: string): number {
  const short = name.split(' > ').at(-1) ?? name;
  return exercise.meta.weights[name] ?? exercise.meta.weights[short] ?? 1;
}

export function progressRow(exercise: Exercise, result: ExerciseResult): ProgressRow {
  const visible = visibleCount(result);
  const hidden = hiddenShare(exercise);
  const tests = result.tests.filter((t) => t.visibility === 'visible');
  const visibleWeight = tests.reduce((sum, t) => sum + weightOf(exercise, t.id), 0);
  const passedWeight = tests.filter((t) => t.status === 'pass').reduce((sum, t) => sum + weightOf(exercise, t.id), 0);
  const total = visibleWeight + hidden.weight;
  const points = result.status === 'error' || total === 0 ? 0 : round2((exercise.meta.points * passedWeight) / total);
  let state: ProgressState;
  if (result.status === 'error') state = 'error';
  else if (visible.total > 0 && visible.passed === visible.total) state = hidden.tests > 0 ? 'hidden-pending' : 'complete';
  else state = visible.passed > 0 ? 'partial' : 'not-started';
  return {
    id: result.id, key: result.key, title: result.title, state, visible,
    points: state === 'complete' ? exercise.meta.points : points, max_points: exercise.meta.points, hidden_pending: hidden.tests,
  };
}

export function buildProgress(exercises: Exercise[], results: ExerciseResult[]): Progress {
  const byKey = new Map(results.map((r) => [r.key, r]));
  const rows = exercises.flatMap((exercise) => {
    const result = byKey.get(exercise.key);
    return result === undefined ? [] : [progressRow(exercise, result)];
  });
  const next = rows.find((row) => row.state !== 'complete' && row.state !== 'hidden-pending');
  return {
    rows,
    next: next === undefined ? null : { id: next.id, key: next.key },
    points: round2(rows.reduce((sum, row) => sum + row.points, 0)),
    max_points: round2(rows.reduce((sum, row) => sum + row.max_points, 0)),
  };
}

const STATE_TEXT: Record<ProgressState, { es: string; en: string; icon: string }> = {
  complete: { es: 'completo', en: 'done', icon: '✓' },
  'hidden-pending': { es: 'completo*', en: 'done*', icon: '✓' },
  partial: { es: 'a medias', en: 'partial', icon: '◐' },
  'not-started': { es: 'sin empezar', en: 'not started', icon: '·' },
  error: { es: 'error', en: 'error', icon: '!' },
};

export function renderProgress(progress: Progress, lang: Lang, color: boolean): string {
  const p = pc.createColors(color);
  // Spanish writes the decimal comma ("1,67").
  const formatPoints = (value: number): string => (lang === 'es' ? formatPointsEn(value).replace('.', ',') : formatPointsEn(value));
  const es = lang === 'es';
  const header = es ? ['', 'Ejercicio', 'Estado', 'Visibles', 'Puntos', 'Ocultos en CI'] : ['', 'Exercise', 'State', 'Visible', 'Points', 'Hidden in CI'];
  const rows = progress.rows.map((row) => {
    const state = STATE_TEXT[row.state];
    return [state.icon, `${row.key}`, state[lang], `${row.visible.passed}/${row.visible.total}`,
      `${formatPoints(row.points)}/${formatPoints(row.max_points)}`, row.hidden_pending > 0 ? String(row.hidden_pending) : '—'];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i >= 3 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  const paint = (row: ProgressRow, text: string): string => row.state === 'complete' || row.state === 'hidden-pending' ? p.green(text)
    : row.state === 'partial' ? p.yellow(text) : row.state === 'error' ? p.red(text) : text;
  const out = [p.bold(line(header)), ...progress.rows.map((row, i) => paint(row, line(rows[i] ?? [])))];
  out.push('', p.bold(`${es ? 'Total sin los tests ocultos' : 'Total without the hidden tests'}: ${formatPoints(progress.points)}/${formatPoints(progress.max_points)}`));
  if (progress.rows.some((row) => row.state === 'hidden-pending')) {
    out.push(p.dim(es ? '* los tests visibles pasan; los ocultos se ejecutarán en CI al abrir el pull request.'
      : '* the visible tests pass; the hidden ones run in CI when you open the pull request.'));
  }
  out.push(progress.next === null
    ? p.green(es ? '¡Todos los ejercicios completos!' : 'Every exercise is done!')
    : `${es ? 'Siguiente' : 'Next'}: ${progress.next.key}  →  npm run watch -- ${progress.next.id}`);
  return `${out.join('\n')}\n`;
}

export async function progressCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' } }, io.env);
  const lang = langOf(values.lang, io.env);
  const courseRoot = courseRootOf(values.course);
  const result = await grade({
    courseRoot, source: { kind: 'exercises' }, only: positionals, lang, hidden: false, engine: { moduleCache: true }, tamperCheck: false,
  });
  const progress = buildProgress(loadCourse(courseRoot).exercises, result.exercises);
  io.out(values.json === true ? `${JSON.stringify(progress, null, 2)}\n` : renderProgress(progress, lang, io.color));
  return result.errors.length > 0 ? 2 : 0;
}
