// The one result model every report is rendered from (result.json is this object, serialised).
// Student-controlled text (messages, output) is already sanitised here: see sanitize.ts.
import type { Lang } from './i18n.ts';
import type { Timeline } from './timeline/model.ts';

export const RESULT_SCHEMA_VERSION = 1;

export type Status = 'pass' | 'fail' | 'error';
export type Visibility = 'visible' | 'hidden';

export type ErrorKind =
  | 'missing-file' | 'syntax' | 'missing-export' | 'policy' | 'load' | 'timeout' | 'memory' | 'processes'
  | 'crash' | 'integrity' | 'no-tests' | 'skipped' | 'hidden-unavailable';

export interface TestResult {
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
  /** The test's own hint (meta.json testHints) when it failed, else null. */
  hint: string | null;
  /** Who ran when in the test's last simulation, for a failing visible test that ran one (not in result.json). */
  timeline?: Timeline;
}

/** The run-level picture: the first failing visible timing test's timeline. */
export interface RunTimeline extends Timeline {
  exercise: string;
  test: string;
}

/** A hint released in this run: the failing test's own, or number N of the exercise's list of `of`. */
export interface HintResult {
  kind: 'test' | 'exercise';
  number: number | null;
  of: number;
  text: string;
}

export interface ExerciseResult {
  id: string;
  key: string;
  title: string;
  status: Status;
  score: number;
  max_score: number;
  error: { kind: ErrorKind; message: string } | null;
  /** The first hint, shown when the exercise is not complete. */
  hint: string | null;
  hints_available: number;
  /** The hints released in this run (none when complete): the failing test's own first, then 1..level. */
  hints: HintResult[];
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
  /** The timeline of the first failing visible timing test, or null. */
  timeline: RunTimeline | null;
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
