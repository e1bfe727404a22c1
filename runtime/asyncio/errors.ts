// asyncio's exception types, named as CPython names them so `${err}` reads "CancelledError: msg".
// CancelledError is a BaseException in Python (not caught by `except Exception`); JS has no such split, so code
// that catches everything must re-throw it: `if (e instanceof CancelledError) throw e`.
import { RuntimeError, TimeoutError, ValueError } from '../python/index.ts';
import { thunkHint } from './callsite.ts';

export { RuntimeError, TimeoutError, ValueError };

/** The operation was cancelled: raised at the await point of a cancelled task. */
export class CancelledError extends Error {
  override name = 'CancelledError';
  constructor(message?: string | null) {
    super(message ?? '');
  }
}

/** A Future/Task method was called in the wrong state (result of a pending future, setResult twice...). */
export class InvalidStateError extends Error {
  override name = 'InvalidStateError';
}

/** Queue.getNowait() on an empty queue. */
export class QueueEmpty extends Error {
  override name = 'QueueEmpty';
}

/** Queue.putNowait() on a full queue. */
export class QueueFull extends Error {
  override name = 'QueueFull';
}

/** Barrier.wait() on a broken or reset barrier. */
export class BrokenBarrierError extends RuntimeError {
  override name = 'BrokenBarrierError';
}

/**
 * Python's ExceptionGroup, as raised by TaskGroup: `message` is the group's text and `exceptions` the errors in
 * the order they happened. It is an AggregateError, so `errors` works too. `${eg}` prints like Python's str():
 * "unhandled errors in a TaskGroup (2 sub-exceptions)".
 */
export class ExceptionGroup extends AggregateError {
  override name = 'ExceptionGroup';
  readonly exceptions: readonly unknown[];
  constructor(message: string, exceptions: readonly unknown[]) {
    const n = exceptions.length;
    super(exceptions, `${message} (${n} sub-exception${n === 1 ? '' : 's'})`);
    this.exceptions = exceptions;
  }
}

/** The type name Python would show for a value in "a coroutine was expected, got ..." messages. */
/** Python's repr() of a value in an error message (None, 'text', 42). */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'string') return `'${value}'`;
  return String(value);
}

/**
 * Python passes coroutine objects where JS would pass an already-running Promise; the runtime takes a function
 * that starts the work (a thunk) instead, so it decides when the work starts and can cancel it.
 */
export function refuseAwaitable(api: string, value: unknown, index = 0): never {
  if (value !== null && typeof value === 'object' && typeof (value as PromiseLike<unknown>).then === 'function') {
    const hint = thunkHint(api, index, new Error().stack);
    const example = hint ?? (api === 'gather' ? '() => work(a), () => work(b)' : '() => work(x)');
    throw new TypeError(
      `${api}() got a Promise that is already running; pass a function instead: ${api}(${example})` +
        (hint === null && api === 'gather' ? ', or for a list gather(...items.map((item) => () => work(item)))' : ''),
    );
  }
  throw new TypeError(`a coroutine was expected, got ${describeValue(value)}`);
}
