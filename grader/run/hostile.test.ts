// Hostile submissions, graded together in one grading: each loses its points with a clear reason, the
// good one keeps full marks, and the grader neither hangs nor crashes.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { grade } from '../grading.ts';
import type { ExerciseResult, GradeResult } from '../result.ts';
import { buildCourse, GOOD_ADD, type SyntheticCourse } from '../test-support/course-builder.ts';

const hostile = {
  good: GOOD_ADD,
  exit: 'process.exit(0);\nexport function add(a: number, b: number): number { return a + b; }\n',
  'loop-import': 'for (;;) { /* spin */ }\nexport function add(a: number, b: number): number { return a + b; }\n',
  'loop-test': 'export function add(a: number, b: number): number { for (;;) { if (a > b + 1e9) break; } return a + b; }\n',
  'loop-negatives': 'export function add(a: number, b: number): number { for (;;) { if (a >= 0) break; } return a + b; }\n',
  memory: [
    'const hoard: Buffer[] = [];',
    'export function add(a: number, b: number): number {',
    '  for (;;) hoard.push(Buffer.alloc(64 * 1024 * 1024, 1));',
    '  return a + b;',
    '}',
  ].join('\n'),
  'fake-output': [
    'export function add(a: number, b: number): number {',
    "  console.log(' ✓ adds small numbers\\n Tests  4 passed (4)\\n::notice title=Autograding complete::Points 10/10');",
    '  return a - b;',
    '}',
  ].join('\n'),
  'forge-channel': [
    "import { writeFileSync } from 'node:fs';",
    'const forged = JSON.stringify({ seq: 1, message: { type: "end", state: "passed" } });',
    "try { writeFileSync(`/proc/${process.ppid}/fd/3`, `${'0'.repeat(64)} ${forged}\\n`); } catch { /* not on Linux */ }",
    "try { writeFileSync('.grade/result.json', '{\"status\":\"pass\"}'); } catch { /* no such folder */ }",
    'export function add(a: number, b: number): number { return a - b; }',
  ].join('\n'),
  'only-in-tests': GOOD_ADD,
  'spawn-from-tests': GOOD_ADD,
  'skip-in-tests': GOOD_ADD,
  'patch-expect': 'Object.is = () => true;\nexport function add(a: number, b: number): number { return a - b; }\n',
} satisfies Record<string, string>;

let course: SyntheticCourse;
let result: GradeResult;
const byName = new Map<string, ExerciseResult>();

beforeAll(async () => {
  const limits: Record<string, number> = { 'loop-import': 3, 'loop-test': 3 };
  const visibleTests: Record<string, string> = {
    'only-in-tests': "import { test, expect } from 'vitest';\nimport { add } from './exercise.ts';\ntest.only('a', () => { expect(add(1, 1)).toBe(2); });\ntest('b', () => { expect(add(1, 2)).toBe(3); });\n",
    // Course material is not gated, so this is how the runtime caps (process count, orphan cleanup) are tested.
    'spawn-from-tests': [
      "import { spawn } from 'node:child_process';",
      "import { test } from 'vitest';",
      "test('spawns', async () => {",
      "  for (let i = 0; i < 80; i++) spawn('sleep', ['97.25'], { detached: true, stdio: 'ignore' }).unref();",
      '  await new Promise((resolve) => setTimeout(resolve, 10_000));',
      '});',
    ].join('\n'),
    'skip-in-tests': "import { test, expect } from 'vitest';\nimport { add } from './exercise.ts';\ntest('a', () => { expect(add(1, 1)).toBe(2); });\ntest.skip('b', () => { expect(add(1, 2)).toBe(3); });\n",
  };
  course = buildCourse(Object.entries(hostile).map(([slug, submission]) => ({
    slug, submission, timeLimit: limits[slug] ?? 15, withHidden: false, visibleTest: visibleTests[slug],
  })));
  result = await grade({
    courseRoot: course.root, source: { kind: 'solutions' }, lang: 'en', hidden: true,
    engine: { memoryMb: 900 },
  });
  for (const exercise of result.exercises) byName.set(exercise.key.slice(3), exercise);
}, 120_000);

afterAll(() => course.dispose());

function verdict(name: keyof typeof hostile): ExerciseResult {
  const found = byName.get(name);
  if (found === undefined) throw new Error(`no result for ${name}`);
  return found;
}

describe('hostile submissions', () => {
  test('the good submission keeps full marks next to all the bad ones', () => {
    expect(verdict('good')).toMatchObject({ status: 'pass', score: 10 });
  });

  test('process.exit at import is a load error', () => {
    expect(verdict('exit')).toMatchObject({ status: 'error', score: 0, error: { kind: 'load' } });
    expect(verdict('exit').error?.message).toMatch(/process\.exit/);
  });

  test('an infinite loop at import times out; inside a test it fails that test, by name', () => {
    expect(verdict('loop-import')).toMatchObject({ status: 'error', score: 0, error: { kind: 'timeout' } });
    expect(verdict('loop-import').error?.message).toMatch(/infinite loop/);
    // Each test that blocks its worker is found (the kit writes its name), fails alone, and the rest re-run.
    const loop = verdict('loop-test');
    expect(loop).toMatchObject({ status: 'fail', score: 0, error: null });
    expect(loop.tests.length).toBeGreaterThan(0);
    for (const test of loop.tests) {
      expect(test).toMatchObject({ status: 'fail', diagnosis: 'hang' });
      expect(test.message).toMatch(/did not finish within [\d.]+ s and let nothing else run: a loop that never gives up its turn/);
    }
    const some = verdict('loop-negatives');
    expect(some.error).toBeNull();
    expect(some.tests.map((test) => [test.name, test.status, test.diagnosis])).toEqual([
      ['adds small numbers', 'pass', null],
      ['adds negatives', 'fail', 'hang'],
    ]);
  });

  test('a memory bomb is stopped', () => {
    const memory = verdict('memory');
    expect(memory.score).toBe(0);
    expect(memory.status).toBe('error');
    expect(['memory', 'crash', 'load']).toContain(memory.error?.kind);
  });

  test('printed fake "passed" lines change nothing and cannot forge a workflow command', () => {
    const fake = verdict('fake-output');
    expect(fake.status).toBe('fail');
    expect(fake.score).toBe(0);
    const output = fake.tests.find((t) => t.name === 'adds small numbers')?.output ?? '';
    expect(output).toContain('Points 10/10');
    expect(output).not.toMatch(/(^|\n)::/);
  });

  test('writing into the result channel or the result file is detected or harmless', () => {
    const forged = verdict('forge-channel');
    expect(forged.score).toBe(0);
    expect(forged.status).toBe('fail');
    expect(forged.tests.every((t) => t.status === 'fail')).toBe(true);
  });

  test('monkey-patching what expect relies on is detected by the canary', () => {
    expect(verdict('patch-expect')).toMatchObject({ status: 'error', score: 0, error: { kind: 'integrity' } });
  });

  test('test.only or test.skip in the tests is an error, never a pass', () => {
    expect(verdict('only-in-tests')).toMatchObject({ status: 'error', score: 0, error: { kind: 'skipped' } });
    expect(verdict('only-in-tests').error?.message).toMatch(/\.only/);
    expect(verdict('skip-in-tests')).toMatchObject({ status: 'error', score: 0, error: { kind: 'skipped' } });
  });

  test('endless process spawning is stopped and every spawned process is killed', () => {
    expect(verdict('spawn-from-tests')).toMatchObject({ status: 'error', score: 0, error: { kind: 'processes' } });
    const survivors = execFileSync('ps', ['-eo', 'args']).toString().split('\n').filter((line) => line.includes('sleep 97.25'));
    expect(survivors).toEqual([]);
  });

  test('tampering with expect makes the whole grading an error (exit code 2)', () => {
    expect(result.status).toBe('error');
  });
});
