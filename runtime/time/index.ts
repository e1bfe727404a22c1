// #runtime/time — Python's time module on the active clock: the real clock in a program, the virtual clock
// inside simulate() (or with RUNTIME_CLOCK=virtual), where sleep(3600) takes no real time. Durations in seconds.
import { currentScheduler } from '../core/index.ts';
import { sleepSeconds, typeName } from '../python/index.ts';
import { strftimeDate } from './strftime.ts';

/** Python's OverflowError, raised by sleep() for a length past CPython's clock (the builtin, re-exported). */
export { OverflowError } from '../python/index.ts';

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
    throw new TypeError(`Tuple or struct_time argument required, not ${typeName(when)}`);
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
