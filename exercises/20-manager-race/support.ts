// Course material for exercise 20 (do not edit): the bank's confirmation step, which takes a little real time
// and counts how many tills are inside a read-confirm-write at once (shared memory, so every process sees it);
// and a test target that releases several tills at the same instant.
import * as mp from '#runtime/multiprocessing';
import { locksHeld } from '#runtime/testing';
import { sleep } from '#runtime/time';
import { addReceipt } from './exercise.ts';

/** Real seconds the bank takes to confirm one amount. */
export const CONFIRM_SECONDS = 0.01;

/** What to do when the race detector sees two tills write the totals with no lock in common (both languages). */
export const LOCK_ADVICE: [string, string] = [
  'Crea un único manager.Lock() en collectAll, pásalo a todas las cajas y, en addReceipt, tómalo antes de leer el total y suéltalo después de escribirlo (en un finally): leer-confirmar-escribir tiene que ser un solo paso para las demás cajas.',
  'Make one single manager.Lock() in collectAll, pass it to every till and, in addReceipt, take it before reading the total and release it after writing it (in a finally): read-confirm-write must be one step for the other tills.',
];

/**
 * Fails the test when the bank confirmed amounts outside the lock (audit[2]): the lock then covers the write
 * alone, and the read before it is stale. Decided from the locks held, not from lost euros.
 */
export function outsideLockMessage(audit: Audit): [string, string] | null {
  const outside = audit[2] as number;
  if (outside === 0) return null;
  return [
    `el banco confirmó ${outside === 1 ? 'un importe' : `${outside} importes`} mientras la caja no tenía el cerrojo tomado: si el cerrojo solo rodea la escritura, otra caja puede escribir entre tu lectura y tu escritura, y tu total leído ya no vale. Toma el manager.Lock() antes de totals.get y suéltalo después de totals.set`,
    `the bank confirmed ${outside === 1 ? 'one amount' : `${outside} amounts`} while the till held no lock: if the lock covers only the write, another till can write between your read and your write, and the total you read is stale. Take the manager.Lock() before totals.get and release it after totals.set`,
  ];
}

/** One receipt a till collects: the faculty it is paid to, and the amount in cents. */
export type Receipt = [faculty: string, amount: number];

/**
 * The audit counters, shared by every process: [tills inside a confirmation now, the most there ever were,
 * confirmations asked while the till held no lock (counted only while the tests watch for races)].
 */
export type Audit = mp.Array<'i'>;

export function newAudit(): Audit {
  return new mp.Array('i', [0, 0, 0]);
}

/** The bank confirms an amount: 10 ms of real time, during which other processes keep running. */
export async function confirm(audit: Audit, faculty: string, amount: number): Promise<number> {
  if (!Number.isInteger(amount) || amount < 0) throw new RangeError(`${faculty}: bad amount ${amount}`);
  const held = locksHeld(); // null unless the tests watch for races
  const lock = audit.getLock();
  await lock.acquire();
  if (held !== null && held.length === 0) audit[2] = (audit[2] as number) + 1;
  audit[0] = (audit[0] as number) + 1;
  audit[1] = Math.max(audit[1] as number, audit[0] as number);
  lock.release();
  try {
    await sleep(CONFIRM_SECONDS);
  } finally {
    await lock.acquire();
    audit[0] = (audit[0] as number) - 1;
    lock.release();
  }
  return amount;
}

/** Test target: waits until every till is ready, then adds its receipts one by one with the student's addReceipt. */
export async function releasedTogether(
  totals: mp.DictProxy<string, number>,
  lock: mp.AcquirerProxy,
  audit: Audit,
  opening: mp.Barrier,
  receipts: Receipt[],
): Promise<void> {
  await opening.wait();
  for (const [faculty, amount] of receipts) await addReceipt(totals, lock, audit, faculty, amount);
}
