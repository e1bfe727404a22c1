// Python's exception types used by multiprocessing. The builtin ones come from runtime/python so `instanceof`
// works across the whole runtime; the multiprocessing-specific ones live here.
export { AssertionError, AttributeError, EOFError, IndexError, KeyError, OSError, RuntimeError, ValueError } from '../python/index.ts';
// queue.Empty / queue.Full: the very classes #runtime/queue raises, as Python's multiprocessing raises queue's.
export { Empty, Full } from '../queue/errors.ts';

/** multiprocessing.ProcessError, base of the package's own errors. */
export class ProcessError extends Error {
  override name = 'ProcessError';
}

/** multiprocessing.TimeoutError: AsyncResult.get(timeout) expired. */
export class TimeoutError extends ProcessError {
  override name = 'TimeoutError';
}

/**
 * pickle.PicklingError: a value that cannot be sent to another process. CPython pickles functions by name;
 * here a function only crosses as a Process or Pool target, never inside the data (structured clone cannot
 * copy it), so any function or symbol in arguments, results, Queue items or Pipe messages raises this.
 */
export class PicklingError extends Error {
  override name = 'PicklingError';
}

/** The PicklingError for `value`, with CPython's opening words ("Can't pickle <function f>: ..."). */
export function unpicklable(value: unknown, reason?: string): PicklingError {
  const what = typeof value === 'function' ? `<function ${(value as { name?: string }).name || '<lambda>'}>`
    : typeof value === 'symbol' ? `<symbol ${String(value.description ?? '')}>` : `<${typeof value} object>`;
  return new PicklingError(`Can't pickle ${what}: ${reason ?? 'a function cannot go to another process as data (only as the target of a Process or a pool call)'}`);
}
