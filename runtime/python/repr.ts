// Python's repr() and str() of the Python value a JS value stands for (see types.ts): %s / %r in logging,
// "Message: 'x'" lines, printed shared values and Manager contents. A safe integer prints as an int (2, not
// 2.0), any other number as a float (1.5, 1e+300, -0.0).
import { isClass, isPlainObject, typeName } from './types.ts';

/** Python's int() text for an integer-valued number (no exponent, however large). */
export function intText(value: number): string {
  if (Object.is(value, -0)) return '0';
  return Math.abs(value) < 1e21 ? String(value) : BigInt(value).toString();
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
  const digits = mantissa.replace('-', '').replace('.', '');
  const sign = x < 0 ? '-' : '';
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

/** repr() of a JS number: a safe integer as a Python int, any other number as a float. */
export function numberRepr(value: number): string {
  return Number.isSafeInteger(value) && !Object.is(value, -0) ? intText(value) : floatRepr(value);
}

/** Python's repr() of a str: single quotes unless the text has ' and no ". */
export function stringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '\\') out += '\\\\';
    else if (char === quote) out += `\\${quote}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code >= 0xd800 && code <= 0xdfff) out += `\\u${code.toString(16)}`;
    else out += char;
  }
  return out + quote;
}

/** repr of one byte (a one-character string with code < 256), without the b'' quotes. */
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

/** Python's repr() of bytes: b'a\n\x00'. */
export function bytesRepr(bytes: Uint8Array): string {
  let out = "b'";
  for (const byte of bytes) out += charRepr(String.fromCharCode(byte));
  return out + "'";
}

function hasOwnToString(value: object): boolean {
  const toString = (value as { toString?: unknown }).toString;
  return typeof toString === 'function' && toString !== Object.prototype.toString;
}

function reprInside(value: unknown, seen: Set<object>): string {
  if (value === null || value === undefined) return 'None';
  switch (typeof value) {
    case 'string':
      return stringRepr(value);
    case 'number':
      return numberRepr(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'True' : 'False';
    case 'symbol':
      return String(value);
    case 'function':
      return isClass(value) ? `<class '${value.name}'>` : `<function ${value.name || '<lambda>'}>`;
    default:
      break;
  }
  const object = value as object;
  if (object instanceof Error) {
    const args = (object as { args?: unknown }).args;
    if (Array.isArray(args)) return `${object.name}(${args.map((arg) => reprInside(arg, seen)).join(', ')})`;
    return `${object.name}(${object.message === '' ? '' : stringRepr(object.message)})`;
  }
  if (object instanceof Uint8Array) return bytesRepr(object);
  const isContainer = Array.isArray(object) || object instanceof Map || object instanceof Set || isPlainObject(object);
  if (!isContainer) {
    if (hasOwnToString(object) && !(object instanceof Promise)) return String(object);
    return `<${typeName(object)} object>`;
  }
  if (seen.has(object)) return Array.isArray(object) ? '[...]' : '{...}';
  seen.add(object);
  try {
    if (Array.isArray(object)) return `[${object.map((item) => reprInside(item, seen)).join(', ')}]`;
    if (object instanceof Set) {
      if (object.size === 0) return 'set()';
      return `{${[...object].map((item) => reprInside(item, seen)).join(', ')}}`;
    }
    const entries: Array<[unknown, unknown]> =
      object instanceof Map ? [...object.entries()] : Object.entries(object as Record<string, unknown>);
    return `{${entries.map(([k, v]) => `${reprInside(k, seen)}: ${reprInside(v, seen)}`).join(', ')}}`;
  } finally {
    seen.delete(object);
  }
}

/** Python's repr(value). */
export function repr(value: unknown): string {
  return reprInside(value, new Set());
}

/** Python's str(value): text as is, an exception's message, anything else as its repr. */
export function str(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Error) return value.message;
  return repr(value);
}

/** Python's repr() of a tuple: (), ('a',), (1, 2). */
export function tupleRepr(items: readonly unknown[]): string {
  if (items.length === 1) return `(${repr(items[0])},)`;
  return `(${items.map((item) => repr(item)).join(', ')})`;
}

// The names the runtime's modules have used for these (logging, sharedctypes): one function each.
export { repr as pyRepr, str as pyStr };
