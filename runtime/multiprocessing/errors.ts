// Python's exception types used by multiprocessing. The general ones (RuntimeError, ValueError, AttributeError)
// come from the core so `instanceof` works across the whole runtime; the multiprocessing-specific ones live here.
import { AttributeError, RuntimeError, ValueError } from '../core/errors.ts';

export { AttributeError, RuntimeError, ValueError };
// queue.Empty / queue.Full: the very classes #runtime/queue raises, as Python's multiprocessing raises queue's.
export { Empty, Full } from '../queue/errors.ts';

/** Python's AssertionError (multiprocessing uses `assert` for misuse such as starting a process twice). */
export class AssertionError extends Error {
  override name = 'AssertionError';
}

/** Python's OSError, e.g. "connection is read-only" on the wrong end of a one-way Pipe. */
export class OSError extends Error {
  override name = 'OSError';
}

/** Python's EOFError: recv() on a Connection whose other end is closed and drained. */
export class EOFError extends Error {
  override name = 'EOFError';
}

/** multiprocessing.ProcessError, base of the package's own errors. */
export class ProcessError extends Error {
  override name = 'ProcessError';
}

/** multiprocessing.TimeoutError: AsyncResult.get(timeout) expired. */
export class TimeoutError extends ProcessError {
  override name = 'TimeoutError';
}
