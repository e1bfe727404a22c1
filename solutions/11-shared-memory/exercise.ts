// Exercise 11 · Shared memory: Value and Array — reference solution.
import * as mp from '#runtime/multiprocessing';

/** The unit's f(n, a): writes straight into shared memory, so the parent sees every change. */
export function negate(num: mp.Value<'d'>, arr: mp.Array<'i'>): void {
  num.value = 3.1415927;
  for (let i = 0; i < arr.length; i++) arr[i] = -(arr[i] as number);
}

export async function negateInChild(values: number[]): Promise<{ num: number; arr: number[] }> {
  const num = new mp.Value('d', 0.0);
  const arr = new mp.Array('i', values);
  // Pass the shared objects themselves: the child gets the same memory, not a copy.
  const p = new mp.Process({ target: negate, args: [num, arr] });
  p.start();
  await p.join();
  return { num: num.value, arr: arr.toArray() }; // toArray() is Python's arr[:]: a copy, taken at the end
}

/** Counting process: wait for the window to open, then `times` increments, each under the Value's own lock. */
export async function addReceipts(counter: mp.Value<'i'>, times: number, opening: mp.Barrier): Promise<void> {
  await opening.wait(); // every process starts counting at the same moment: a real race without the lock
  const lock = counter.getLock();
  for (let i = 0; i < times; i++) {
    await lock.acquire();
    try {
      counter.value += 1; // a read and a write: without the lock another core can write in between
    } finally {
      lock.release();
    }
  }
}

export async function countInProcesses(processes: number, perProcess: number): Promise<number> {
  if (!Number.isInteger(processes) || processes < 1) throw new RangeError(`processes must be >= 1, got ${processes}`);
  if (!Number.isInteger(perProcess) || perProcess < 0) throw new RangeError(`perProcess must be >= 0, got ${perProcess}`);
  const counter = new mp.Value('i', 0);
  const opening = new mp.Barrier(processes);
  const workers = Array.from(
    { length: processes },
    () => new mp.Process({ target: addReceipts, args: [counter, perProcess, opening] }),
  );
  for (const p of workers) p.start();
  for (const p of workers) await p.join();
  return counter.value;
}
