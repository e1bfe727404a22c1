// asyncio.wait_for(), asyncio.wait() and asyncio.as_completed(), following CPython 3.11's tasks.py. Each one
// registers one completion hook per awaitable and removes them afterwards: O(n) in the number of awaitables.
import { Future, isFuture } from './futures.ts';
import { ensureFuture, type AwaitableLike } from './tasks.ts';
import { getRunningLoop } from './context.ts';
import { CancelledError, TimeoutError, ValueError } from './errors.ts';
import type { EventLoop } from './events.ts';
import type { TimerHandle as CoreTimer } from '../core/index.ts';

export const FIRST_COMPLETED = 'FIRST_COMPLETED';
export const FIRST_EXCEPTION = 'FIRST_EXCEPTION';
export const ALL_COMPLETED = 'ALL_COMPLETED';
export type ReturnWhen = typeof FIRST_COMPLETED | typeof FIRST_EXCEPTION | typeof ALL_COMPLETED;

/** A timer on the loop's clock that runs outside any task (cheaper than a loop callback for internal use). */
function timer(loop: EventLoop, seconds: number, fn: () => void): CoreTimer {
  return loop.scheduler.callLater(seconds, fn);
}

function checkTimeout(timeout: unknown): void {
  if (timeout !== null && timeout !== undefined && (typeof timeout !== 'number' || Number.isNaN(timeout))) {
    throw new TypeError(`'${typeof timeout}' object cannot be interpreted as a float`);
  }
}

/** Cancels fut and waits until it is really done (its cleanup has run). */
async function cancelAndWait(loop: EventLoop, fut: Future<unknown>): Promise<void> {
  const waiter = loop.createFuture<void>();
  const remove = fut._onDone(() => {
    if (!waiter.done()) waiter.setResult(undefined);
  });
  try {
    fut.cancel();
    await waiter;
  } finally {
    remove();
  }
}

/**
 * Waits for `aw` at most `timeout` seconds (null: forever). On timeout the work is cancelled, its cleanup is
 * awaited, and TimeoutError is raised. If the caller is cancelled, the work is cancelled too.
 */
export async function waitFor<T>(aw: AwaitableLike<T>, timeout: number | null): Promise<T> {
  checkTimeout(timeout);
  const loop = getRunningLoop();
  if (timeout === null || timeout === undefined) return await ensureFuture(aw, { loop, api: 'waitFor' });
  const fut = ensureFuture(aw, { loop, api: 'waitFor' });
  if (timeout <= 0) {
    if (fut.done()) return fut.result();
    await cancelAndWait(loop, fut);
    try {
      return fut.result();
    } catch (error) {
      if (error instanceof CancelledError) throw new TimeoutError();
      throw error;
    }
  }
  const waiter = loop.createFuture<void>();
  const release = (): void => {
    if (!waiter.done()) waiter.setResult(undefined);
  };
  const handle = timer(loop, timeout, release);
  let removeHook: (() => void) | null = fut._onDone(release);
  try {
    try {
      await waiter;
    } catch (error) {
      if (!(error instanceof CancelledError)) throw error;
      // The caller was cancelled: cancel the work too (unless it just finished).
      if (fut.done()) return fut.result();
      removeHook();
      removeHook = null;
      await cancelAndWait(loop, fut);
      throw error;
    }
    if (fut.done()) return fut.result();
    removeHook();
    removeHook = null;
    await cancelAndWait(loop, fut);
    // The work may have swallowed the cancellation and returned a value: Python 3.11 returns it.
    try {
      return fut.result();
    } catch (error) {
      if (error instanceof CancelledError) throw new TimeoutError();
      throw error;
    }
  } finally {
    handle.cancel();
  }
}

export interface WaitOptions {
  /** Seconds to wait at most (null: no limit). Nothing is cancelled when it passes. */
  timeout?: number | null;
  returnWhen?: ReturnWhen;
}

/**
 * Waits until `returnWhen` holds and returns the `done` and `pending` sets. It never cancels anything: what is
 * pending keeps running. Thunks are wrapped in tasks (Python 3.11 accepts coroutines with a warning).
 */
export async function wait<F extends Future<unknown>>(
  aws: Iterable<F | AwaitableLike<unknown>>,
  options: WaitOptions = {},
): Promise<{ done: Set<F>; pending: Set<F> }> {
  if (isFuture(aws) || typeof aws === 'function' || typeof aws !== 'object' || aws === null) {
    throw new TypeError(`expect a list of futures, not ${isFuture(aws) ? aws.constructor.name : typeof aws}`);
  }
  const loop = getRunningLoop();
  const returnWhen = options.returnWhen ?? ALL_COMPLETED;
  const timeout = options.timeout ?? null;
  checkTimeout(timeout);
  const fs = new Set<F>();
  for (const aw of aws) fs.add(ensureFuture(aw as AwaitableLike<unknown>, { loop, api: 'wait', index: -1 }) as F);
  if (fs.size === 0) throw new ValueError('Set of Tasks/Futures is empty.');
  if (returnWhen !== FIRST_COMPLETED && returnWhen !== FIRST_EXCEPTION && returnWhen !== ALL_COMPLETED) {
    throw new ValueError(`Invalid return_when value: ${String(returnWhen)}`);
  }
  const waiter = loop.createFuture<void>();
  const handle = timeout !== null ? timer(loop, timeout, () => !waiter.done() && waiter.setResult(undefined)) : null;
  let counter = fs.size;
  const onCompletion = (f: Future<unknown>): void => {
    counter--;
    if (
      counter <= 0 ||
      returnWhen === FIRST_COMPLETED ||
      (returnWhen === FIRST_EXCEPTION && !f.cancelled() && f.exception() !== null)
    ) {
      handle?.cancel();
      if (!waiter.done()) waiter.setResult(undefined);
    }
  };
  const removers: Array<() => void> = [];
  for (const f of fs) removers.push(f._onDone(onCompletion));
  try {
    await waiter;
  } finally {
    handle?.cancel();
    for (const remove of removers) remove();
  }
  const done = new Set<F>();
  const pending = new Set<F>();
  for (const f of fs) (f.done() ? done : pending).add(f);
  return { done, pending };
}

/**
 * Returns one awaitable per input; awaiting them in order gives the results in completion order. After
 * `timeout` seconds the awaitables not yet used raise TimeoutError.
 */
export function asCompleted<T>(
  aws: Iterable<AwaitableLike<T> | Future<T>>,
  options: { timeout?: number | null } = {},
): Array<PromiseLike<T>> {
  if (isFuture(aws) || typeof aws === 'function' || typeof aws !== 'object' || aws === null) {
    throw new TypeError(`expect an iterable of futures, not ${typeof aws}`);
  }
  const loop = getRunningLoop();
  const timeout = options.timeout ?? null;
  checkTimeout(timeout);
  const todo = new Set<Future<T>>();
  for (const aw of new Set(aws)) todo.add(ensureFuture(aw, { loop, api: 'asCompleted', index: -1 }));
  // Boxed: a promise resolved with a thenable would adopt it, and a Future is one.
  type Box = { f: Future<T> } | null;
  const finished: Box[] = [];
  const getters: Array<Future<Box>> = [];
  const push = (item: Box): void => {
    let getter = getters.shift();
    while (getter !== undefined && getter.done()) getter = getters.shift(); // its awaiter was cancelled
    if (getter !== undefined) getter.setResult(item);
    else finished.push(item);
  };
  const removers = new Map<Future<T>, () => void>();
  const handle =
    timeout !== null
      ? timer(loop, timeout, () => {
          for (const f of todo) {
            removers.get(f)?.();
            push(null);
          }
          todo.clear();
        })
      : null;
  const count = todo.size;
  for (const f of [...todo]) {
    removers.set(
      f,
      f._onDone(() => {
        if (!todo.delete(f)) return;
        push({ f });
        if (todo.size === 0) handle?.cancel();
      }),
    );
  }
  const next = async (): Promise<T> => {
    let box = finished.shift();
    if (box === undefined) {
      const getter = loop.createFuture<Box>();
      getters.push(getter);
      box = await getter;
    }
    if (box === null) throw new TimeoutError();
    return box.f.result();
  };
  const out: Array<PromiseLike<T>> = [];
  for (let i = 0; i < count; i++) {
    // Lazy: the wait starts when (and in the fiber where) the caller awaits it.
    out.push({ then: (onOk, onErr) => next().then(onOk, onErr) });
  }
  return out;
}
