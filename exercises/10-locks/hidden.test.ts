// Hidden tests for exercise 10: schedule exploration finds lost updates, deadlocks are reported, the lock
// is released on errors, the work is shared, the slips of 10 processes never interleave, bad input.
import { afterEach, expect, test } from 'vitest';
import { failLesson, isNotImplemented, say, seeded as rng } from '#course/kit';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as mp from '#runtime/multiprocessing';
import { DeadlockError, explore, recordLifecycle, simulate, startAfterJoin, tapUnawaitedWaits, type UnawaitedWait } from '#runtime/testing';
import { Lock, Thread } from '#runtime/threading';
import { monotonic } from '#runtime/time';
import { printAllSlips, printSlip, registerAll, registerReceipt } from './exercise.ts';
import { FlakyLedger, MemoryLedger, mixedSlipsOfTwoThreads, tempPrinter } from './support.ts';

afterEach(() => {
  for (const child of mp.activeChildren()) child.terminate();
});

/** Runs fn in a simulation; a deadlock becomes a failure that names it and shows the runtime's report. */
async function simulated<T>(fn: () => Promise<T>, onDeadlock?: [string, string]): Promise<Awaited<T>> {
  try {
    return (await simulate(fn)).value;
  } catch (error) {
    if (error instanceof DeadlockError && onDeadlock !== undefined) {
      expect.fail(`${say(...onDeadlock)}\n${error.report.text}`);
    }
    if (error instanceof DeadlockError) {
      expect.fail(say(
        `interbloqueo: todos los hilos esperan algo que nunca llega (¿un cerrojo que no se suelta, o que se toma dos veces?)\n${error.report.text}`,
        `deadlock: every thread waits for something that never comes (a lock never released, or taken twice?)\n${error.report.text}`));
    }
    throw error;
  }
}

function explained(failure: NonNullable<Awaited<ReturnType<typeof explore>>>): string {
  if (failure.error instanceof DeadlockError) {
    return say(
      `interbloqueo: en algún orden de los hilos todos esperan un cerrojo que nadie suelta (¿lo tomas dos veces, o no lo sueltas?).\n${failure.message}`,
      `deadlock: in some order of the threads they all wait for a lock nobody releases (taken twice, or never released?).\n${failure.message}`);
  }
  return say(
    `se perdió un incremento: hay un orden de los hilos que rompe el contador. Toma UN cerrojo compartido antes de read() y suéltalo después de write().\n${failure.message}`,
    `an increment was lost: some order of the threads breaks the counter. Take ONE shared lock before read() and release it after write().\n${failure.message}`);
}

test('no schedule loses an increment in registerAll', async () => {
  const next = rng(10001);
  const receipts = 3 + Math.floor(next() * 3);
  const start = Math.floor(next() * 100);
  const failure = await explore(async () => {
    const ledger = new MemoryLedger(start);
    await registerAll(ledger, receipts, 3);
    if (ledger.value !== start + receipts) throw new Error(`ledger ${ledger.value}, expected ${start + receipts}`);
  }, { runs: 60, seed: 10001 });
  if (failure !== null) expect.fail(explained(failure));
});

test('no schedule breaks two threads sharing one lock in registerReceipt', async () => {
  const failure = await explore(async () => {
    const ledger = new MemoryLedger(0);
    const lock = new Lock();
    const threads = [1, 2, 3].map(() => new Thread({ target: registerReceipt, args: [ledger, lock] }));
    for (const t of threads) t.start();
    for (const t of threads) await t.join();
    if (ledger.value !== 3) throw new Error(`ledger ${ledger.value}, expected 3`);
  }, { runs: 60, seed: 10002, strategy: 'random' });
  if (failure !== null) expect.fail(explained(failure));
});

test('the lock is released when the ledger fails halfway', async () => {
  const value = await simulated(async () => {
    const ledger = new FlakyLedger(1, 10);
    const lock = new Lock();
    let firstError: unknown = null;
    const first = new Thread({
      target: async () => {
        try {
          await registerReceipt(ledger, lock);
        } catch (error) {
          firstError = error;
        }
      },
    });
    const second = new Thread({ target: registerReceipt, args: [ledger, lock] });
    first.start();
    second.start();
    await first.join();
    await second.join();
    return { firstError, ledger: ledger.value, locked: lock.locked() };
  }, [
    'el cerrojo no se soltó cuando write() falló, y el otro hilo se quedó esperando para siempre: suéltalo en un finally',
    'the lock was not released when write() failed, and the other thread waited forever: release it in a finally',
  ]);
  if (value.firstError === null) {
    failLesson('error-swallowed', [
      'registerReceipt no lanzó el error de write() (la conexión perdida): un catch se lo tragó y quien llama cree que el registro se hizo. Usa try/finally sin catch: el finally suelta el cerrojo y el error sigue su camino',
      'registerReceipt did not throw the error from write() (the lost connection): a catch swallowed it and the caller believes the registration happened. Use try/finally with no catch: the finally releases the lock and the error goes on']);
  }
  expect(value.firstError, say('el error de write() debe llegar a quien llamó a registerReceipt (no lo tragues)',
    'the error from write() must reach whoever called registerReceipt (do not swallow it)')).toBeInstanceOf(Error);
  expect(value.ledger, say('el segundo registro se hace aunque el primero falle', 'the second registration happens although the first failed'))
    .toBe(11);
  expect(value.locked, say('el cerrojo queda libre al final', 'the lock is free at the end')).toBe(false);
});

test('a deadlock-free registerAll finishes with every receipt', async () => {
  const next = rng(10003);
  const receipts = 5 + Math.floor(next() * 10);
  const threads = 2 + Math.floor(next() * 3);
  const value = await simulated(async () => {
    const ledger = new MemoryLedger(0);
    await registerAll(ledger, receipts, threads);
    return ledger.value;
  });
  expect(value, say(`se perdieron registros: ¿un cerrojo por hilo? Todos los hilos deben compartir UN Lock (${receipts} registros)`,
    `registrations were lost: a lock per thread? All the threads must share ONE Lock (${receipts} registrations)`)).toBe(receipts);
});

test('the threads share the registrations evenly', async () => {
  const value = await simulated(async () => {
    const ledger = new MemoryLedger(0);
    await registerAll(ledger, 7, 3);
    return ledger.writers;
  });
  const perThread = new Map<string, number>();
  for (const w of value) perThread.set(w, (perThread.get(w) ?? 0) + 1);
  expect(perThread.size, say('los 7 registros los escriben 3 hilos distintos (no el hilo principal)',
    'the 7 registrations are written by 3 different threads (not the main thread)')).toBe(3);
  expect([...perThread.keys()].includes('MainThread'), say('el hilo principal no registra nada: lo hacen los hilos',
    'the main thread registers nothing: the threads do')).toBe(false);
  expect([...perThread.values()].sort(), say('reparto equilibrado: 3, 2 y 2', 'an even split: 3, 2 and 2')).toEqual([2, 2, 3]);
});

test('registerAll starts every thread before joining any', async () => {
  const { events } = await recordLifecycle(() => simulate(async () => {
    await registerAll(new MemoryLedger(0), 6, 3);
  }));
  const serial = startAfterJoin(events, 'Thread');
  if (serial !== null) {
    expect.fail(say(
      `registerAll espera a ${serial.joined} (join) antes de arrancar ${serial.started}: así los hilos van de uno en uno y el cerrojo no protege nada. Arráncalos todos y después espéralos a todos (dos bucles)`,
      `registerAll waits for ${serial.joined} (join) before starting ${serial.started}: then the threads go one at a time and the lock protects nothing. Start them all, then join them all (two loops)`));
  }
});

test('printSlip holds the shared lock for its three lines', async () => {
  // Two threads of one process print at once with the same mp.Lock, on the virtual clock: without the lock
  // their lines interleave on every run, on one core or two.
  const printer = tempPrinter();
  try {
    // The runtime reports a wait the code started and never awaited (a thread that ended inside a sleep): the
    // output can look the same, but the slip no longer waits for its pause.
    const unawaited: UnawaitedWait[] = [];
    const stopTap = tapUnawaitedWaits((wait) => void unawaited.push(wait));
    let took: number;
    try {
      took = await simulated(async () => {
        const lock = new mp.Lock();
        const started = monotonic();
        const threads = [7, 8].map((id) => new Thread({ target: printSlip, args: [lock, id, 0.01, printer.path] }));
        for (const t of threads) t.start();
        for (const t of threads) await t.join();
        return monotonic() - started;
      });
    } finally {
      stopTap();
    }
    const dropped = unawaited.find((wait) => /exercise\.ts/.test(`${wait.site ?? ''}\n${wait.stack ?? ''}`));
    if (dropped !== undefined) {
      failLesson('missing-await', [
        `${dropped.who} terminó printSlip con ${dropped.what} aún en marcha${dropped.site === null ? '' : ` (${dropped.site})`}: una llamada sin await. Escribe await delante de esa llamada (await lock.acquire(), await sleep(pause))`,
        `${dropped.who} ended printSlip with ${dropped.what} still running${dropped.site === null ? '' : ` (${dropped.site})`}: a call made without await. Put await before that call (await lock.acquire(), await sleep(pause))`],
      ['appendFileSync(...); await sleep(pause); appendFileSync(...); await sleep(pause); appendFileSync(...);', 'appendFileSync(...); await sleep(pause); appendFileSync(...); await sleep(pause); appendFileSync(...);']);
    }
    const lines = printer.lines();
    expect(lines.length, say('3 líneas por recibo', '3 lines per slip')).toBe(6);
    const first = (lines[0] ?? '').split(':')[0] as string;
    if (!lines.slice(0, 3).every((line) => line.startsWith(`${first}:`))) {
      expect.fail(say(
        `las líneas de dos recibos se mezclan (${lines.slice(0, 3).join(' | ')}): printSlip debe tomar el cerrojo (lock) antes de la primera línea y soltarlo después de la última`,
        `the lines of two slips get mixed (${lines.slice(0, 3).join(' | ')}): printSlip must take the lock before the first line and release it after the last`));
    }
    // Two slips, one after the other, each with two pauses of 0.01 s on the virtual clock: 0.04 s.
    if (took < 0.04 - 1e-9) {
      failLesson('missing-await', [
        `los dos recibos tardaron ${String(Math.round(took * 1000) / 1000).replace('.', ',')} s en vez de 0,04 s (dos pausas de 0,01 s cada uno): una pausa no se esperó (sleep sin await), así que el recibo terminó antes y soltó el cerrojo con la pausa aún en marcha. Escribe await sleep(pause) entre las líneas`,
        `the two slips took ${Math.round(took * 1000) / 1000} s instead of 0.04 s (two pauses of 0.01 s each): a pause was not awaited (sleep without await), so the slip ended early and released the lock while the pause still ran. Write await sleep(pause) between the lines`],
      ['appendFileSync(...); await sleep(pause); appendFileSync(...); await sleep(pause); appendFileSync(...);', 'appendFileSync(...); await sleep(pause); appendFileSync(...); await sleep(pause); appendFileSync(...);']);
    }
  } finally {
    printer.remove();
  }
});

test('a printer that fails reaches the caller of printSlip, and the lock is released', async () => {
  const missing = join(tmpdir(), `no-printer-${process.pid}-${Date.now()}`, 'slips.txt');
  const { error, free } = await simulated(async () => {
    const lock = new mp.Lock();
    let error: unknown = null;
    const t = new Thread({
      target: async () => {
        try {
          await printSlip(lock, 5, 0, missing);
        } catch (e) {
          error = e;
        }
      },
    });
    t.start();
    await t.join();
    return { error, free: await lock.acquire(false) };
  });
  if (isNotImplemented(error)) throw error;
  if (!(error instanceof Error)) {
    failLesson('error-swallowed', [
      'printSlip no lanzó el error de la impresora (una carpeta que no existe): un catch se lo traga y el recibo se da por impreso. Usa try/finally sin catch: el finally suelta el cerrojo y el error sigue su camino',
      'printSlip did not throw the printer\'s error (a folder that does not exist): a catch swallows it and the slip counts as printed. Use try/finally with no catch: the finally releases the lock and the error goes on']);
  }
  expect(free, say('tras el error el cerrojo queda libre (suéltalo en un finally)', 'after the error the lock is free (release it in a finally)')).toBe(true);
});

test('printAllSlips starts every process before joining any', async () => {
  const printer = tempPrinter();
  try {
    const { events } = await recordLifecycle(() => printAllSlips([1, 2, 3], 0, printer.path));
    const serial = startAfterJoin(events, 'Process');
    if (serial !== null) {
      expect.fail(say(
        `printAllSlips espera a ${serial.joined} (join) antes de arrancar ${serial.started}: así los procesos imprimen de uno en uno y el cerrojo no se pone a prueba. Arráncalos todos y después espéralos a todos (dos bucles)`,
        `printAllSlips waits for ${serial.joined} (join) before starting ${serial.started}: then the processes print one at a time and the lock is never put to the test. Start them all, then join them all (two loops)`));
    }
  } finally {
    printer.remove();
  }
});

test('registerAll rejects bad counts and accepts zero receipts', async () => {
  const value = await simulated(async () => {
    const ledger = new MemoryLedger(5);
    const errors: unknown[] = [];
    for (const [receipts, threads] of [[3, 0], [-1, 2]] as const) {
      try {
        await registerAll(ledger, receipts, threads);
      } catch (error) {
        errors.push(error);
      }
    }
    await registerAll(ledger, 0, 2);
    return { errors, value: ledger.value, writes: ledger.writers.length };
  });
  expect(value.errors.length, say('threads < 1 y receipts < 0 lanzan RangeError', 'threads < 1 and receipts < 0 throw RangeError')).toBe(2);
  for (const e of value.errors) expect(e).toBeInstanceOf(RangeError);
  expect(value.value, say('el libro no cambia', 'the ledger does not change')).toBe(5);
  expect(value.writes, say('sin registros no se escribe nada', 'no registrations, no writes')).toBe(0);
});

test('the slips of 10 processes never interleave', async () => {
  const next = rng(10004);
  const ids = new Set<number>();
  while (ids.size < 10) ids.add(100 + Math.floor(next() * 900));
  // Told from two threads on the virtual clock first: ten processes mix only when the OS overlaps them.
  const mixed = await mixedSlipsOfTwoThreads(printSlip);
  if (mixed !== null) {
    expect.fail(say(
      `las líneas de los recibos se mezclan (${mixed.join(' | ')}): todos los procesos deben compartir el mismo mp.Lock y tenerlo tomado durante las tres líneas`,
      `the slips' lines get mixed (${mixed.join(' | ')}): every process must share the same mp.Lock and hold it for all three lines`));
  }
  const printer = tempPrinter();
  try {
    await printAllSlips([...ids], 0.01, printer.path);
    const lines = printer.lines();
    expect(lines.length, say('3 líneas por cada uno de los 10 recibos', '3 lines for each of the 10 slips')).toBe(30);
    const printed = new Set<string>();
    for (let i = 0; i < lines.length; i += 3) {
      const id = (lines[i] as string).split(':')[0] as string;
      const slip = lines.slice(i, i + 3);
      const expected = [`${id}: inicio`, `${id}: importe validado`, `${id}: fin`];
      if (JSON.stringify(slip) !== JSON.stringify(expected)) {
        expect.fail(say(
          `las líneas de los recibos se mezclan (${slip.join(' | ')}): todos los procesos deben compartir el mismo mp.Lock y tenerlo tomado durante las tres líneas`,
          `the slips' lines get mixed (${slip.join(' | ')}): every process must share the same mp.Lock and hold it for all three lines`));
      }
      printed.add(id);
    }
    expect(printed, say('un recibo por estudiante', 'one slip per student')).toEqual(new Set([...ids].map((id) => `Recibo ${id}`)));
  } finally {
    printer.remove();
  }
});

test('printAllSlips of nobody prints nothing; a negative pause is refused', async () => {
  const printer = tempPrinter();
  try {
    await printAllSlips([], 0.01, printer.path);
    expect(printer.lines(), say('sin estudiantes no se imprime nada', 'no students, nothing printed')).toEqual([]);
    await expect(printAllSlips([1], -1, printer.path), say('pause < 0 lanza RangeError', 'pause < 0 throws RangeError'))
      .rejects.toThrow(RangeError);
    expect(mp.activeChildren(), say('con pause < 0 no se arranca ningún proceso', 'with pause < 0 no process is started')).toEqual([]);
    expect(printer.lines(), say('con pause < 0 no se imprime nada', 'with pause < 0 nothing is printed')).toEqual([]);
  } finally {
    printer.remove();
  }
});
