// Visible tests for exercise 11: the unit's negate example and a shared counter.
import { afterEach, expect, test } from 'vitest';
import { say } from '#grader/testkit';
import * as mp from '#runtime/multiprocessing';
import { countInProcesses, negateInChild } from './exercise.ts';

afterEach(() => {
  for (const child of mp.activeChildren()) child.terminate();
});

test('negateInChild gives the output of the unit example', async () => {
  const result = await negateInChild([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  expect(result.num, say('num.value tras el hijo (Python imprime 3.1415927)', 'num.value after the child (Python prints 3.1415927)'))
    .toBe(3.1415927);
  expect(result.arr, say('arr[:] tras el hijo', 'arr[:] after the child')).toEqual([0, -1, -2, -3, -4, -5, -6, -7, -8, -9]);
});

test('two processes count 2,000 receipts into one shared Value', async () => {
  expect(await countInProcesses(2, 1000), say('2 procesos × 1000 incrementos', '2 processes × 1000 increments')).toBe(2000);
});

test('countInProcesses refuses zero processes', async () => {
  await expect(countInProcesses(0, 5), say('processes < 1 lanza RangeError', 'processes < 1 throws RangeError'))
    .rejects.toThrow(RangeError);
});
