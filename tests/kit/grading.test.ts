// End to end through the grader: realistic wrong submissions of the course's own exercises are graded, and
// result.json names each mistake (diagnosis id, hint) in the report's language, with no raw runtime or vitest
// text in the failing tests' messages.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { grade } from '../../grader/grading.ts';
import { TOOL_ROOT } from '../../grader/paths.ts';
import type { ExerciseResult } from '../../grader/result.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A submission folder holding each exercise's reference solution with one mistake edited in. */
function submission(edits: Record<string, [string, string]>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kit-e2e-'));
  dirs.push(dir);
  for (const [key, [from, to]] of Object.entries(edits)) {
    const solution = readFileSync(join(TOOL_ROOT, 'solutions', key, 'exercise.ts'), 'utf8');
    if (!solution.includes(from)) throw new Error(`${key}: the solution no longer contains ${from}`);
    mkdirSync(join(dir, key), { recursive: true });
    writeFileSync(join(dir, key, 'exercise.ts'), solution.replace(from, to));
  }
  return dir;
}

function failing(result: ExerciseResult | undefined): ExerciseResult['tests'] {
  expect(result?.error ?? null).toBeNull();
  return (result?.tests ?? []).filter((t) => t.status === 'fail');
}

function noRawText(tests: ExerciseResult['tests']): void {
  for (const t of tests.filter((x) => x.diagnosis !== null)) {
    expect(t.message).not.toMatch(/already waiting|expected .* to (be|equal)|Test timed out/);
  }
}

describe('the grader names the classic mistakes', () => {
  test('target-called (01), child-died (07) and running-promise (14), in English', async () => {
    const dir = submission({
      '01-threads-args': ['new Thread({ target: worker, args: [student] })', 'new Thread({ target: worker(student) as never })'],
      '07-processes': ['new mp.Process({ target: checkReceipt, args: [id] })', 'new mp.Process({ target: () => checkReceipt(id) })'],
      '14-gather-wait': ['gather(...ids.map((id) => () => validate(id)), { returnExceptions: true })',
        'gather(...ids.map((id) => validate(id) as never), { returnExceptions: true })'],
    });
    const result = await grade({ courseRoot: TOOL_ROOT, source: { kind: 'submission', dir }, only: ['01', '07', '14'], lang: 'en', hidden: true });
    const [ex01, ex07, ex14] = ['01', '07', '14'].map((id) => result.exercises.find((e) => e.id === id));

    const threads = failing(ex01);
    expect(threads.length).toBeGreaterThan(0);
    for (const t of threads) expect(t.diagnosis).toBe('target-called');
    const visible = threads.find((t) => t.visibility === 'visible')!;
    // README's walk-through: "If you wrote target: worker(student), the test says the work ran in MainThread".
    expect(visible.message).toMatch(/^The work ran in MainThread, not in a new thread/);
    expect(visible.message).toMatch(/exercise\.ts:\d+ {2}│ .*target: worker\(student\)/);
    expect(visible.hint).toBe('Pass the function and its arguments apart: new Thread({ target: worker, args: [x] }).');
    noRawText(threads);

    const processes = failing(ex07);
    const died = processes.filter((t) => t.diagnosis === 'child-died');
    expect(died.length).toBeGreaterThan(0);
    const first = processes[0]!;
    expect(first.diagnosis).toBe('child-died');
    expect(first.message).toMatch(/^Child process Process-\d+ died of an error \(AttributeError: Can't get attribute 'target' on <module 'exercise' from 'exercise\.ts'>\)/);
    expect(first.message).toMatch(/Traceback \(most recent call last\):/);
    noRawText(died);

    const gathers = failing(ex14);
    const running = gathers.filter((t) => t.diagnosis === 'running-promise');
    expect(running.length).toBeGreaterThan(0);
    expect(running.some((t) => t.visibility === 'hidden')).toBe(true);
    for (const t of running) {
      expect(t.message).toContain('gather(...ids.map((id) => () => validate(id)))');
      expect(t.message?.split('\n')[0]).not.toMatch(/returnExceptions/);
    }
    noRawText(running);
  }, 120_000);

  test('missing-await (01), in Spanish', async () => {
    const dir = submission({
      '01-threads-args': ['for (const thread of threads) await thread.join();', 'for (const thread of threads) void thread.join();'],
    });
    const result = await grade({ courseRoot: TOOL_ROOT, source: { kind: 'submission', dir }, only: ['01'], lang: 'es', hidden: true });
    const tests = failing(result.exercises[0]);
    expect(tests.length).toBeGreaterThan(0);
    for (const t of tests) expect(t.diagnosis).toBe('missing-await');
    const visible = tests.find((t) => t.visibility === 'visible')!;
    expect(visible.message).toMatch(/^Falta un await: MainThread seguía esperando en Thread\.join\(\)/);
    expect(visible.message).toMatch(/exercise\.ts:\d+ {2}│ for \(const thread of threads\) void thread\.join\(\);/);
    expect(visible.hint).toMatch(/^Pon await delante de cada llamada que espera/);
    noRawText(tests);
  }, 120_000);

  test('join-in-start-loop (01), in English: named from the order of starts and joins, at the join line', async () => {
    const dir = submission({
      '01-threads-args': ['  for (const thread of threads) thread.start();\n  // Phase 2: wait for each one. Joining inside the first loop would run the jobs one after another.\n  for (const thread of threads) await thread.join();',
        '  for (const thread of threads) {\n    thread.start();\n    await thread.join();\n  }'],
    });
    const result = await grade({ courseRoot: TOOL_ROOT, source: { kind: 'submission', dir }, only: ['01'], lang: 'en', hidden: true });
    const tests = failing(result.exercises[0]);
    expect(tests.length).toBeGreaterThan(0);
    const visible = tests.find((t) => t.visibility === 'visible')!;
    // README's walk-through: "if you joined inside the loop that starts the threads, it says so at your join line".
    expect(visible.diagnosis).toBe('join-in-start-loop');
    expect(visible.message).toMatch(/^join\(\) inside the loop that starts the threads: Thread-1 \(attachReceipt\) is waited for before Thread-2 \(attachReceipt\) starts/);
    expect(visible.message).toMatch(/exercise\.ts:\d+ {2}│ await thread\.join\(\);/);
    noRawText(tests.filter((t) => t.diagnosis === 'join-in-start-loop'));
  }, 120_000);
});
