// Python's repr() for the values our shared objects and Manager proxies hold, so printed results read as
// CPython prints them: {1: '1', '2': 2, 0.25: None}, [0, -1], 3.1415927, b'a'.

/** repr of one byte held by a 'c' value (a one-character string with code < 256), without the b'' quotes. */
export function charRepr(ch: string): string {
  const code = ch.charCodeAt(0);
  if (ch === "'") return "\\'";
  if (ch === '\\') return '\\\\';
  if (ch === '\n') return '\\n';
  if (ch === '\r') return '\\r';
  if (ch === '\t') return '\\t';
  if (code < 32 || code >= 127) return `\\x${code.toString(16).padStart(2, '0')}`;
  return ch;
}

/**
 * Python's float repr: the shortest round-tripping digits (JS computes the same ones), fixed notation when the
 * decimal exponent is in [-4, 16), scientific otherwise, and always visibly a float (1.0, 1e+16, 1e-05).
 */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa = '', expText = '0'] = x.toExponential().split('e');
  const exp = Number(expText);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const sign = negative ? '-' : '';
  if (exp < -4 || exp >= 16) {
    const frac = digits.slice(1);
    const e = `${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
    return `${sign}${digits[0] ?? ''}${frac === '' ? '' : '.' + frac}e${e}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
  const fracPart = digits.slice(exp + 1);
  return `${sign}${intPart}.${fracPart === '' ? '0' : fracPart}`;
}

/** Python's str repr: single quotes unless the text holds a single quote and no double quote. */
export function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = '';
  for (const ch of s) {
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127) out += `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return quote + out + quote;
}

/**
 * repr() of a JS value seen as the Python value it stands for: null/undefined -> None, booleans -> True/False,
 * integers as ints, other numbers as floats, Map -> dict, Set -> set, arrays -> list, plain objects -> dict.
 * JS numbers do not say int or float: an integral number prints as an int.
 */
export function pyRepr(value: unknown, seen: Set<object> = new Set()): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return Number.isInteger(value) && !Object.is(value, -0) ? String(value) : floatRepr(value);
  if (typeof value === 'bigint') return String(value);
  if (typeof value === 'string') return strRepr(value);
  if (typeof value === 'function') return `<function ${value.name || '<lambda>'}>`;
  if (typeof value !== 'object') return String(value);
  if (seen.has(value)) return Array.isArray(value) ? '[...]' : '{...}';
  seen.add(value);
  try {
    if (Array.isArray(value)) return `[${value.map((v) => pyRepr(v, seen)).join(', ')}]`;
    if (value instanceof Map) {
      return `{${[...value].map(([k, v]) => `${pyRepr(k, seen)}: ${pyRepr(v, seen)}`).join(', ')}}`;
    }
    if (value instanceof Set) {
      return value.size === 0 ? 'set()' : `{${[...value].map((v) => pyRepr(v, seen)).join(', ')}}`;
    }
    if (value instanceof Uint8Array) {
      return `b'${[...value].map((c) => charRepr(String.fromCharCode(c))).join('')}'`;
    }
    const custom = (value as { toString?: () => string }).toString;
    const proto = Object.getPrototypeOf(value) as object | null;
    if (proto !== Object.prototype && proto !== null && typeof custom === 'function' && custom !== Object.prototype.toString) {
      return custom.call(value);
    }
    return `{${Object.entries(value).map(([k, v]) => `${strRepr(k)}: ${pyRepr(v, seen)}`).join(', ')}}`;
  } finally {
    seen.delete(value);
  }
}
