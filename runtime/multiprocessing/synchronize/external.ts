// The bridge between cross-process waits and the green-thread scheduler of this process.
//
// A wait on shared memory (Atomics.waitAsync) is work the scheduler does not control: it must be announced
// with awaitExternal so other green threads keep running and the virtual clock does not jump meanwhile.
// Outside any scheduler (plain code, a raw worker) the promise is simply awaited.
import { isMainThread } from 'node:worker_threads';
import { fiberStorage } from '../../core/scheduler.ts';
import { processInfo } from '../../core/process-info.ts';

export function awaitExternal<T>(work: Promise<T>, what: string): Promise<T> {
  const fiber = fiberStorage.getStore();
  return fiber === undefined ? work : fiber.scheduler.awaitExternal(work, what);
}

/** A number naming the current green thread inside this process (RLock ownership); never 0. */
export function currentThreadKey(): number {
  const fiber = fiberStorage.getStore();
  return fiber === undefined ? 1 : fiber.thread.id + 1;
}

/**
 * True when this isolate may block in Atomics.wait for a short while: a child process's worker. Never the
 * program's main thread (it would freeze every green thread and Node's own I/O), and never the main process
 * when a test runner hosts it in a worker.
 */
export function canBlockBriefly(): boolean {
  return !isMainThread && !processInfo.isMain;
}
