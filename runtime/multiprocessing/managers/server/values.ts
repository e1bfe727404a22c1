// Python's ==, < and hashability for the JS values the server holds (structured-cloned copies).
import { pyRepr, typeName } from '../../../python/index.ts';
import { typeError } from './errors.ts';

/** Python's ==: numbers and strings by value, lists/dicts/sets element-wise. */
export function pyEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'bigint') return BigInt(Math.trunc(a)) === b && Number.isInteger(a);
  if (typeof a === 'bigint' && typeof b === 'number') return pyEquals(b, a);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return (a === null || a === undefined) && (b === null || b === undefined);
  }
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => pyEquals(x, b[i]));
  if (a instanceof Map && b instanceof Map) {
    if (a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !pyEquals(v, b.get(k))) return false;
    return true;
  }
  if (a instanceof Set && b instanceof Set) return a.size === b.size && [...a].every((x) => b.has(x));
  if (Object.getPrototypeOf(a) === Object.prototype && Object.getPrototypeOf(b) === Object.prototype) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => pyEquals((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return false;
}

/** Python's ordering for sort(): numbers with numbers, strings with strings, lists element-wise. */
export function pyCompare(a: unknown, b: unknown): number {
  const numeric = (v: unknown): v is number | bigint | boolean => typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean';
  if (numeric(a) && numeric(b)) {
    const x = Number(a);
    const y = Number(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (!pyEquals(a[i], b[i])) return pyCompare(a[i], b[i]);
    }
    return a.length - b.length;
  }
  throw typeError(`'<' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

/**
 * Dict keys are JS Map keys: primitives compare by value. A list or dict cannot be a key in Python either
 * ("unhashable type"); JS has no tuples, so no composite keys.
 */
export function checkHashable(key: unknown): void {
  if (typeof key === 'object' && key !== null) throw typeError(`unhashable type: '${typeName(key)}'`);
}

export { pyRepr };
