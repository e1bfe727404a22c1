// #runtime/time — Python's time module on the active clock: the real clock in a program, the virtual clock
// inside simulate() (or with RUNTIME_CLOCK=virtual), where sleep(3600) takes no real time. Durations in seconds.
import { ValueError, currentScheduler } from './core/index.ts';
import { pyTypeName } from './logging/python-values.ts';
import { strftimeDate } from './time/strftime.ts';

/** Python's OverflowError (a sleep too long for CPython's clock). */
export class OverflowError extends Error {
  override name = 'OverflowError';
}

/** CPython's _PyTime_t holds nanoseconds in an int64. */
const MAX_SLEEP_SECONDS = 2 ** 63 / 1e9;

function sleepSeconds(seconds: unknown): number {
  if (typeof seconds === 'boolean' || typeof seconds === 'bigint') return Number(seconds);
  if (typeof seconds !== 'number') {
    throw new TypeError(`'${pyTypeName(seconds)}' object cannot be interpreted as an integer`);
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
 * Suspends the calling thread for `seconds`; other threads run meanwhile. Must be awaited:
 * `await sleep(0.5)`. sleep(0) lets every other runnable thread go first.
 */
export function sleep(seconds: number): Promise<void> {
  let checked: number;
  try {
    checked = sleepSeconds(seconds);
  } catch (error) {
    return Promise.reject(error);
  }
  return currentScheduler().sleep(checked);
}

/** Seconds since the Unix epoch (float), on the active clock. */
export function time(): number {
  const scheduler = currentScheduler();
  return scheduler.epoch + scheduler.now();
}

/** time.time_ns(): nanoseconds since the epoch, as a bigint. */
export function timeNs(): bigint {
  return BigInt(Math.round(time() * 1e9));
}

/** A clock that never goes back; only differences between two readings mean something. */
export function monotonic(): number {
  return currentScheduler().now();
}

/** The clock with the highest resolution, for measuring durations (same clock as monotonic here). */
export function perfCounter(): number {
  return currentScheduler().now();
}

/** monotonic() in integer nanoseconds, as a bigint. */
export function monotonicNs(): bigint {
  return BigInt(Math.round(monotonic() * 1e9));
}

/** perfCounter() in integer nanoseconds, as a bigint. */
export function perfCounterNs(): bigint {
  return BigInt(Math.round(perfCounter() * 1e9));
}

function dateFor(when: Date | number | undefined): Date {
  if (when === undefined) return new Date(time() * 1000);
  if (when instanceof Date) return when;
  if (typeof when !== 'number') {
    throw new TypeError(`Tuple or struct_time argument required, not ${pyTypeName(when)}`);
  }
  return new Date(when * 1000);
}

/**
 * Formats a local time with CPython's directives (%H:%M:%S, %X, %Y-%m-%d ...). `when` is a Date or seconds
 * since the epoch (what time() returns); by default the active clock's current time.
 */
export function strftime(format: string, when?: Date | number): string {
  return strftimeDate(format, dateFor(when));
}

/** time.ctime(): "Thu Jan  1 09:00:00 2026" for `seconds` since the epoch (default: now). */
export function ctime(seconds?: number): string {
  return strftimeDate('%a %b %e %H:%M:%S %Y', dateFor(seconds));
}
