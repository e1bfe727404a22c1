// The bridge between cross-process waits and the green-thread scheduler of this process.
//
// A wait on shared memory (Atomics.waitAsync) is work the scheduler does not control: it is announced with
// awaitExternal so other green threads keep running and the virtual clock does not jump meanwhile.
import { isMainThread } from 'node:worker_threads';
import { awaitExternal as coreAwaitExternal, currentFiber, currentScheduler, fiberStorage, processInfo, type ExternalWait } from '../../core/index.ts';

export function awaitExternal<T>(work: Promise<T>, what: string, wait?: ExternalWait<T>): Promise<T> {
  return coreAwaitExternal(work, what, wait);
}

/** A number naming the current green thread inside this process (RLock ownership); never 0. */
export function currentThreadKey(): number {
  const fiber = fiberStorage.getStore();
  if (fiber !== undefined) return fiber.thread.id + 1;
  // Outside any fiber is the program's main thread, whose fiber never changes: look it up once.
  return (outsideKey ??= currentFiber().thread.id + 1);
}

let outsideKey: number | undefined;

/** The name of the current green thread (a task's is its event loop's thread), e.g. "Thread-2 (reader)". */
export function currentThreadName(): string {
  return (fiberStorage.getStore() ?? currentFiber()).thread.name;
}

/**
 * True when this isolate may block in Atomics.wait for a short while: a child process's worker. Never the
 * program's main thread (it would freeze every green thread and Node's own I/O), and never the main process
 * when a test runner hosts it in a worker.
 */
export function canBlockBriefly(): boolean {
  return !isMainThread && !processInfo.isMain;
}

/**
 * True when the calling green thread is the only thing this process's scheduler could run: no other thread or
 * task, no timer, no wait on another process besides the caller's own `ownWaits`. A cross-process wait may
 * then poll or block for a few microseconds without holding anyone up.
 */
export function aloneInProcess(ownWaits = 0): boolean {
  const scheduler = currentScheduler();
  return scheduler.fibers.size <= 1 && scheduler.pendingTimers === 0 && scheduler.externalCount <= ownWaits;
}
