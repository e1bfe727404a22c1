// Visible tests for exercise 10: the counter stays exact with several threads, and slips print whole.
import { afterEach, expect, test } from 'vitest';
import { expectWaitedFor, failLesson, say } from '#course/kit';
import * as mp from '#runtime/multiprocessing';
import { recordLifecycle, simulate } from '#runtime/testing';
import { Lock } from '#runtime/threading';
import { monotonic, sleep } from '#runtime/time';
import { printAllSlips, printSlip, registerAll, registerReceipt } from './exercise.ts';
import { MemoryLedger, mixedSlipsOfTwoThreads, tempPrinter } from './support.ts';

afterEach(() => {
  for (const child of mp.activeChildren()) child.terminate();
});

test('registerReceipt adds one to the ledger', async () => {
  const { value: { value, atReturn, took } } = await simulate(async () => {
    const ledger = new MemoryLedger(41);
    const started = monotonic();
    await registerReceipt(ledger, new Lock());
    const took = monotonic() - started;
    const atReturn = ledger.value;
    await sleep(1); // a write left running (not awaited) lands meanwhile, on the virtual clock
    return { value: ledger.value, atReturn, took };
  });
  if (typeof value !== 'number' && String(value).includes('[object Promise]')) {
    failLesson('missing-await', [
      `registerReceipt escribió ${JSON.stringify(value)} en el libro: sumó 1 a una promesa. ledger.read() devuelve una Promise; escribe const current = await ledger.read()`,
      `registerReceipt wrote ${JSON.stringify(value)} into the ledger: it added 1 to a Promise. ledger.read() returns a Promise; write const current = await ledger.read()`],
    ['const current = await ledger.read(); await ledger.write(current + 1);', 'const current = await ledger.read(); await ledger.write(current + 1);']);
  }
  if (atReturn === 41 && value === 42) {
    failLesson('missing-await', [
      'registerReceipt terminó antes de que su escritura llegara al libro (el 42 apareció después): ledger.write() devuelve una Promise y sin await el cerrojo se suelta con la escritura a medias. Escribe await ledger.write(current + 1)',
      'registerReceipt returned before its write reached the ledger (the 42 showed up afterwards): ledger.write() returns a Promise, and without await the lock is released with the write half done. Write await ledger.write(current + 1)'],
    ['const current = await ledger.read(); await ledger.write(current + 1);', 'const current = await ledger.read(); await ledger.write(current + 1);']);
  }
  expect(value, say('41 + 1', '41 + 1')).toBe(42);
  expect(took, say('una lectura y una escritura: 0,02 s virtuales', 'one read and one write: 0.02 virtual seconds'))
    .toBeCloseTo(0.02, 9);
});

test('registerAll with three threads loses no receipt', async () => {
  const { value: { value: run }, events } = await recordLifecycle(() => simulate(async () => {
    const ledger = new MemoryLedger(0);
    await registerAll(ledger, 6, 3);
    return { value: ledger.value, writes: ledger.writers.length };
  }));
  const value = run.value;
  if (value !== 6) expectWaitedFor(events, 'Thread', 'registerAll', []);
  if (value > 6 || run.writes > 6) {
    failLesson('wrong-count', [
      `el libro recibió ${run.writes} registros (vale ${value}) en vez de 6: los hilos hacen más registros de los pedidos. Reparte los 6 entre los 3 hilos y que cada uno haga exactamente los suyos (i < count)`,
      `the ledger got ${run.writes} registrations (it holds ${value}) instead of 6: the threads make more than asked. Share the 6 among the 3 threads and have each make exactly its own (i < count)`],
    ['Cada hilo hace exactamente su parte: for (let i = 0; i < count; i++) await registerReceipt(ledger, lock);', 'Each thread makes exactly its share: for (let i = 0; i < count; i++) await registerReceipt(ledger, lock);']);
  }
  if (run.writes === 6 && value < 6) {
    // Six writes that leave less than six: a write based on a stale read, the lost update a lock prevents.
    failLesson('lock-not-released', [
      `6 escrituras y el libro vale ${value}: se perdieron incrementos, porque dos hilos leyeron el mismo valor y uno borró la suma del otro. Toma UN cerrojo compartido antes de read() y suéltalo después de write() (en un finally)`,
      `6 writes and the ledger holds ${value}: increments were lost, because two threads read the same value and one wiped out the other's addition. Take ONE shared lock before read() and release it after write() (in a finally)`],
    ['await lock.acquire(); try { const current = await ledger.read(); await ledger.write(current + 1); } finally { lock.release(); }',
      'await lock.acquire(); try { const current = await ledger.read(); await ledger.write(current + 1); } finally { lock.release(); }']);
  }
  expect(value, say('6 registros con 3 hilos: el libro debe valer 6 (¿se pierde algún incremento?)',
    '6 registrations with 3 threads: the ledger must hold 6 (is an increment lost?)')).toBe(6);
});

/** Mixed lines, told from two threads on the virtual clock first: processes mix only when they overlap. */
const MIXED: [string, string] = [
  'las tres líneas de un recibo deben salir juntas, así que printSlip debe tomar el cerrojo compartido antes de la primera línea y soltarlo después de la última (en un finally)',
  'the three lines of a slip must come out together, so printSlip must take the shared lock before the first line and release it after the last (in a finally)'];
const MIXED_HINT: [string, string] = ['await lock.acquire(); try { las tres líneas, con sus pausas } finally { lock.release(); }', 'await lock.acquire(); try { the three lines, with their pauses } finally { lock.release(); }'];

test('three processes print their slips without mixing lines', async () => {
  const mixed = await mixedSlipsOfTwoThreads(printSlip);
  if (mixed !== null) {
    failLesson('lock-not-released', [`las líneas de dos recibos se mezclan (${mixed.join(' | ')}): ${MIXED[0]}`, `the lines of two slips get mixed (${mixed.join(' | ')}): ${MIXED[1]}`], MIXED_HINT);
  }
  const printer = tempPrinter();
  try {
    const { events } = await recordLifecycle(() => printAllSlips([1, 2, 3], 0.01, printer.path));
    const alive = mp.activeChildren().map((p) => p.name);
    const lines = printer.lines();
    if (lines.length !== 9) expectWaitedFor(events, 'Process', 'printAllSlips', alive);
    // Mixed only when every slip is whole (a slip cut short by an error is another mistake, named elsewhere).
    const whole = [1, 2, 3].every((n) => ['inicio', 'importe validado', 'fin'].every((part) => lines.includes(`Recibo ${n}: ${part}`)));
    for (let i = 0; whole && i + 2 < lines.length; i += 3) {
      const id = (lines[i] as string).split(':')[0];
      if (!lines.slice(i, i + 3).every((line) => line.startsWith(`${id}:`))) {
        const slip = lines.slice(i, i + 3).join(' | ');
        failLesson('lock-not-released', [`las líneas de dos recibos se mezclan (${slip}): ${MIXED[0]}`, `the lines of two slips get mixed (${slip}): ${MIXED[1]}`], MIXED_HINT);
      }
    }
    expect(lines.length, say('tres líneas por recibo', 'three lines per slip')).toBe(9);
    for (let i = 0; i < lines.length; i += 3) {
      const id = (lines[i] as string).split(':')[0];
      expect(lines.slice(i, i + 3), say('las tres líneas de un recibo salen juntas', 'the three lines of a slip come out together'))
        .toEqual([`${id}: inicio`, `${id}: importe validado`, `${id}: fin`]);
    }
  } finally {
    printer.remove();
  }
});
