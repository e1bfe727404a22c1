// asyncio.to_thread(): run a blocking function in a green thread of the loop's default executor.
import { getRunningLoop } from './context.ts';
import type { Future } from './futures.ts';

/**
 * Runs fn(...args) in a worker thread and returns a Future of its result. The work starts now (Python's
 * coroutine starts when awaited); pass the returned Future to gather()/wait() or await it.
 */
export function toThread<A extends unknown[], R>(fn: (...args: A) => R | PromiseLike<R>, ...args: A): Future<Awaited<R>> {
  return getRunningLoop().runInExecutor(null, fn, ...args);
}
