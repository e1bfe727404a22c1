// CPython's argument checks for timeouts and sleep lengths, shared by time, queue and threading so each raises
// the same error type with the same text for the same mistake.
import { OverflowError, ValueError } from './errors.ts';
import { typeName } from './types.ts';

/** Python's threading.TIMEOUT_MAX: the longest timeout a lock accepts. */
export const TIMEOUT_MAX = 9223372036.0;

/** CPython's _PyTime_t holds nanoseconds in an int64. */
const MAX_SLEEP_SECONDS = 2 ** 63 / 1e9;

/** time.sleep's argument check: the seconds to sleep, or CPython's error for this value. */
export function sleepSeconds(seconds: unknown): number {
  if (typeof seconds === 'boolean' || typeof seconds === 'bigint') return Number(seconds);
  if (typeof seconds !== 'number') {
    throw new TypeError(`'${typeName(seconds)}' object cannot be interpreted as an integer`);
  }
  if (Number.isNaN(seconds)) throw new ValueError('Invalid value NaN (not a number)');
  if (seconds === Infinity || seconds === -Infinity) {
    throw new OverflowError('timestamp out of range for platform time_t');
  }
  if (seconds > MAX_SLEEP_SECONDS) throw new OverflowError('timestamp too large to convert to C _PyTime_t');
  if (seconds < 0) throw new ValueError('sleep length must be non-negative');
  return seconds;
}

/**
 * Validates (blocking, timeout) as CPython's lock.acquire does and returns the timeout in seconds, or null to
 * wait forever. `-1` means forever; other negatives are an error.
 */
export function lockTimeout(blocking: boolean, timeout: number, messages: { nonBlocking: string }): number | null {
  if (typeof timeout !== 'number' || Number.isNaN(timeout)) {
    throw new TypeError(`'${typeName(timeout)}' object cannot be interpreted as a float`);
  }
  if (!blocking && timeout !== -1) throw new ValueError(messages.nonBlocking);
  if (timeout < 0 && timeout !== -1) throw new ValueError('timeout value must be positive');
  if (timeout > TIMEOUT_MAX) throw new OverflowError('timestamp out of range for platform time_t');
  if (!blocking) return 0;
  return timeout === -1 ? null : timeout;
}

/** Python's `timeout=None` or a number; negative waits count as zero (Event.wait, Condition.wait, join). */
export function waitTimeout(timeout: number | null | undefined): number | null {
  if (timeout === null || timeout === undefined) return null;
  if (typeof timeout !== 'number' || Number.isNaN(timeout)) {
    throw new TypeError(`'${typeName(timeout)}' object cannot be interpreted as a float`);
  }
  return Math.max(0, timeout);
}

/** queue's `elif timeout < 0: raise ValueError(...)`, applied where CPython applies it. */
export function queueTimeout(timeout: number): void {
  if (typeof timeout !== 'number') {
    throw new TypeError(`'<' not supported between instances of '${typeName(timeout)}' and 'int'`);
  }
  // NaN would make CPython wait with a NaN timeout; refusing it is clearer.
  if (timeout < 0 || Number.isNaN(timeout)) throw new ValueError("'timeout' must be a non-negative number");
}
