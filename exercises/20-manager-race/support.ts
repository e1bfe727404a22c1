// Course material for exercise 20 (do not edit): the bank's confirmation step, which takes a little real time
// and counts how many tills are inside a read-confirm-write at once (shared memory, so every process sees it);
// and a test target that releases several tills at the same instant.
import * as mp from '#runtime/multiprocessing';
import { sleep } from '#runtime/time';
import { addReceipt } from './exercise.ts';

/** Real seconds the bank takes to confirm one amount. */
export const CONFIRM_SECONDS = 0.01;

/** One receipt a till collects: the faculty it is paid to, and the amount in cents. */
export type Receipt = [faculty: string, amount: number];

/** The audit counters, shared by every process: [tills inside a confirmation now, the most there ever were]. */
export type Audit = mp.Array<'i'>;

export function newAudit(): Audit {
  return new mp.Array('i', [0, 0]);
}

/** The bank confirms an amount: 10 ms of real time, during which other processes keep running. */
export async function confirm(audit: Audit, faculty: string, amount: number): Promise<number> {
  if (!Number.isInteger(amount) || amount < 0) throw new RangeError(`${faculty}: bad amount ${amount}`);
  const lock = audit.getLock();
  await lock.acquire();
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
