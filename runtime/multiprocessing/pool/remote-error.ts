// An error raised by a task in a worker, re-raised in the parent as Python does: the same exception type and
// message, its __cause__ a RemoteTraceback holding the worker's formatted traceback.
import type { RemoteErrorInfo } from '../spawn/child/protocol.ts';
import * as errors from '../errors.ts';

/** Python's multiprocessing.pool.RemoteTraceback (the `cause` of a re-raised task error). */
export class RemoteTraceback extends Error {
  override name = 'RemoteTraceback';
  readonly tb: string;
  constructor(tb: string) {
    super(`\n"""\n${tb}"""`);
    this.tb = tb;
  }
}

const builtins: Record<string, new (message?: string) => Error> = {
  Error,
  TypeError,
  RangeError,
  SyntaxError,
  ReferenceError,
  ValueError: errors.ValueError,
  RuntimeError: errors.RuntimeError,
  AttributeError: errors.AttributeError,
  AssertionError: errors.AssertionError,
  OSError: errors.OSError,
  EOFError: errors.EOFError,
  TimeoutError: errors.TimeoutError,
  Empty: errors.Empty,
  Full: errors.Full,
};

/** Rebuild the worker's error here: a known type is rebuilt as that class, others keep their name. */
export function rebuildRemoteError(info: RemoteErrorInfo): Error {
  const Type = builtins[info.name];
  const error = Type === undefined ? new Error(info.message) : new Type(info.message);
  if (error.name !== info.name) error.name = info.name;
  const cause = new RemoteTraceback(info.traceback);
  (error as Error & { cause?: unknown }).cause = cause;
  // Printed, it reads like Python's chained exceptions: the worker's traceback, then the local one.
  error.stack =
    `${cause.name}: ${cause.message}\n\nThe above exception was the direct cause of the following exception:\n\n` +
    `${error.stack ?? ''}`;
  return error;
}
