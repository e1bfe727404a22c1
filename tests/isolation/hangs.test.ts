// Per-test isolation, end to end: a submission whose one function hangs (or deadlocks) loses exactly the tests
// that call that function; every later test runs normally (no "MainThread is already waiting" cascade), no
// message shows vitest's timeout text, the hang is reported as what waits where, and a second grading gives
// the same scores. Slow by nature (each hung test waits its exercise's deadline), so one grading covers all.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { grade } from '../../grader/grading.ts';
import type { ExerciseResult } from '../../grader/result.ts';
import { TOOL_ROOT } from '../../grader/paths.ts';
import { HANG_VARIANTS, type HangVariant } from './hang-variants.ts';

const FORBIDDEN = [/Test timed out in/, /Hook timed out in/, /is already waiting/, /testTimeout/];

let submission: string;
let first: Map<string, ExerciseResult>;

function materialise(dir: string, variants: readonly HangVariant[]): void {
  for (const variant of variants) {
    let text = readFileSync(join(TOOL_ROOT, 'solutions', variant.exercise, 'exercise.ts'), 'utf8');
    for (const [find, replace] of variant.edits) {
      expect(text.split(find).length, `${variant.exercise}: each edit's text occurs once in the solution`).toBe(2);
      text = text.replace(find, replace);
    }
    mkdirSync(join(dir, variant.exercise), { recursive: true });
    writeFileSync(join(dir, variant.exercise, 'exercise.ts'), text);
  }
}

async function gradeVariants(only: readonly HangVariant[]): Promise<Map<string, ExerciseResult>> {
  const result = await grade({
    courseRoot: TOOL_ROOT,
    source: { kind: 'submission', dir: submission },
    only: only.map((variant) => variant.exercise.slice(0, 2)),
    lang: 'en',
    hidden: true,
    tamperCheck: false,
  });
  return new Map(result.exercises.map((exercise) => [exercise.key, exercise]));
}

beforeAll(async () => {
  submission = mkdtempSync(join(tmpdir(), 'hang-variants-'));
  materialise(submission, HANG_VARIANTS);
  first = await gradeVariants(HANG_VARIANTS);
}, 600_000);

afterAll(() => {
  rmSync(submission, { recursive: true, force: true });
});

describe.each(HANG_VARIANTS)('$exercise: $mistake', (variant) => {
  test('only the tests that call the hung function fail, each alone and in its own terms', () => {
    const exercise = first.get(variant.exercise);
    expect(exercise?.error ?? null, 'graded test by test, no exercise-level timeout').toBeNull();
    const failed = (exercise?.tests ?? []).filter((t) => t.status === 'fail');
    expect(failed.map((t) => t.name).sort()).toEqual(variant.failing);
    for (const t of exercise?.tests ?? []) {
      for (const pattern of FORBIDDEN) expect(t.message ?? '', `${t.name}: no framework or cascade text`).not.toMatch(pattern);
    }
    if (variant.diagnosis === 'runtime') return;
    const hung = failed.filter((t) => t.diagnosis === 'hang' || t.diagnosis === 'deadlock');
    expect(hung.length, 'at least one failing test carries the hang diagnosis').toBeGreaterThan(0);
    for (const t of hung) {
      expect(t.diagnosis).toBe(variant.diagnosis);
      // At the deadline, or earlier when the whole program was parked for good (runtime/testing/quiesce.ts).
      expect(t.message, 'names what waits').toMatch(/The test (?:did not finish within [\d.]+ s|could never finish \(stopped after [\d.]+ s instead of waiting [\d.]+ s: every process waits and none can wake another\)): \S+/);
      expect(t.message, "this exercise's typical causes").toMatch(/Typical causes in this exercise:\n {2}- /);
    }
  });
});

test('a second grading gives the same verdict test by test', async () => {
  const again = HANG_VARIANTS.filter((variant) => ['10', '13', '14', '16'].includes(variant.exercise.slice(0, 2)));
  const second = await gradeVariants(again);
  for (const variant of again) {
    const verdict = (results: Map<string, ExerciseResult>): [string, string][] =>
      (results.get(variant.exercise)?.tests ?? []).map((t): [string, string] => [t.name, t.status]).sort(([a], [b]) => a.localeCompare(b));
    expect(second.get(variant.exercise)?.score, variant.exercise).toBe(first.get(variant.exercise)?.score);
    expect(verdict(second), variant.exercise).toEqual(verdict(first));
  }
}, 600_000);
