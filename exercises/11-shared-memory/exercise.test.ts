// Visible tests for exercise 11: the unit's negate example and a shared counter.
import { afterEach, expect, test } from 'vitest';
import { expectNoRaces, say } from '#grader/testkit';
import * as mp from '#runtime/multiprocessing';
import { watchRaces } from '#runtime/testing';
import { countInProcesses, negateInChild } from './exercise.ts';

const LOCK_ADVICE: [string, string] = [
  'Rodea cada counter.value += 1 con el cerrojo del propio Value: await counter.getLock().acquire() ... release() (el mismo en todos los procesos, no uno nuevo por proceso).',
  'Wrap each counter.value += 1 in the Value\'s own lock: await counter.getLock().acquire() ... release() (the same one in every process, not a new one per process).',
];

afterEach(() => {
  for (const child of mp.activeChildren()) child.terminate();
});

test('negateInChild gives the output of the unit example', async () => {
  const result = await negateInChild([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  if (result.num === 0 && JSON.stringify(result.arr) === JSON.stringify([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])) {
    expect.fail(say(
      'el padre sigue viendo los valores originales: el hijo trabajó sobre una copia (o no se ejecutó). Pasa en args el Value y el Array mismos, no num.value ni arr.toArray()',
      'the parent still sees the original values: the child worked on a copy (or never ran). Pass the Value and the Array themselves in args, not num.value or arr.toArray()'));
  }
  expect(result.num, say('num.value tras el hijo (Python imprime 3.1415927)', 'num.value after the child (Python prints 3.1415927)'))
    .toBe(3.1415927);
  expect(result.arr, say('arr[:] tras el hijo', 'arr[:] after the child')).toEqual([0, -1, -2, -3, -4, -5, -6, -7, -8, -9]);
});

test('two processes count 2,000 receipts into one shared Value', async () => {
  const watch = watchRaces();
  const total = await countInProcesses(2, 1000);
  expectNoRaces(watch, LOCK_ADVICE);
  expect(total, say('2 procesos × 1000 incrementos', '2 processes × 1000 increments')).toBe(2000);
});

test('countInProcesses refuses zero processes', async () => {
  await expect(countInProcesses(0, 5), say('processes < 1 lanza RangeError', 'processes < 1 throws RangeError'))
    .rejects.toThrow(RangeError);
});
