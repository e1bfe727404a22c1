// Hints matched to the failure: the failing test's own first, labelled "Pista 1/4", progressive locally,
// folded in the PR comment up to the instructor's level.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { markdown } from '../report/markdown.ts';
import { renderExercise } from '../report/terminal.ts';
import { exerciseResult, gradeResult, testResult } from '../test-support/results.ts';
import { entryOf, readMemory, releasedLevel, writeMemory } from './memory.ts';
import { ciHintLevel, hintLabel, releaseHints, testHintOf } from './select.ts';

const meta = {
  hints: { es: ['uno', 'dos', 'tres', 'cuatro'], en: ['one', 'two', 'three', 'four'] },
  testHints: { 'takes 0.5 s': { es: 'las esperas se solapan', en: 'the waits overlap' } },
};
const scratch = mkdtempSync(join(tmpdir(), 'hints-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('release', () => {
  test('the failing test\'s own hint comes first, then the list up to the level', () => {
    const hints = releaseHints(meta, ['01 · x > prints', '01 · x > takes 0.5 s'], 2, 'es');
    expect(hints.map((h) => `${hintLabel(h, 'es')}: ${h.text}`)).toEqual([
      'Pista de este test: las esperas se solapan', 'Pista 1/4: uno', 'Pista 2/4: dos']);
    expect(releaseHints(meta, ['prints'], 9, 'en').map((h) => hintLabel(h, 'en'))).toEqual(['Hint 1/4', 'Hint 2/4', 'Hint 3/4', 'Hint 4/4']);
    expect(releaseHints(meta, ['prints'], 0, 'en')).toEqual([]);
  });

  test('a test hint matches by name or by full name, never by a partial name', () => {
    expect(testHintOf(meta, 'takes 0.5 s', 'en')).toBe('the waits overlap');
    expect(testHintOf(meta, 'suite > takes 0.5 s', 'en')).toBe('the waits overlap');
    expect(testHintOf(meta, 'suite > never takes 0.5 s', 'en')).toBeNull();
  });

  test('the CI level: flag, then COURSE_HINT_LEVEL, then 2; nonsense is an error', () => {
    expect(ciHintLevel(undefined, {})).toBe(2);
    expect(ciHintLevel(undefined, { COURSE_HINT_LEVEL: '4' })).toBe(4);
    expect(ciHintLevel('0', { COURSE_HINT_LEVEL: '4' })).toBe(0);
    expect(() => ciHintLevel('many', {})).toThrow(/whole number/);
  });
});

describe('local memory', () => {
  test('one more hint every 3 failed runs, or as asked, never past the last', () => {
    expect(releasedLevel(undefined, 4)).toBe(1);
    expect([1, 3, 4, 7, 30].map((failedRuns) => releasedLevel({ failedRuns, asked: 0 }, 4))).toEqual([1, 1, 2, 3, 4]);
    expect(releasedLevel({ failedRuns: 1, asked: 3 }, 4)).toBe(3);
  });

  test('survives a round trip; a missing or broken file is an empty memory', () => {
    const root = join(scratch, 'course');
    expect(readMemory(root)).toEqual({ exercises: {} });
    const memory = readMemory(root);
    entryOf(memory, '01-a').failedRuns += 2;
    memory.current = '01-a';
    writeMemory(root, memory);
    expect(readMemory(root)).toEqual({ current: '01-a', exercises: { '01-a': { failedRuns: 2, asked: 0 } } });
  });
});

describe('rendering', () => {
  const failing = exerciseResult('01-add', [testResult('takes 0.5 s', { status: 'fail', score: 0, message: 'took 1.5 s', hint: 'the waits overlap' })], {
    hints_available: 4,
    hints: ['the waits overlap', 'one', 'two <b>|'],
  });

  test('terminal: every released hint labelled, and how to get the next', () => {
    const text = renderExercise(failing, 'en', { color: false, visibleOnly: true });
    expect(text).toContain('    Hint for this test: the waits overlap\n    Hint 1/4: one\n    Hint 2/4: two <b>|\n    Next hint: npm test -- 01 --hint');
  });

  test('PR comment: the first hint in the open, the others folded and escaped', () => {
    const text = markdown(gradeResult([failing]), 'comment');
    expect(text).toContain('💡 **Hint for this test:** the waits overlap\n\n<details><summary>More hints (2)</summary>\n\n💡 **Hint 1/4:** one\n\n💡 **Hint 2/4:** two &lt;b&gt;\\|\n\n</details>');
  });
});
