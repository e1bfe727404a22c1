// Python's `<` for PriorityQueue items: numbers with numbers, strings by code point, arrays (Python tuples and
// lists) lexicographically, Dates by time; anything else raises Python's TypeError. Objects compare equal only
// to themselves, as Python's default __eq__ does.
import { typeName } from '../python/index.ts';

type Numeric = number | bigint | boolean;

function isNumeric(value: unknown): value is Numeric {
  return typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean';
}

function numeric(value: Numeric): number | bigint {
  return typeof value === 'boolean' ? Number(value) : value;
}

/** Compares strings by Unicode code point, as Python does (JavaScript's < compares UTF-16 code units). */
function stringLess(a: string, b: string): boolean {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    if (a.charCodeAt(i) !== b.charCodeAt(i)) return (a.codePointAt(i) ?? 0) < (b.codePointAt(i) ?? 0);
  }
  return a.length < b.length;
}

/** Python's `a == b` for the types pyLess orders (identity for everything else). */
export function pyEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isNumeric(a) && isNumeric(b)) return numeric(a) == numeric(b);
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => pyEquals(item, b[i]));
  }
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return false;
}

/** Python's `a < b`, or TypeError("'<' not supported between instances of 'dict' and 'dict'"). */
export function pyLess(a: unknown, b: unknown): boolean {
  if (isNumeric(a) && isNumeric(b)) return numeric(a) < numeric(b);
  if (typeof a === 'string' && typeof b === 'string') return stringLess(a, b);
  if (Array.isArray(a) && Array.isArray(b)) {
    const length = Math.min(a.length, b.length);
    for (let i = 0; i < length; i++) {
      if (!pyEquals(a[i], b[i])) return pyLess(a[i], b[i]);
    }
    return a.length < b.length;
  }
  if (a instanceof Date && b instanceof Date) return a.getTime() < b.getTime();
  throw new TypeError(`'<' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}
