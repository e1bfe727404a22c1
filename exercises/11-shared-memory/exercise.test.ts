// Visible tests for exercise 11: the unit's negate example and a shared counter.
import { afterEach, expect, test } from 'vitest';
import { expectNoRaces, expectWaitedFor, failLesson, say } from '#course/kit';
import * as mp from '#runtime/multiprocessing';
import { recordLifecycle, watchRaces, type LifecycleEvent } from '#runtime/testing';
import { countInProcesses, negateInChild } from './exercise.ts';

const LOCK_ADVICE: [string, string] = [
  'Rodea cada counter.value += 1 con el cerrojo del propio Value: await counter.getLock().acquire() ... release() (el mismo en todos los procesos, no uno nuevo por proceso).',
  'Wrap each counter.value += 1 in the Value\'s own lock: await counter.getLock().acquire() ... release() (the same one in every process, not a new one per process).',
];

afterEach(() => {
  for (const child of mp.activeChildren()) child.terminate();
});

/** Runs `fn` recording its starts and joins, and the children still alive when it returned. */
async function watched<T>(fn: () => Promise<T>): Promise<{ value: T; events: LifecycleEvent[]; alive: string[] }> {
  const { value, events } = await recordLifecycle(fn);
  return { value, events, alive: mp.activeChildren().map((p) => p.name) };
}

const SHARE: [string, string] = [
  'el hijo escribe en la memoria del padre solo a través de un mp.Value / mp.Array: const num = new mp.Value(\'d\', 0.0); const arr = new mp.Array(\'i\', values); y se pasan tal cual en args',
  'the child writes into the parent\'s memory only through an mp.Value / mp.Array: const num = new mp.Value(\'d\', 0.0); const arr = new mp.Array(\'i\', values); passed as they are in args',
];

test('negateInChild gives the output of the unit example', async () => {
  const values = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  let run: { value: { num: number; arr: number[] }; events: LifecycleEvent[]; alive: string[] };
  try {
    run = await watched(() => negateInChild(values));
  } catch (error) {
    if (error instanceof TypeError && /toArray is not a function/.test(error.message)) {
      failLesson('shared-state-lost', [
        `arr no es un mp.Array (${error.message}): un array normal se copia al hijo y sus cambios se quedan allí. ${SHARE[0]}`,
        `arr is not an mp.Array (${error.message}): a plain array is copied into the child and its changes stay there. ${SHARE[1]}`], SHARE);
    }
    throw error;
  }
  const { value: result, events, alive } = run;
  const negated = values.map((v) => -v || 0);
  if (result.num !== 3.1415927 || JSON.stringify(result.arr) !== JSON.stringify(negated)) {
    expectWaitedFor(events, 'Process', 'negateInChild', alive);
  }
  if (result.num === 0 && JSON.stringify(result.arr) === JSON.stringify(negated)) {
    failLesson('shared-state-lost', [
      `el Array cambió pero num sigue en 0: num no es un mp.Value, así que el hijo escribió en su copia. ${SHARE[0]}`,
      `the Array changed but num is still 0: num is not an mp.Value, so the child wrote into its copy. ${SHARE[1]}`], SHARE);
  }
  if (result.num === 3.1415927 && JSON.stringify(result.arr) === JSON.stringify(values)) {
    failLesson('shared-state-lost', [
      `num cambió pero el Array no: arr no es un mp.Array (o pasaste arr.toArray()), así que el hijo cambió su copia. ${SHARE[0]}`,
      `num changed but the Array did not: arr is not an mp.Array (or you passed arr.toArray()), so the child changed its copy. ${SHARE[1]}`], SHARE);
  }
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
  const { value: total, events, alive } = await watched(() => countInProcesses(2, 1000));
  if (total !== 2000) expectWaitedFor(events, 'Process', 'countInProcesses', alive);
  expectNoRaces(watch, LOCK_ADVICE);
  if (total > 2000) {
    // A race only ever loses increments: more than asked means more rounds than asked.
    failLesson('wrong-count', [
      `el contador vale ${total}, más que 2 × 1000: cada proceso suma más veces de las pedidas. Revisa el bucle de addReceipts: i < times, no i <= times`,
      `the counter holds ${total}, more than 2 × 1000: each process adds more times than asked. Check addReceipts' loop: i < times, not i <= times`],
    ['Exactamente `times` vueltas: for (let i = 0; i < times; i++) { ... }', 'Exactly `times` turns: for (let i = 0; i < times; i++) { ... }']);
  }
  expect(total, say('2 procesos × 1000 incrementos', '2 processes × 1000 increments')).toBe(2000);
});

test('countInProcesses refuses zero processes', async () => {
  await expect(countInProcesses(0, 5), say('processes < 1 lanza RangeError', 'processes < 1 throws RangeError'))
    .rejects.toThrow(RangeError);
});
