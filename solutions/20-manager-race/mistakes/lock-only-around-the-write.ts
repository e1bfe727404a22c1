// Exercise 20 · A race through a Manager: `d[k] = d[k] + x` is a read and a write, two trips to the server
// process; between them another till can write. One manager.Lock() shared by every till makes it one step.
import * as mp from '#runtime/multiprocessing';
import { confirm, type Audit, type Receipt } from './support.ts';

export async function addReceipt(
  totals: mp.DictProxy<string, number>,
  lock: mp.AcquirerProxy,
  audit: Audit,
  faculty: string,
  amount: number,
): Promise<void> {
  const current = (await totals.get(faculty, 0)) ?? 0;
  const confirmed = await confirm(audit, faculty, amount);
  await lock.acquire();
  try {
    await totals.set(faculty, current + confirmed); // nobody else wrote since our read: we hold the lock
  } finally {
    await lock.release();
  }
}

export async function tillProcess(
  totals: mp.DictProxy<string, number>,
  lock: mp.AcquirerProxy,
  audit: Audit,
  receipts: Receipt[],
): Promise<void> {
  for (const [faculty, amount] of receipts) await addReceipt(totals, lock, audit, faculty, amount);
}

export async function collectAll(tills: Receipt[][], audit: Audit): Promise<Map<string, number>> {
  await using manager = await mp.Manager();
  const totals = manager.dict<string, number>();
  const lock = manager.Lock(); // one lock for every till: a lock per process protects nothing
  const processes = tills.map((receipts) => new mp.Process({ target: tillProcess, args: [totals, lock, audit, receipts] }));
  for (const p of processes) p.start();
  for (const p of processes) await p.join();
  return await totals.copy(); // await before the manager shuts down at the end of the block
}
