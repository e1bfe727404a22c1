import { describe, expect, test } from 'vitest';
import { firstFailuresWithoutHint } from './hint-coverage.ts';
import type { Exercise } from '../model/course.ts';
import type { Fixture } from '../variants/fixtures.ts';

const exercise = {
  key: '01-add',
  meta: { testHints: { 'adds two numbers': { es: 'suma los dos', en: 'add both' } } },
} as unknown as Exercise;

function fixture(name: string, first: string, key = '01-add'): Pick<Fixture, 'name' | 'exercise' | 'expect'> {
  return { name, exercise: { key } as Exercise, expect: { score: 1, failing: [first], first, diagnosis: null } };
}

describe('every first failure of a mistake fixture has its own hint', () => {
  test('a first failure named by a testHints key (whole id or its last part) passes', () => {
    expect(firstFailuresWithoutHint(exercise, [fixture('minus', 'add > adds two numbers'), fixture('plus', 'adds two numbers')])).toEqual([]);
  });

  test('one without is reported once, with every fixture that fails it first', () => {
    expect(firstFailuresWithoutHint(exercise, [fixture('minus', 'add > rounds to cents'), fixture('times', 'add > rounds to cents')])).toEqual([
      'meta.json testHints: no hint for "add > rounds to cents", the first failure of the mistake fixture(s) minus, times (the student would see another test\'s hint)',
    ]);
  });

  test('a key that only ends like the test name does not count; other exercises\' fixtures and unrecorded ones are left out', () => {
    expect(firstFailuresWithoutHint(exercise, [fixture('never', 'add > never adds two numbers')])).toHaveLength(1);
    expect(firstFailuresWithoutHint(exercise, [fixture('other', 'sub > rounds', '02-sub'), { ...fixture('new', 'x'), expect: null }])).toEqual([]);
  });
});
