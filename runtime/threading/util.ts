// Small helpers shared by the threading primitives: Python-style type names and argument checks.
import { OverflowError, ValueError } from '../core/index.ts';

/** Python's threading.TIMEOUT_MAX: the longest timeout a lock accepts. */
export const TIMEOUT_MAX = 9223372036.0;

/** The name Python would print for a value's type, for "'int' object is not callable" messages. */
export function pythonTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'bigint') return 'int';
  if (value instanceof Promise) return 'coroutine';
  if (Array.isArray(value)) return 'list';
  if (value instanceof Map) return 'dict';
  if (value instanceof Set) return 'set';
  const ctor = (value as { constructor?: { name?: string } }).constructor?.name;
  return ctor === undefined || ctor === 'Object' ? 'dict' : ctor;
}

/**
 * Validates (blocking, timeout) as CPython's lock.acquire does and returns the timeout in seconds, or null to
 * wait forever. `-1` means forever; other negatives are an error.
 */
export function lockTimeout(blocking: boolean, timeout: number, messages: { nonBlocking: string }): number | null {
  if (typeof timeout !== 'number' || Number.isNaN(timeout)) {
    throw new TypeError(`'${pythonTypeName(timeout)}' object cannot be interpreted as a float`);
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
    throw new TypeError(`'${pythonTypeName(timeout)}' object cannot be interpreted as a float`);
  }
  return Math.max(0, timeout);
}

/** Resolved promises shared by every fast path, so an uncontended acquire allocates nothing. */
export const TRUE: Promise<boolean> = Promise.resolve(true);
export const FALSE: Promise<boolean> = Promise.resolve(false);
