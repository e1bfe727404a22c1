// Python's argument checks shared by every queue: put/get(block, timeout) and the keyword form
// get({ block, timeout }) that stands in for Python's `q.get(timeout=1)`.
import { ValueError } from '../core/index.ts';
import { pyTypeName } from '../logging/python-values.ts';

export interface BlockingOptions {
  /** Wait for room/an item (default true); false raises Full/Empty at once. */
  block?: boolean;
  /** Seconds to wait at most (default null: forever); only used when block is true. */
  timeout?: number | null;
}

export interface BlockingCall {
  block: boolean;
  timeout: number | null;
}

/** Accepts (block, timeout) or ({ block, timeout }). */
export function blockingCall(block: boolean | BlockingOptions | undefined, timeout: number | null | undefined): BlockingCall {
  if (typeof block === 'object' && block !== null) {
    return { block: block.block ?? true, timeout: block.timeout ?? null };
  }
  return { block: block ?? true, timeout: timeout ?? null };
}

/** Python's `elif timeout < 0: raise ValueError(...)`, applied where CPython applies it. */
export function checkTimeout(timeout: number): void {
  if (typeof timeout !== 'number') {
    throw new TypeError(`'<' not supported between instances of '${pyTypeName(timeout)}' and 'int'`);
  }
  // NaN would make CPython wait with a NaN timeout; refusing it is clearer.
  if (timeout < 0 || Number.isNaN(timeout)) throw new ValueError("'timeout' must be a non-negative number");
}
