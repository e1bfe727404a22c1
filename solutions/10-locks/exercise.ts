// Exercise 10 · Lock: threads and processes — reference solution.
import { appendFileSync } from 'node:fs';
import * as mp from '#runtime/multiprocessing';
import { Lock, Thread } from '#runtime/threading';
import { sleep } from '#runtime/time';
import type { Ledger } from './support.ts';

/** Read and write form ONE critical section: nobody may read between our read and our write. */
export async function registerReceipt(ledger: Ledger, lock: Lock): Promise<void> {
  await lock.acquire();
  try {
    const current = await ledger.read(); // other threads run during this await, but they wait at acquire()
    await ledger.write(current + 1);
  } finally {
    lock.release(); // also when read/write throw: otherwise every other thread waits forever
  }
}

/** One shared lock; `threads` threads share the registrations as evenly as possible. */
export async function registerAll(ledger: Ledger, receipts: number, threads: number): Promise<void> {
  if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`threads must be >= 1, got ${threads}`);
  if (!Number.isInteger(receipts) || receipts < 0) throw new RangeError(`receipts must be >= 0, got ${receipts}`);
  const lock = new Lock(); // ONE lock for all: a lock per thread would protect nothing
  const workers = Array.from({ length: threads }, (_, i) => {
    // Thread i takes receipts i, i + threads, i + 2*threads...: shares differ by at most one.
    const share = Math.floor(receipts / threads) + (i < receipts % threads ? 1 : 0);
    return new Thread({ target: registerMany, args: [ledger, lock, share] });
  });
  for (const t of workers) t.start();
  for (const t of workers) await t.join();
}

async function registerMany(ledger: Ledger, lock: Lock, count: number): Promise<void> {
  for (let i = 0; i < count; i++) await registerReceipt(ledger, lock);
}

/** Child process target: the three lines of a slip, never mixed with another process's lines. */
export async function printSlip(lock: mp.Lock, studentId: number, pause: number, printer: string): Promise<void> {
  await lock.acquire(); // the same lock in every process: one slip at a time on the printer
  try {
    appendFileSync(printer, `Recibo ${studentId}: inicio\n`);
    await sleep(pause);
    appendFileSync(printer, `Recibo ${studentId}: importe validado\n`);
    await sleep(pause);
    appendFileSync(printer, `Recibo ${studentId}: fin\n`);
  } finally {
    lock.release();
  }
}

/** One process per student, all sharing the SAME cross-process lock (passed as an argument). */
export async function printAllSlips(studentIds: number[], pause: number, printer: string): Promise<void> {
  if (!(pause >= 0)) throw new RangeError(`pause must be >= 0, got ${pause}`);
  const lock = new mp.Lock();
  const processes = studentIds.map((id) => new mp.Process({ target: printSlip, args: [lock, id, pause, printer] }));
  for (const p of processes) p.start();
  for (const p of processes) await p.join();
}
