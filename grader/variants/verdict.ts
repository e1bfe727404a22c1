// What a graded variant came to, in the terms a fixture records: score, which tests failed, and the first
// failure (its test, message and diagnosis id). Test ids are language-independent; messages are per language.
import type { ExerciseResult, TestResult } from '../result.ts';
import { NOT_RUN_ID } from '../run/workspace.ts';

export interface Verdict {
  score: number;
  max_score: number;
  /** An exercise-level error kind (timeout, load, syntax...), or null when the tests ran. */
  error: string | null;
  /** Ids of the failing tests, in run order. */
  failing: string[];
  /** The first failing test and its diagnosis id (null: none recognised, or no failure). */
  first: { test: string; diagnosis: string | null } | null;
  /** The first failure's message (or the exercise error's), in the language graded. */
  message: string;
  /** Seconds its tests took (their sum: what the variant costs a grading run). */
  seconds: number;
}

/** The language-independent id of a test (schema v2). */
export function testId(test: TestResult): string {
  return test.id;
}

/** Schema v2's diagnosis id; else an id the test's message starts with, in brackets ("[unprotected-shared-write] ..."). */
function diagnosisOf(test: TestResult): string | null {
  if (test.diagnosis !== null) return test.diagnosis;
  return /^(?:\w*Error: )?\[([a-z][a-z0-9-]+)\]/.exec(test.message ?? '')?.[1] ?? null;
}

export function verdictOf(result: ExerciseResult): Verdict {
  const failed = result.tests.filter((test) => test.status !== 'pass');
  // A test stop-at-the-first-failure did not run is never the first failure, whatever order events came in.
  const first = failed.find((test) => test.diagnosis !== NOT_RUN_ID);
  return {
    score: result.score,
    max_score: result.max_score,
    error: result.error?.kind ?? null,
    failing: failed.map(testId),
    first: first === undefined ? null : { test: testId(first), diagnosis: diagnosisOf(first) },
    message: result.error?.message ?? first?.message ?? '',
    seconds: Math.round(result.tests.reduce((sum, test) => sum + test.duration, 0) * 10) / 10,
  };
}
