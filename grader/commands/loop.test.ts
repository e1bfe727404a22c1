// The student loop's commands on the fixture course: watch (with a scripted keyboard; the real terminal is
// covered by npm run test:loop), its one-shot fallback without a terminal, and the progress table.
import { copyFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadCourse } from '../model/course.ts';
import { exerciseResult, testResult } from '../test-support/results.ts';
import { FIXTURE_COURSE } from '../test-support/course-builder.ts';
import type { Io } from './common.ts';
import { buildProgress, renderProgress } from './progress.ts';
import { watchCommand, type Keyboard } from './watch.ts';

const scratch = mkdtempSync(join(tmpdir(), 'loop-commands-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function recorder(): { io: Io; text: () => string } {
  let out = '';
  return { io: { out: (t) => { out += t; }, err: (t) => { out += t; }, env: {}, color: false }, text: () => out };
}

async function until(text: () => string, pattern: RegExp, from = 0): Promise<number> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const match = pattern.exec(text().slice(from));
    if (match !== null) return from + match.index + match[0].length;
    if (Date.now() > deadline) throw new Error(`never saw ${pattern}:\n${text()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('watch', () => {
  test('runs, shows hints on h, re-runs on save, moves on when it passes, quits on q', async () => {
    const course = join(scratch, 'watch');
    cpSync(FIXTURE_COURSE, course, { recursive: true });
    let press: (key: string) => void = () => {};
    let closed = false;
    const keyboard: Keyboard = { isTTY: true, onKey: (listener) => { press = listener; }, close: () => { closed = true; } };
    const { io, text } = recorder();
    const done = watchCommand(['01', '--course', course, '--lang', 'en'], io, { keyboard });
    let at = await until(text, /Save a file to run again · h hint/);
    expect(text()).toContain('watch · 01-add');
    expect(text()).toContain('Hint 1/1: Use the + operator.');
    press('h');
    at = await until(text, /Hint 1\/1 · 01-add\nUse the \+ operator\.\n\nThat is the last hint\./, at);
    press('l');
    at = await until(text, /▶ 01 {2}01-add/, at);
    copyFileSync(join(course, 'solutions', '01-add', 'exercise.ts'), join(course, 'exercises', '01-add', 'exercise.ts'));
    at = await until(text, /✓ 01-add done\. Next: 02-words/, at);
    await until(text, /watch · 02-words/, at);
    press('q');
    expect(await done).toBe(0);
    expect(closed).toBe(true);
  }, 120_000);

  test('without a terminal it runs once and says so', async () => {
    const { io, text } = recorder();
    const keyboard: Keyboard = { isTTY: false, onKey: () => {}, close: () => {} };
    const code = await watchCommand(['01', '--course', FIXTURE_COURSE, '--lang', 'es'], io, { keyboard });
    expect(code).toBe(1);
    expect(text()).toContain('watch: no hay terminal interactiva; se ejecuta una vez');
    expect(text()).toContain('Siguiente: 01-add');
  }, 60_000);
});

describe('progress', () => {
  const exercises = loadCourse(FIXTURE_COURSE).exercises;
  const fail = { status: 'fail' as const, score: 0 };
  const results = [
    exerciseResult('01-add', [testResult('adds small numbers'), testResult('adds negatives', fail), testResult('adds zero', fail)], { id: '01' }),
    exerciseResult('02-words', [testResult('counts words')], { id: '02' }),
    exerciseResult('03-sleepy', [testResult('threads sleep at the same time', fail)], { id: '03' }),
  ];

  test('states, visible counts, points without the hidden tests, hidden tests left for CI, next and total', () => {
    const progress = buildProgress(exercises, results);
    expect(progress.rows.map((row) => [row.key, row.state, `${row.visible.passed}/${row.visible.total}`, row.points, row.hidden_pending])).toEqual([
      ['01-add', 'partial', '1/3', 1.67, 2],
      ['02-words', 'hidden-pending', '1/1', expect.any(Number), 1],
      ['03-sleepy', 'not-started', '0/1', 0, 0],
    ]);
    // 01-add: 10 points over the visible weights 1 + 2 (adds negatives) + 1 and 2 hidden tests; the one passed weighs 1.
    expect(progress.next).toEqual({ id: '01', key: '01-add' });
    const text = renderProgress(progress, 'es', false);
    expect(text).toContain('* los tests visibles pasan; los ocultos se ejecutarán en CI');
    expect(text).toContain('Siguiente: 01-add  →  npm run watch -- 01');
    expect(text).toContain('◐  01-add     a medias          1/3  1,67/10              2');
    expect(text).toContain('Total sin los tests ocultos: 4,67/20');
  });
});
