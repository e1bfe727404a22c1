// Visible tests for exercise 12: the unit's Manager example and a small tally.
import { afterEach, expect, test } from 'vitest';
import { say } from '#grader/testkit';
import * as mp from '#runtime/multiprocessing';
import { runSeedExample, tallyAll } from './exercise.ts';

afterEach(() => {
  for (const child of mp.activeChildren()) child.terminate();
});

test('the unit example prints what CPython prints', async () => {
  const { d, l } = await runSeedExample();
  expect([...d], say("Python: {1: '1', '2': 2, 0.25: None}", "Python: {1: '1', '2': 2, 0.25: None}"))
    .toEqual([[1, '1'], ['2', 2], [0.25, null]]);
  expect(l, say('Python: [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]', 'Python: [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]'))
    .toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
});

test('tallyAll gathers the totals and the log of two faculties', async () => {
  const { totals, log } = await tallyAll({ Derecho: [1000, 2050], Medicina: [] }, 'EUR');
  expect(totals, say('total en céntimos por facultad', 'total in cents per faculty'))
    .toEqual(new Map([['Derecho', 3050], ['Medicina', 0]]));
  expect([...log].sort(), say('una línea de registro por facultad', 'one log line per faculty'))
    .toEqual(['Derecho: 2 comprobantes, 30.50 EUR', 'Medicina: 0 comprobantes, 0.00 EUR']);
});
