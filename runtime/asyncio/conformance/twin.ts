// Helpers shared by the TS twins: print like Python's print(), errors like twin.py's err(), time like t().
import { currentScheduler } from '../../core/index.ts';

/** Python's str() of a value, for the few types the twins print. */
export function str(value: unknown): string {
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (value === null || value === undefined) return 'None';
  if (Array.isArray(value)) return `[${value.map(repr).join(', ')}]`;
  return String(value);
}

/** Python's repr() of a value, as list elements print. */
export function repr(value: unknown): string {
  if (typeof value === 'string') return value.includes("'") && !value.includes('"') ? `"${value}"` : `'${value}'`;
  return str(value);
}

/** print(*args): joins str() of each argument with spaces. */
export function print(...args: unknown[]): void {
  console.log(args.map(str).join(' '));
}

/** Seconds since the simulation started, one decimal, like twin.py's t(). */
export function t(): string {
  return (Math.round(currentScheduler().now() * 10) / 10).toFixed(1);
}

/** 'TypeName: message', or 'TypeName' when the message is empty. */
export function err(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.message ? `${error.name}: ${error.message}` : error.name;
}

/** Python's KeyError: str() shows the key's repr. */
export class KeyError extends Error {
  override name = 'KeyError';
  constructor(key: string) {
    super(repr(key));
  }
}

export function sorted<T>(values: Iterable<T>): T[] {
  return [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

const lastLap = new WeakMap<object, number>();

/** Seconds since the previous lap() (or since the simulation started), one decimal, like twin.py's lap(). */
export function lap(): string {
  const scheduler = currentScheduler();
  const now = scheduler.now();
  const start = lastLap.get(scheduler) ?? 0;
  lastLap.set(scheduler, now);
  return (Math.round((now - start) * 10) / 10).toFixed(1);
}
