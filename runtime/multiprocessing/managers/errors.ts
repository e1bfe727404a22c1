// Errors raised in the manager's server come back to the caller as the same Python exception types.
import { BrokenBarrierError, IndexError } from '../synchronize/errors.ts';
import { AttributeError, Empty, Full, RuntimeError, ValueError } from '../errors.ts';
import type { RemoteErrorInfo } from './protocol.ts';

/** Python's KeyError: its message is the repr of the missing key (str(KeyError('x')) == "'x'"). */
export class KeyError extends Error {
  override name = 'KeyError';
}

// A Manager Queue raises the same queue.Empty / queue.Full as multiprocessing's own queues.
export { Empty, Full };

const byName: Record<string, new (message?: string) => Error> = {
  KeyError,
  IndexError,
  ValueError,
  RuntimeError,
  AttributeError,
  TypeError,
  BrokenBarrierError,
  Empty,
  Full,
};

/** Rebuild a server-side error as the caller's class of the same name. */
export function rebuildError(info: RemoteErrorInfo): Error {
  const Type = byName[info.name];
  if (Type !== undefined) return new Type(info.message);
  const error = new Error(info.message);
  error.name = info.name;
  return error;
}
