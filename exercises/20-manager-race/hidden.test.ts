// Hidden tests for exercise 20: tills released at the same instant by a barrier, random receipts from fixed seeds,
// no write to the totals without the shared lock (the race detector: the same verdict whatever the timing),
// exact totals and no two tills inside read-confirm-write at once; the lock released when the bank refuses an
// amount; empty input. Real processes on the real clock.
import { describe, test, expect } from 'vitest';
import { expectNoRaces, failLesson, say, seeded } from '#course/kit';
import * as mp from '#runtime/multiprocessing';
import { recordLifecycle, startAfterJoin, watchRaces } from '#runtime/testing';
import { LOCK_ADVICE, newAudit, outsideLockMessage, releasedTogether, type Audit, type Receipt } from './support.ts';
import { addReceipt, collectAll as studentCollectAll } from './exercise.ts';

/** collectAll, with the Manager's 'broken pipe' explained in the student's terms. */
async function collectAll(...args: Parameters<typeof studentCollectAll>): Promise<Map<string, number>> {
  try {
    return await studentCollectAll(...args);
  } catch (error) {
    if (!(error instanceof Error) || error.name !== 'BrokenPipeError') throw error;
    throw new Error(say('BrokenPipeError: el Manager se cerró antes de que llegara la copia de los totales. Dentro del bloque `await using manager`, devuelve `await totals.copy()`, no la promesa sin esperar',
      'BrokenPipeError: the Manager shut down before the copy of the totals arrived. Inside the `await using manager` block, return `await totals.copy()`, not the promise unawaited'), { cause: error });
  }
}

const FACULTIES = ['Derecho', 'Medicina', 'Economía', 'Historia'];
const euros = (cents: number): string => (cents / 100).toFixed(2);
const eurosEs = (cents: number): string => euros(cents).replace('.', ',');

function randomTills(seed: number, tills: number, perTill: number, faculties: number): Receipt[][] {
  const next = seeded(seed);
  return Array.from({ length: tills }, () => Array.from({ length: perTill }, (): Receipt =>
    [FACULTIES[Math.floor(next() * faculties)]!, 100 + Math.floor(next() * 90000)]));
}

function sums(tills: Receipt[][]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const [faculty, amount] of tills.flat()) totals.set(faculty, (totals.get(faculty) ?? 0) + amount);
  return totals;
}

function judge(totals: Map<string, number>, expected: Map<string, number>, audit: Audit): void {
  const outside = outsideLockMessage(audit);
  if (outside !== null) expect.fail(say(...outside));
  const most = audit[1] as number;
  for (const [faculty, want] of expected) {
    const got = totals.get(faculty) ?? 0;
    if (got !== want) {
      expect.fail(say(`faltan ${eurosEs(want - got)} € en ${faculty}: dos cajas leyeron el mismo total y una escritura borró otra. Toma el manager.Lock() compartido antes de leer y suéltalo después de escribir (en un finally)`,
        `${euros(want - got)} € missing in ${faculty}: two tills read the same total and one write wiped out another. Take the shared manager.Lock() before reading and release it after writing (in a finally)`));
    }
  }
  if (most > 1) {
    expect.fail(say(`${most} cajas estuvieron a la vez entre leer y escribir: no se perdió nada por suerte. Todo leer-confirmar-escribir va dentro del cerrojo compartido`,
      `${most} tills were between reading and writing at once: nothing was lost by luck. All of read-confirm-write goes inside the shared lock`));
  }
  expect(totals, say('los totales exactos', 'the exact totals')).toEqual(expected);
}

describe('addReceipt (hidden)', () => {
  for (const [seed, tills] of [[2001, 3], [2002, 5]] as const) {
    test(`${tills} tills released at the same instant lose nothing, seed ${seed}`, async () => {
      const work = randomTills(seed, tills, 6, 2);
      const audit = newAudit();
      await using manager = await mp.Manager();
      const totals = manager.dict<string, number>();
      const lock = manager.Lock();
      const opening = new mp.Barrier(tills);
      const watch = watchRaces();
      const processes = work.map((receipts) => new mp.Process({ target: releasedTogether, args: [totals, lock, audit, opening, receipts] }));
      for (const p of processes) p.start();
      for (const p of processes) await p.join();
      const failed = processes.filter((p) => p.exitcode !== 0).length;
      expect(failed, say('cajas que terminaron con error (código de salida distinto de 0): addReceipt lanzó en el proceso hijo', 'tills that ended with an error (exit code other than 0): addReceipt threw in the child process')).toBe(0);
      expectNoRaces(watch, LOCK_ADVICE);
      judge(await totals.copy(), sums(work), audit);
    });
  }

  test('the lock is released when the bank refuses an amount', async () => {
    await using manager = await mp.Manager();
    const totals = manager.dict<string, number>();
    const lock = manager.Lock();
    const audit = newAudit();
    await addReceipt(totals, lock, audit, 'Derecho', 700);
    let refused: unknown = null;
    try {
      await addReceipt(totals, lock, audit, 'Derecho', -5);
    } catch (error) {
      refused = error;
    }
    if (refused === null) {
      failLesson('error-swallowed', [
        'addReceipt no lanzó el RangeError del banco (un importe negativo): un catch se lo tragó y el recibo se da por sumado. Usa try/finally sin catch: el finally suelta el cerrojo y el error sigue su camino',
        'addReceipt did not throw the bank\'s RangeError (a negative amount): a catch swallowed it and the receipt counts as added. Use try/finally with no catch: the finally releases the lock and the error goes on']);
    }
    expect(refused, say('el RangeError del banco llega a quien llama', 'the bank\'s RangeError reaches the caller')).toBeInstanceOf(RangeError);
    const free = await lock.acquire(true, 1);
    if (!free) {
      expect.fail(say('el cerrojo se quedó tomado después del error: las demás cajas esperarían para siempre. Suéltalo en un finally',
        'the lock stayed taken after the error: every other till would wait forever. Release it in a finally'));
    }
    await lock.release();
    expect(await totals.get('Derecho'), say('un importe rechazado no cambia el total', 'a refused amount does not change the total')).toBe(700);
  });
});

describe('collectAll (hidden)', () => {
  for (const [seed, tills, faculties] of [[2011, 4, 3], [2012, 6, 2]] as const) {
    test(`${tills} tills over ${faculties} faculties, seed ${seed}`, async () => {
      const work = randomTills(seed, tills, 5, faculties);
      const audit = newAudit();
      const watch = watchRaces();
      const totals = await collectAll(work, audit);
      expectNoRaces(watch, LOCK_ADVICE);
      judge(totals, sums(work), audit);
      expect(mp.activeChildren(), say('collectAll espera a todas las cajas', 'collectAll waits for every till')).toEqual([]);
    });
  }

  test('every till is started before any is joined', async () => {
    const work = randomTills(2013, 3, 2, 2);
    const audit = newAudit();
    // Races are told from the locks held at each write (every grading), not from lost euros (only on overlap).
    const watch = watchRaces();
    const { value: totals, events } = await recordLifecycle(() => collectAll(work, audit));
    const serial = startAfterJoin(events, 'Process');
    if (serial !== null) {
      failLesson('join-in-start-loop', [
        `collectAll espera a ${serial.joined} (join) antes de arrancar ${serial.started}: así las cajas cobran de una en una y el cerrojo nunca se pone a prueba. Arráncalas todas y después espéralas a todas (dos bucles)`,
        `collectAll waits for ${serial.joined} (join) before starting ${serial.started}: then the tills work one at a time and the lock is never put to the test. Start them all, then join them all (two loops)`],
      ['Primero `for (const p of processes) p.start();` y después, en otro bucle, `await p.join()`.',
        'First `for (const p of processes) p.start();`, then, in another loop, `await p.join()`.']);
    }
    expectNoRaces(watch, LOCK_ADVICE);
    judge(totals, sums(work), audit);
  });

  test('no tills, or tills with nothing to add, give no totals', async () => {
    expect(await collectAll([], newAudit()), say('sin cajas, sin totales', 'no tills, no totals')).toEqual(new Map());
    expect(await collectAll([[], []], newAudit()), say('cajas vacías, sin totales', 'empty tills, no totals')).toEqual(new Map());
  });
});
