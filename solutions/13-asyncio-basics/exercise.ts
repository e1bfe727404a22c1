// Exercise 13 · asyncio basics: coroutines awaited one after another versus tasks running at the same time,
// a Future completed by callback code, and run() as the program's entry point.
import { createTask, getRunningLoop, run, sleep, type Future, type Task } from '#runtime/asyncio';
import type { LegacyBank } from './support.ts';

export interface Step {
  delay: number;
  what: string;
}

export async function sayAfter(delay: number, what: string): Promise<string> {
  // Checked before the first await: a bad delay is the caller's mistake and nothing must happen.
  if (!Number.isFinite(delay) || delay < 0) {
    throw new RangeError(`delay must be a finite number >= 0, got ${delay}`);
  }
  await sleep(delay);
  console.log(what);
  return what;
}

/** Each await finishes before the next step starts: the total is the SUM of the delays. */
export async function runSequential(steps: readonly Step[]): Promise<string[]> {
  const results: string[] = [];
  for (const step of steps) {
    results.push(await sayAfter(step.delay, step.what));
  }
  return results;
}

/** All tasks are created first, then awaited: the total is the MAXIMUM of the delays. */
export async function runConcurrent(steps: readonly Step[]): Promise<string[]> {
  // createTask takes a thunk (Python would take the coroutine object sayAfter(...)); the task starts running on
  // the loop's next turn, whether or not anybody awaits it yet.
  const tasks: Task<string>[] = steps.map((step) => createTask(() => sayAfter(step.delay, step.what)));
  const results: string[] = [];
  for (const task of tasks) {
    // Awaiting in creation order keeps the results in the order of `steps`, whatever order they finish in.
    results.push(await task);
  }
  return results;
}

/** Bridges the bank's callback API to async/await: the callback completes the Future later. */
export function confirmPayment(bank: LegacyBank, receiptId: string): Future<string> {
  const future = getRunningLoop().createFuture<string>();
  bank.confirm(receiptId, (error, code) => {
    if (future.done()) return; // e.g. the awaiting task was cancelled meanwhile
    if (error !== null) future.setException(error);
    else future.setResult(code ?? '');
  });
  return future;
}

/** The entry point: run() starts the event loop, runs the main coroutine as Task-1, and closes the loop. */
export function main(steps: readonly Step[]): Promise<string[]> {
  return run(async () => {
    const loop = getRunningLoop();
    const start = loop.time();
    console.log('started');
    const results = await runConcurrent(steps);
    console.log(`finished after ${(loop.time() - start).toFixed(1)} s`);
    return results;
  });
}
