// Python's builtin exception types, declared once for the whole runtime so `instanceof KeyError` holds whichever
// module raised it, and `${err}` reads as CPython prints it: "RuntimeError: release unlocked lock".
// JS has TypeError of its own (same name, same meaning): the runtime raises that one.
import { pyRepr, tupleRepr } from './repr.ts';

export class RuntimeError extends Error {
  override name = 'RuntimeError';
}

export class ValueError extends Error {
  override name = 'ValueError';
}

/** A number too large for what receives it (a timeout past TIMEOUT_MAX, %c past 0x10FFFF). */
export class OverflowError extends Error {
  override name = 'OverflowError';
}

export class AttributeError extends Error {
  override name = 'AttributeError';
}

export class IndexError extends Error {
  override name = 'IndexError';
}

/**
 * Python's KeyError takes the missing key, and its str() is the key's repr: str(KeyError('x')) == "'x'".
 * With no argument the text is empty; with several it is the tuple's repr (BaseException's rule).
 */
export class KeyError extends Error {
  override name = 'KeyError';
  /** Python's e.args: what repr(e) shows (KeyError('x')), where str(e) shows the key's repr. */
  readonly args: readonly unknown[];
  constructor(...args: unknown[]) {
    super(args.length === 0 ? '' : args.length === 1 ? pyRepr(args[0]) : tupleRepr(args));
    this.args = args;
  }
}

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

/**
 * Python's builtin TimeoutError (asyncio.TimeoutError is this class since 3.11). JS has no builtin of that
 * name, so this is the one to catch. multiprocessing.TimeoutError is another class (a ProcessError).
 */
export class TimeoutError extends Error {
  override name = 'TimeoutError';
  constructor(message?: string, options?: { cause?: unknown }) {
    super(message ?? '', options);
  }
}
