// Errors raised in the manager's server come back to the caller as the same Python exception types.
import { BrokenBarrierError } from '../synchronize/errors.ts';
import { AttributeError, Empty, Full, IndexError, KeyError, RuntimeError, ValueError } from '../errors.ts';
import type { RemoteErrorInfo } from './protocol.ts';

/** Python's KeyError (str(KeyError('x')) == "'x'"): the same class logging raises. */
export { KeyError };

// A Manager Queue raises the same queue.Empty / queue.Full as multiprocessing's own queues.
export { Empty, Full };

const byName: Record<string, new (message?: string) => Error> = {
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
  // The server sends KeyError's text, which already is the key's repr: it is set as is, not repr'd again.
  if (info.name === 'KeyError') return Object.assign(new KeyError(), { message: info.message });
  const Type = byName[info.name];
  if (Type !== undefined) return new Type(info.message);
  const error = new Error(info.message);
  error.name = info.name;
  return error;
}
