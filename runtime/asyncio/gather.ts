// asyncio.gather() and asyncio.shield(), following CPython 3.11's tasks.py.
import { Future, isFuture } from './futures.ts';
import { ensureFuture, type AwaitableLike } from './tasks.ts';
import { getRunningLoop } from './context.ts';
import { CancelledError } from './errors.ts';
import type { EventLoop } from './events.ts';

export interface GatherOptions {
  /** Put each exception in the result list instead of raising the first one (Python's return_exceptions). */
  returnExceptions?: boolean;
}

/** What an awaitable argument produces. */
export type ResultOf<X> = X extends Future<infer T> ? T : X extends () => infer R ? Awaited<R> : never;
type Results<A extends readonly unknown[]> = { -readonly [K in keyof A]: ResultOf<A[K]> };
type ResultsOrErrors<A extends readonly unknown[]> = { -readonly [K in keyof A]: ResultOf<A[K]> | Error };

/** The future gather() returns: cancelling it cancels every child still running. */
export class GatheringFuture<T> extends Future<T> {
  private readonly _children: readonly Future<unknown>[];
  _cancelRequested = false;

  constructor(loop: EventLoop, children: readonly Future<unknown>[]) {
    super({ loop });
    this._children = children;
  }

  override cancel(msg?: string | null): boolean {
    if (this.done()) return false;
    let ret = false;
    for (const child of this._children) if (child.cancel(msg)) ret = true;
    // The outer future ends once the children have (with CancelledError), not right now.
    if (ret) this._cancelRequested = true;
    return ret;
  }
}

function isOptions(value: unknown): value is GatherOptions {
  return (
    typeof value === 'object' && value !== null && !isFuture(value) &&
    typeof (value as { then?: unknown }).then !== 'function'
  );
}

/**
 * Runs the awaitables concurrently (thunks become tasks) and resolves to their results in argument order. The
 * first exception propagates at once while the others keep running, unless `returnExceptions` is true.
 */
export function gather<const A extends readonly AwaitableLike<unknown>[]>(...aws: A): Future<Results<A>>;
export function gather<const A extends readonly AwaitableLike<unknown>[]>(
  ...args: [...A, GatherOptions]
): Future<ResultsOrErrors<A>>;
export function gather(...args: unknown[]): Future<unknown[]> {
  const last = args[args.length - 1];
  const options: GatherOptions = isOptions(last) ? (args.pop() as GatherOptions) : {};
  return gatherOn(null, args as AwaitableLike<unknown>[], options.returnExceptions === true);
}

/** gather() on a given loop (asyncio.run uses it from the thread that runs the loop). */
export function gatherOn(
  givenLoop: EventLoop | null,
  aws: readonly AwaitableLike<unknown>[],
  returnExceptions: boolean,
): Future<unknown[]> {
  const loop = givenLoop ?? getRunningLoop();
  if (aws.length === 0) {
    const outer = loop.createFuture<unknown[]>();
    outer.setResult([]);
    return outer;
  }
  // The same Future passed twice is one child (CPython dedupes awaitables); the same thunk passed twice runs
  // twice, since each call of it is a new coroutine. Only futures need the set.
  const seen = new Set<Future<unknown>>();
  const children: Future<unknown>[] = new Array<Future<unknown>>(aws.length);
  const distinct: Future<unknown>[] = [];
  try {
    for (let index = 0; index < aws.length; index++) {
      const aw = aws[index]!;
      if (isFuture(aw)) {
        children[index] = aw;
        if (seen.has(aw)) continue;
        seen.add(aw);
        distinct.push(aw);
      } else {
        const fut = typeof aw === 'function' ? loop.createTask(aw) : ensureFuture(aw, { loop, api: 'gather', index });
        children[index] = fut;
        distinct.push(fut);
      }
    }
  } catch (error) {
    // Refused running Promises (the TypeError says why) are awaited by nobody now: their own failures (often
    // the clash of two of them waiting in one task) are part of that mistake, not unhandled rejections.
    for (const aw of aws) {
      if (!isFuture(aw) && typeof aw !== 'function' && typeof (aw as PromiseLike<unknown>)?.then === 'function') {
        (aw as PromiseLike<unknown>).then(undefined, () => undefined);
      }
    }
    throw error;
  }
  const nfuts = distinct.length;
  const outer = new GatheringFuture<unknown[]>(loop, children);
  let nfinished = 0;
  const onChildDone = (fut: Future<unknown>): void => {
    nfinished++;
    if (outer.done()) {
      if (!fut.cancelled()) fut.exception(); // Marks the exception as retrieved, as CPython does.
      return;
    }
    if (!returnExceptions) {
      if (fut.cancelled()) {
        outer.setException(fut._makeCancelledError());
        return;
      }
      const exc = fut.exception();
      if (exc !== null) {
        outer.setException(exc);
        return;
      }
    }
    if (nfinished === nfuts) {
      const results = children.map((child) => {
        if (child.cancelled()) return new CancelledError(child._cancelMessageText());
        const exc = child.exception();
        return exc !== null ? exc : child.result();
      });
      if (outer._cancelRequested) outer.setException(fut._makeCancelledError());
      else outer.setResult(results);
    }
  };
  for (const fut of distinct) fut._hook(onChildDone);
  return outer;
}

/**
 * Protects the awaitable from cancellation: cancelling the returned future (or the task awaiting it) does not
 * cancel the inner work, which keeps running.
 */
export function shield<T>(aw: AwaitableLike<T>): Future<T> {
  const inner = ensureFuture(aw, { api: 'shield' });
  if (inner.done()) return inner;
  const outer = inner.getLoop().createFuture<T>();
  const removeInner = inner._onDone(() => {
    if (outer.cancelled()) {
      if (!inner.cancelled()) inner.exception();
      return;
    }
    if (inner.cancelled()) {
      outer.cancel();
      return;
    }
    const exc = inner.exception();
    if (exc !== null) outer.setException(exc);
    else outer.setResult(inner.result());
  });
  outer._onDone(() => {
    if (!inner.done()) removeInner();
  });
  return outer;
}
