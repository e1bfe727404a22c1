// Python's argument checks shared by every queue: put/get(block, timeout) and the keyword form
// get({ block, timeout }) that stands in for Python's `q.get(timeout=1)`.

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
export { queueTimeout as checkTimeout } from '../python/index.ts';
