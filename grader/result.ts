// The one result model every report is rendered from (result.json is this object, serialised).
// Student-controlled text (messages, output) is already sanitised here: see sanitize.ts.
import type { Lang } from './i18n.ts';
import type { Timeline as DrawnTimeline } from './timeline/model.ts';

export const RESULT_SCHEMA_VERSION = 2;

export type Status = 'pass' | 'fail' | 'error';
export type Visibility = 'visible' | 'hidden';

export type ErrorKind =
  | 'missing-file' | 'syntax' | 'missing-export' | 'policy' | 'load' | 'timeout' | 'memory' | 'processes'
  | 'crash' | 'integrity' | 'no-tests' | 'skipped' | 'hidden-unavailable';

/**
 * Where an exercise stands, beyond pass/fail: `hidden-pending` means every test that could run here passed
 * and the hidden tests run in CI (not a failure); `not-started` means no test passed and every failure is
 * the stub's own "not implemented yet".
 */
export type ExerciseState = 'complete' | 'hidden-pending' | 'partial' | 'not-started' | 'error';
export const EXERCISE_STATES: readonly ExerciseState[] = ['complete', 'hidden-pending', 'partial', 'not-started', 'error'];

/** The sandbox the test processes ran in (`none`: plain child processes, see the threat model). */
export type SandboxKind = 'none' | 'bubblewrap';
export const SANDBOX_KINDS: readonly SandboxKind[] = ['none', 'bubblewrap'];

/** One lane segment of a timeline, in seconds on the run's clock. */
export interface TimelineSegment {
  start: number;
  end: number;
  state: 'running' | 'sleeping' | 'blocked' | 'ready';
  /** What it waited on (e.g. `Lock.acquire()`), or null. */
  label: string | null;
}

export interface TimelineLane {
  name: string;
  kind: 'thread' | 'task' | 'process';
  segments: TimelineSegment[];
}

/** Who ran when in one test: the picture of the first failing visible timing test. */
export interface Timeline {
  exercise: string;
  test: string;
  /** 'virtual' seconds (threads, tasks) or 'real' seconds (child processes). */
  clock: 'virtual' | 'real';
  elapsed: number;
  lanes: TimelineLane[];
}

export interface TestResult {
  /** Language-independent test id (the `weights` key): stable across report languages. */
  id: string;
  /** What the report shows, in the report's language (meta.json `testTitles`; the id when it has none). */
  name: string;
  status: Status;
  score: number;
  max_score: number;
  visibility: Visibility;
  /** Why it failed, in the report's language; null when it passed. */
  message: string | null;
  /** What the test printed (visible tests only), at most 500 characters. */
  output: string;
  /** Seconds. */
  duration: number;
  /** Stable id of the classic mistake this failure was recognised as (e.g. `target-called`), or null. */
  diagnosis: string | null;
  /** The hint that matches this failure (its diagnosis's advice, else the test's own), or null. */
  hint: string | null;
  /** In memory only (never in result.json): who ran when in a failing visible test's last simulation. */
  timeline?: DrawnTimeline;
}

export interface ExerciseResult {
  id: string;
  key: string;
  title: string;
  status: Status;
  state: ExerciseState;
  score: number;
  max_score: number;
  error: { kind: ErrorKind; message: string } | null;
  /** The first hint, shown when the exercise is not complete. */
  hint: string | null;
  hints_available: number;
  /** The hints released in this run, in order (the first failing test's own hint first); empty when complete. */
  hints: string[];
  tests: TestResult[];
  /** Hidden tests: how many ran and passed, and how many could not run here (sealed, no key). */
  hidden: { total: number; passed: number; pending: number };
}

export interface GradeResult {
  version: typeof RESULT_SCHEMA_VERSION;
  status: Status;
  score: number;
  max_score: number;
  lang: Lang;
  /** Which changeable files were graded: the exercises/ folder, solutions/, or a submission folder. */
  source: string;
  tamper: { checked: boolean; changed: string[] };
  /** Grading errors that are not one exercise's fault (a broken meta.json, an unreadable sealed file). */
  errors: string[];
  exercises: ExerciseResult[];
  duration: number;
  sandbox: SandboxKind;
  timeline: Timeline | null;
}

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Overall status and exit code: 0 full marks, 1 points missing, 2 tampering or a grading error. */
export function overallStatus(result: Pick<GradeResult, 'tamper' | 'errors' | 'exercises' | 'score' | 'max_score'>): Status {
  const cheating = result.exercises.some((ex) => ex.error?.kind === 'policy' || ex.error?.kind === 'integrity');
  if (result.tamper.changed.length > 0 || result.errors.length > 0 || cheating || result.exercises.length === 0) return 'error';
  const pending = result.exercises.some((ex) => ex.hidden.pending > 0);
  return !pending && result.score >= result.max_score ? 'pass' : 'fail';
}

export function exitCode(status: Status): 0 | 1 | 2 {
  return status === 'pass' ? 0 : status === 'fail' ? 1 : 2;
}

const NOT_IMPLEMENTED = /Not implemented yet|Aún no implementado/;

/** The exercise's state from its status, tests and pending hidden tests (see ExerciseState). */
export function exerciseState(
  exercise: { status: Status; tests: Pick<TestResult, 'status' | 'diagnosis' | 'message'>[]; hidden: { pending: number } },
  claimed?: ExerciseState,
): ExerciseState {
  if (exercise.status === 'error') return 'error';
  if (exercise.status === 'pass') return 'complete';
  const failed = exercise.tests.filter((test) => test.status !== 'pass');
  if (failed.length === 0) return exercise.hidden.pending > 0 ? 'hidden-pending' : 'partial';
  const nonePassed = exercise.tests.every((test) => test.status !== 'pass');
  const allStub = failed.every((test) => test.diagnosis === 'not-implemented' || NOT_IMPLEMENTED.test(test.message ?? ''));
  // 'not-started' and 'partial' both mean points missing: either may stand when the grader said so.
  if (claimed === 'not-started' || claimed === 'partial') return claimed;
  return nonePassed && allStub ? 'not-started' : 'partial';
}
