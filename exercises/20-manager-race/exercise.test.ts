// Visible tests for exercise 20: the totals of a Manager dict written by several till processes. Real processes
// on the real clock. Tills that write the dict without one shared lock are caught by the race detector (the
// locks held at each write, whatever the timing); a lock around the write alone is caught by the audit (how
// many tills were between read and write at once) and by the euros lost.
import { describe, test, expect } from 'vitest';
import { expectNoPromise, expectNoRaces, expectWaitedFor, failLesson, nameManagerMistake, say } from '#course/kit';
import * as mp from '#runtime/multiprocessing';
import { recordLifecycle, watchRaces } from '#runtime/testing';
import { LOCK_ADVICE, newAudit, outsideLockMessage, type Receipt } from './support.ts';
import { collectAll as studentCollectAll } from './exercise.ts';

/** collectAll, with the Manager's mistakes named in the student's terms ('broken pipe', a Promise for a Manager). */
async function collectAll(...args: Parameters<typeof studentCollectAll>): Promise<Map<string, number>> {
  try {
    return await studentCollectAll(...args);
  } catch (error) {
    nameManagerMistake(error, 'collectAll');
    if (!(error instanceof Error) || error.name !== 'BrokenPipeError') throw error;
    failLesson('missing-await', ['BrokenPipeError: el Manager se cerró antes de que llegara la copia de los totales. Dentro del bloque `await using manager`, devuelve `await totals.copy()`, no la promesa sin esperar',
      'BrokenPipeError: the Manager shut down before the copy of the totals arrived. Inside the `await using manager` block, return `await totals.copy()`, not the promise unawaited'], [
      'return await totals.copy(); dentro del bloque: sin await, el Manager se cierra al salir del bloque antes de que llegue la copia.',
      'return await totals.copy(); inside the block: without await, the Manager shuts down as the block ends, before the copy arrives.']);
  }
}

const euros = (cents: number): string => (cents / 100).toFixed(2);
const eurosEs = (cents: number): string => euros(cents).replace('.', ',');

describe('a race through a Manager', () => {
  test('one till adds its receipts to each faculty', async () => {
    const { value: totals, events } = await recordLifecycle(() => collectAll([[['Derecho', 1000], ['Medicina', 250], ['Derecho', 500]]], newAudit()));
    const alive = mp.activeChildren().map((p) => p.name);
    expectNoPromise(totals, ['el Map que devuelve collectAll', 'the Map collectAll returns'], 'return await totals.copy()');
    if (totals.get('Derecho') !== 1500 || totals.get('Medicina') !== 250) expectWaitedFor(events, 'Process', 'collectAll', alive);
    expect(totals, say('los totales por facultad, en céntimos', 'the totals per faculty, in cents'))
      .toEqual(new Map([['Derecho', 1500], ['Medicina', 250]]));
  });

  test('four tills on the same faculty lose no receipt', async () => {
    const tills: Receipt[][] = Array.from({ length: 4 }, (_, t) => Array.from({ length: 6 }, (_, k): Receipt => ['Derecho', 100 * (t + 1) + k]));
    const expected = tills.flat().reduce((sum, [, amount]) => sum + amount, 0);
    const audit = newAudit();
    // The lockset check first: it judges the locks held at each write, so it fails the same way in every run,
    // whether or not the tills happened to collide this time.
    const watch = watchRaces();
    const totals = await collectAll(tills, audit);
    expectNoRaces(watch, LOCK_ADVICE);
    const outside = outsideLockMessage(audit);
    if (outside !== null) expect.fail(say(...outside));
    const got = totals.get('Derecho') ?? 0;
    if (got !== expected) {
      expect.fail(say(`faltan ${eurosEs(expected - got)} € en Derecho (${eurosEs(got)} de ${eurosEs(expected)}): dos cajas leyeron el mismo total y la segunda escritura borró la primera. Leer, confirmar y escribir tienen que ir dentro de un mismo manager.Lock(), compartido por todas las cajas`,
        `${euros(expected - got)} € missing in Derecho (${euros(got)} of ${euros(expected)}): two tills read the same total and the second write wiped out the first. Reading, confirming and writing must sit inside one manager.Lock(), shared by every till`));
    }
    const most = audit[1] as number;
    if (most > 1) {
      expect.fail(say(`${most} cajas estuvieron a la vez entre leer y escribir el total: esta vez no se perdió nada por suerte. Protege leer-confirmar-escribir con un único manager.Lock() que reciban todas las cajas`,
        `${most} tills were between reading and writing the total at the same time: nothing was lost this time by luck. Protect read-confirm-write with one manager.Lock() that every till receives`));
    }
    expect(totals, say('un único total', 'a single total')).toEqual(new Map([['Derecho', expected]]));
  });
});
