// Visible tests for exercise 12: the unit's Manager example and a small tally.
import { afterEach, expect, test } from 'vitest';
import { expectNoPromise, expectWaitedFor, nameManagerMistake, say } from '#course/kit';
import * as mp from '#runtime/multiprocessing';
import { recordLifecycle, type LifecycleEvent } from '#runtime/testing';
import { runSeedExample, tallyAll } from './exercise.ts';

afterEach(() => {
  for (const child of mp.activeChildren()) child.terminate();
});

/** Runs `fn` recording its starts and joins and the children still alive when it returned; names a Manager mistake it throws. */
async function watched<T>(fn: () => Promise<T>, name: string): Promise<{ value: T; events: LifecycleEvent[]; alive: string[] }> {
  try {
    const { value, events } = await recordLifecycle(fn);
    return { value, events, alive: mp.activeChildren().map((p) => p.name) };
  } catch (error) {
    nameManagerMistake(error, name);
    throw error;
  }
}

test('the unit example prints what CPython prints', async () => {
  const { value: { d, l }, events, alive } = await watched(runSeedExample, 'runSeedExample');
  expectNoPromise(d, ['el diccionario d que devuelve runSeedExample', 'the dict d that runSeedExample returns'], 'await d.copy()');
  expectNoPromise(l, ['la lista l que devuelve runSeedExample', 'the list l that runSeedExample returns'], 'await l.copy()');
  if ([...d].length === 0 || JSON.stringify(l) !== JSON.stringify([9, 8, 7, 6, 5, 4, 3, 2, 1, 0])) {
    expectWaitedFor(events, 'Process', 'runSeedExample', alive);
  }
  expect([...d], say("Python: {1: '1', '2': 2, 0.25: None}", "Python: {1: '1', '2': 2, 0.25: None}"))
    .toEqual([[1, '1'], ['2', 2], [0.25, null]]);
  expect(l, say('Python: [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]', 'Python: [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]'))
    .toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
});

test('tallyAll gathers the totals and the log of two faculties', async () => {
  const { value: { totals, log }, events, alive } = await watched(
    () => tallyAll({ Derecho: [1000, 2050], Medicina: [] }, 'EUR'), 'tallyAll');
  expectNoPromise(totals, ['el Map totals que devuelve tallyAll', 'the totals Map that tallyAll returns'], 'await totals.copy()');
  expectNoPromise(log, ['el registro log que devuelve tallyAll', 'the log that tallyAll returns'], 'await log.copy()');
  if (totals.size !== 2 || log.length !== 2) expectWaitedFor(events, 'Process', 'tallyAll', alive);
  expect(totals, say('total en céntimos por facultad', 'total in cents per faculty'))
    .toEqual(new Map([['Derecho', 3050], ['Medicina', 0]]));
  expect([...log].sort(), say('una línea de registro por facultad', 'one log line per faculty'))
    .toEqual(['Derecho: 2 comprobantes, 30.50 EUR', 'Medicina: 0 comprobantes, 0.00 EUR']);
});
