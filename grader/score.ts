// From raw test events to a scored exercise: points split over tests by weight, partial credit, and one
// explained error instead of a wall of red when the module cannot even be tested.
import { bi, pick, type Bilingual, type Lang } from './i18n.ts';
import type { Exercise } from './model/course.ts';
import type { ErrorKind, ExerciseResult, TestResult } from './result.ts';
import { exerciseState, round2 } from './result.ts';
import { releaseHints, testHintOf } from './hints/select.ts';
import { sanitize } from './sanitize.ts';
import { isTimingPicture } from './timeline/build.ts';
import type { Timeline } from './timeline/model.ts';
import { parseTimeline } from './timeline/validate.ts';
import type { CaseEvent } from './run/channel.ts';
import type { RawExercise } from './run/engine.ts';
import type { GateProblem } from './run/gate.ts';
import type { KillReason } from './run/supervisor.ts';

export const OUTPUT_LIMIT = 500;
const MESSAGE_LIMIT = 1500;

/** Hidden tests that exist but could not run here (sealed, no key): counted, not scored. */
export interface PendingHidden {
  tests: number;
  weight: number;
}

export function killMessage(reason: KillReason): { kind: ErrorKind; text: Bilingual } {
  switch (reason.kind) {
    case 'timeout':
    case 'wall':
      return { kind: 'timeout', text: bi(
        `se agotó el tiempo (${reason.seconds} s): ¿un bucle infinito, un join() a un hilo que nunca termina o un bloqueo?`,
        `timed out after ${reason.seconds} s: possible infinite loop, a join() on a thread that never ends, or a deadlock`) };
    case 'memory':
      return { kind: 'memory', text: bi(
        `usó demasiada memoria (más de ${reason.megabytes} MB): ¿una lista o una cola que crece sin fin?`,
        `used too much memory (over ${reason.megabytes} MB): a list or queue that grows without end?`) };
    case 'processes':
      return { kind: 'processes', text: bi(
        `lanzó demasiados procesos (${reason.count}): ¿se crean procesos en un bucle sin fin?`,
        `started too many processes (${reason.count}): are processes created in an endless loop?`) };
    case 'crashed':
      return { kind: 'crash', text: bi(`el proceso de tests terminó de golpe: ${reason.detail}`, `the test process died: ${reason.detail}`) };
    case 'corrupted':
      return { kind: 'integrity', text: bi(
        `algo escribió en el canal de resultados del corrector (${reason.detail}); los resultados no son fiables`,
        `something wrote into the grader's result channel (${reason.detail}); the results cannot be trusted`) };
  }
}

/** Diagnoses whose message is the course kit's hang report (exercises/_kit/diagnoses/hang.ts). */
const HANG_REPORTS = new Set(['hang', 'deadlock']);

/**
 * vitest's own timeout text ("Test timed out in 5000ms. If this is a long-running test, pass a timeout...")
 * gives wrong advice for a hang; the course kit replaces it with a report, and this is the backstop for a
 * timeout the kit could not see (a hook's): what happened, in the student's terms, and the exercise's causes.
 */
function withoutFrameworkTimeout(text: string, exercise: Exercise, lang: Lang): string {
  const match = /^(Test|Hook) timed out in (\d+)ms\.?[^\n]*(\n[^\n]*(testTimeout|hookTimeout)[^\n]*)?/.exec(text);
  if (match === null) return text;
  const seconds = String(Number(match[2]) / 1000);
  const limit = lang === 'es' ? seconds.replace('.', ',') : seconds;
  const causes = exercise.meta.hangCauses[lang].map((cause) => `\n  - ${cause}`).join('');
  return pick(bi(
    `El test no terminó en ${limit} s: tu código se quedó esperando algo que no llega.${causes}`,
    `The test did not finish within ${limit} s: your code kept waiting for something that never comes.${causes}`), lang)
    + text.slice(match[0].length);
}

/**
 * A visible failure in the student's terms: an assertion on a number or a flag with a teaching sentence
 * (`say(...)`) shows that sentence, not the framework's "expected 1.5 to be 0.5 // Object.is equality" and its
 * Expected/Received diff (the sentence names both values, and a timing test draws its timeline). Assertions on
 * text or lists keep the diff: there the received lines are what shows the mistake.
 */
export function teachingMessage(text: string): string {
  const first = text.split('\n')[0] ?? '';
  const cut = first.search(/: expected (?:[+-]?\d[\d.e+-]*|true|false|null|undefined|NaN|[+-]?Infinity) to /);
  return cut > 0 ? first.slice(0, cut).trim() : text;
}

/** What a hidden test's failure may reveal: the teaching sentence, never expected values or source. */
export function hiddenMessage(errors: string[], feedback: 'message' | 'name-only', lang: Lang): string {
  const generic = pick(bi('falló (test oculto)', 'failed (hidden test)'), lang);
  if (feedback === 'name-only') return generic;
  const first = (errors[0] ?? '').split('\n')[0] ?? '';
  const cut = first.search(/: expected |^expected /);
  const short = cut > 0 ? first.slice(0, cut) : cut === 0 ? '' : first;
  return short.trim() === '' ? generic : short.trim();
}

/**
 * The full name in the report's language: each part (describe blocks, then the test's own name) through meta.json
 * testTitles; undefined when no part has a title.
 */
function localTitle(exercise: Exercise, event: Pick<CaseEvent, 'name' | 'fullName'>, lang: Lang): string | undefined {
  const titles = exercise.meta.testTitles;
  const whole = titles[event.fullName];
  if (whole !== undefined) return pick(whole, lang);
  const parts = event.fullName.split(' > ');
  if (!parts.some((part) => titles[part] !== undefined)) return undefined;
  return parts.map((part) => (titles[part] !== undefined ? pick(titles[part], lang) : part)).join(' > ');
}

function weightOf(exercise: Exercise, event: Pick<CaseEvent, 'name' | 'fullName'>): number {
  return exercise.meta.weights[event.fullName] ?? exercise.meta.weights[event.name] ?? 1;
}

function base(exercise: Exercise, lang: Lang, pending: PendingHidden | undefined): ExerciseResult {
  return {
    id: exercise.meta.id,
    key: exercise.key,
    title: pick(exercise.meta.title, lang),
    status: 'error',
    state: 'error',
    score: 0,
    max_score: exercise.meta.points,
    error: null,
    hint: exercise.meta.hints[lang][0] ?? null,
    hints_available: exercise.meta.hints[lang].length,
    hints: exercise.meta.hints[lang].slice(0, 1),
    tests: [],
    hidden: { total: pending?.tests ?? 0, passed: 0, pending: pending?.tests ?? 0 },
  };
}

function failWith(result: ExerciseResult, kind: ErrorKind, text: Bilingual, lang: Lang): ExerciseResult {
  return { ...result, status: 'error', score: 0, error: { kind, message: sanitize(pick(text, lang), MESSAGE_LIMIT) } };
}

export interface ScoreInput {
  exercise: Exercise;
  lang: Lang;
  gate: GateProblem[];
  raw: RawExercise | undefined;
  pendingHidden?: PendingHidden;
  /** How many of the exercise's hints to release when it is not complete (default 1). */
  hintLevel?: number;
}

/** A failing visible test's picture; hidden tests keep theirs (their data would show in the names). */
function timelineOf(event: CaseEvent, visibility: 'visible' | 'hidden', passed: boolean): { timeline?: Timeline } {
  if (passed || visibility !== 'visible' || event.timeline === undefined) return {};
  const timeline = parseTimeline(event.timeline);
  return timeline !== null && isTimingPicture(timeline) ? { timeline } : {};
}

export function scoreExercise(input: ScoreInput): ExerciseResult {
  const scored = scoreInner(input);
  const state = exerciseState(scored);
  if (state === 'complete' || state === 'hidden-pending') return { ...scored, state, hint: null, hints: [] };
  // Visible failures first: their hints speak about what the student can see.
  const failing = [...scored.tests.filter((t) => t.status !== 'pass' && t.visibility === 'visible'),
    ...scored.tests.filter((t) => t.status !== 'pass' && t.visibility === 'hidden')].map((t) => t.id);
  const hints = releaseHints(input.exercise.meta, failing, input.hintLevel ?? 1, input.lang).map((hint) => hint.text);
  return { ...scored, state, hints, hint: hints[0] ?? scored.hint };
}

function scoreInner(input: ScoreInput): ExerciseResult {
  const { exercise, lang, gate, raw, pendingHidden } = input;
  const result = base(exercise, lang, pendingHidden);
  const firstGate = gate[0];
  if (firstGate !== undefined) {
    const all = gate.map((problem) => problem.message);
    const joined = bi(all.map((m) => m.es).join('\n'), all.map((m) => m.en).join('\n'));
    return failWith(result, firstGate.kind, joined, lang);
  }
  if (raw === undefined) return failWith(result, 'crash', bi('el ejercicio no llegó a ejecutarse', 'the exercise never ran'), lang);
  if (raw.failure !== undefined) {
    const { kind, text } = killMessage(raw.failure);
    return failWith(result, kind, text, lang);
  }
  // A test file that could not load costs the exercise everything anyway; say why plainly.
  const broken = raw.files.find((file) => file.moduleErrors.length > 0 && file.cases.length === 0);
  if (broken !== undefined) {
    const detail = broken.moduleErrors[0] ?? '';
    const text = broken.visibility === 'hidden' ? hiddenMessage([detail], exercise.meta.hiddenFeedback, lang) : detail;
    return failWith(result, 'load', bi(
      `el módulo no se pudo cargar ni probar: ${text}`, `the module could not be loaded and tested: ${text}`), lang);
  }
  if (raw.files.some((file) => file.canarySkipped === true)) {
    return failWith(result, 'skipped', bi(
      'los tests se saltaron (hay un .only o un .skip): no cuentan como aprobados',
      'tests were skipped (there is a .only or a .skip): they never count as passed'), lang);
  }
  if (raw.files.some((file) => !file.canaryOk)) {
    return failWith(result, 'integrity', bi(
      'las aserciones de los tests fueron alteradas durante la ejecución (¿se modificó expect?)',
      'the tests\' assertions were tampered with during the run (was expect modified?)'), lang);
  }
  const empty = raw.files.find((file) => file.cases.length === 0);
  if (empty !== undefined || raw.files.length === 0) {
    return failWith(result, 'no-tests', bi(`no se ejecutó ningún test${empty ? ` en ${empty.name}` : ''}`,
      `no test ran${empty ? ` in ${empty.name}` : ''}`), lang);
  }
  const skipped = raw.files.flatMap((file) => file.cases).filter((event) => event.state === 'skipped' || event.state === 'pending');
  if (skipped.length > 0) {
    return failWith(result, 'skipped', bi(
      `${skipped.length} test(s) saltados (test.skip, todo u only no cuentan como aprobados): ${skipped.map((e) => e.fullName).join(', ')}`,
      `${skipped.length} test(s) skipped (test.skip, todo or only never count as passed): ${skipped.map((e) => e.fullName).join(', ')}`), lang);
  }

  const cases = raw.files.flatMap((file) => file.cases.map((event) => ({ event, visibility: file.visibility })));
  const totalWeight = cases.reduce((sum, { event }) => sum + weightOf(exercise, event), 0) + (pendingHidden?.weight ?? 0);
  const tests: TestResult[] = cases.map(({ event, visibility }) => {
    const max = totalWeight > 0 ? (exercise.meta.points * weightOf(exercise, event)) / totalWeight : 0;
    const passed = event.state === 'passed';
    let message: string | null = null;
    let diagnosis: string | null = null;
    if (!passed) {
      const errors = event.errors.map((text) => withoutFrameworkTimeout(text, exercise, lang));
      const timedOut = errors.some((text, i) => text !== event.errors[i]);
      diagnosis = event.diagnosis ?? (timedOut ? 'hang' : null);
      // A hang report names waits and lines of the student's code, never expected values: hidden tests show it whole.
      const whole = visibility === 'visible' || (HANG_REPORTS.has(diagnosis ?? '') && exercise.meta.hiddenFeedback === 'message');
      message = !whole
        ? hiddenMessage(errors, exercise.meta.hiddenFeedback, lang)
        : sanitize(errors.map(teachingMessage).join('\n') || pick(bi('falló', 'failed'), lang), MESSAGE_LIMIT);
    }
    const title = localTitle(exercise, event, lang);
    return {
      id: event.fullName,
      name: title ?? event.fullName,
      status: passed ? 'pass' : 'fail',
      score: passed ? round2(max) : 0,
      max_score: round2(max),
      visibility,
      message,
      output: visibility === 'visible' ? sanitize(event.output, OUTPUT_LIMIT) : '',
      duration: Math.round(event.duration) / 1000,
      diagnosis,
      // The advice of the recognised mistake first (it names what went wrong), else the test's own hint (meta.json
      // testHints), which the released hints show too.
      hint: passed ? null : (event.hint === undefined || event.hint === null ? null : sanitize(event.hint, MESSAGE_LIMIT))
        ?? testHintOf(exercise.meta, event.fullName, lang),
      ...timelineOf(event, visibility, passed),
    };
  });
  const allPassed = tests.every((test) => test.status === 'pass');
  const pending = pendingHidden?.tests ?? 0;
  const rawScore = cases.reduce((sum, { event }, i) => sum + (tests[i]?.status === 'pass'
    ? (exercise.meta.points * weightOf(exercise, event)) / totalWeight : 0), 0);
  const hiddenTests = tests.filter((test) => test.visibility === 'hidden');
  return {
    ...result,
    status: allPassed && pending === 0 ? 'pass' : 'fail',
    score: allPassed && pending === 0 ? exercise.meta.points : round2(rawScore),
    tests,
    hidden: {
      total: hiddenTests.length + pending,
      passed: hiddenTests.filter((test) => test.status === 'pass').length,
      pending,
    },
  };
}
