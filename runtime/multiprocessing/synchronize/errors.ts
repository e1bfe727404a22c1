// Python's exception types used by shared memory and cross-process synchronisation. The common ones come from
// the scheduler core so `instanceof` works across threading and multiprocessing.
export { RuntimeError, ValueError, AttributeError } from '../../core/errors.ts';

export class AssertionError extends Error {
  override name = 'AssertionError';
}

export class IndexError extends Error {
  override name = 'IndexError';
}

/** Python's OSError; `errno` as in CPython (e.g. 22 for EINVAL). */
export class OSError extends Error {
  override name = 'OSError';
  readonly errno: number | null;
  constructor(message: string, errno: number | null = null) {
    super(errno === null ? message : `[Errno ${errno}] ${message}`);
    this.errno = errno;
  }
}

/** Python's threading.BrokenBarrierError (multiprocessing.Barrier raises the same class). */
export class BrokenBarrierError extends Error {
  override name = 'BrokenBarrierError';
}
