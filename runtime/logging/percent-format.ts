// Python's `format % args` (printf-style formatting), as CPython 3.11's unicode formatter does it: %(key)s
// lookups, the flags "-+ #0", width and precision (also "*"), the conversions s r a c d i u o x X e E f F g G %,
// and the same errors with the same messages. logging uses it for formats ('%(threadName)-10s') and for
// messages (logging.info('%d items', n)).
import { KeyError, OverflowError, ValueError, isPlainObject, pyRepr, pyStr, typeName } from '../python/index.ts';
import { exponentDigits, fixedDigits, generalDigits } from './float-format.ts';

/** What can stand on the right of %: a tuple (an array) or a mapping (a plain object or a Map). */
export type PercentArgs = readonly unknown[] | Record<string, unknown> | ReadonlyMap<string, unknown>;

/** A mapping whose values are looked up (or computed) on demand: a LogRecord seen as Python's record.__dict__. */
export class Lookup {
  readonly has: (key: string) => boolean;
  readonly get: (key: string) => unknown;
  constructor(has: (key: string) => boolean, get: (key: string) => unknown) {
    this.has = has;
    this.get = get;
  }
}

type Mapping = Record<string, unknown> | ReadonlyMap<string, unknown> | Lookup;

export function isMapping(value: unknown): value is Record<string, unknown> | ReadonlyMap<string, unknown> {
  return value instanceof Map || isPlainObject(value);
}

interface Spec {
  left: boolean;
  sign: boolean;
  blank: boolean;
  alternate: boolean;
  zero: boolean;
  width: number;
  precision: number; // -1: none
}

/** The state CPython keeps while formatting: which positional argument comes next. */
class Cursor {
  private args: unknown;
  private length: number;
  private index: number;
  readonly dict: Mapping | null;

  constructor(args: unknown) {
    this.args = args;
    this.dict = isMapping(args) || args instanceof Lookup ? args : null;
    if (Array.isArray(args)) {
      this.length = args.length;
      this.index = 0;
    } else {
      this.length = -1; // a single non-tuple value is used once
      this.index = -2;
    }
  }

  next(): unknown {
    if (this.index < this.length) {
      this.index++;
      return this.length < 0 ? this.args : (this.args as unknown[])[this.index - 1];
    }
    throw new TypeError('not enough arguments for format string');
  }

  /** %(key): the value replaces the arguments for this conversion, and positional use is over. */
  useKey(key: string): void {
    const dict = this.dict;
    if (dict === null) throw new TypeError('format requires a mapping');
    let value: unknown;
    if (dict instanceof Map || dict instanceof Lookup) {
      if (!dict.has(key)) throw new KeyError(key);
      value = dict.get(key);
    } else {
      if (!Object.prototype.hasOwnProperty.call(dict, key)) throw new KeyError(key);
      value = (dict as Record<string, unknown>)[key];
    }
    this.args = value;
    this.length = -1;
    this.index = -2;
  }

  get unused(): boolean {
    return this.index < this.length && this.dict === null;
  }
}

function isInt(value: unknown): value is number | bigint | boolean {
  return typeof value === 'bigint' || typeof value === 'boolean' || (typeof value === 'number' && Number.isInteger(value));
}

function starValue(cursor: Cursor): number {
  const value = cursor.next();
  if (!isInt(value)) throw new TypeError('* wants int');
  return Number(value);
}

function pad(body: string, spec: Spec, signAndPrefix = '', numeric = false): string {
  const length = [...signAndPrefix].length + [...body].length;
  const fill = Math.max(0, spec.width - length);
  if (spec.left) return signAndPrefix + body + ' '.repeat(fill);
  if (numeric && spec.zero) return signAndPrefix + '0'.repeat(fill) + body;
  return ' '.repeat(fill) + signAndPrefix + body;
}

function signOf(negative: boolean, spec: Spec): string {
  if (negative) return '-';
  if (spec.sign) return '+';
  return spec.blank ? ' ' : '';
}

function formatInteger(value: bigint, base: 8 | 10 | 16, upper: boolean, spec: Spec): string {
  const negative = value < 0n;
  let digits = (negative ? -value : value).toString(base);
  if (upper) digits = digits.toUpperCase();
  if (spec.precision > digits.length) digits = digits.padStart(spec.precision, '0');
  let prefix = '';
  if (spec.alternate && base === 16) prefix = upper ? '0X' : '0x';
  if (spec.alternate && base === 8) prefix = '0o';
  return pad(digits, spec, signOf(negative, spec) + prefix, true);
}

function toBigInt(value: number | bigint | boolean): bigint {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) throw new ValueError('cannot convert float NaN to integer');
    if (!Number.isFinite(value)) throw new OverflowError('cannot convert float infinity to integer');
    return BigInt(Math.trunc(value));
  }
  return BigInt(value);
}

function formatFloat(value: number, conversion: string, spec: Spec): string {
  const negative = value < 0 || Object.is(value, -0);
  const magnitude = Math.abs(value);
  const precision = spec.precision < 0 ? 6 : spec.precision;
  const lower = conversion.toLowerCase();
  let body: string;
  if (Number.isNaN(value)) body = 'nan';
  else if (!Number.isFinite(value)) body = 'inf';
  else if (lower === 'f') body = fixedDigits(magnitude, precision, spec.alternate);
  else if (lower === 'e') body = exponentDigits(magnitude, precision, spec.alternate);
  else body = generalDigits(magnitude, precision, spec.alternate);
  if (conversion !== lower) body = body.toUpperCase();
  return pad(body, spec, signOf(negative && !Number.isNaN(value), spec), true);
}

/** Python's ascii(): repr with every non-ASCII character escaped. */
export function asciiRepr(value: unknown): string {
  let out = '';
  for (const char of pyRepr(value)) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x80) out += char;
    else if (code < 0x100) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code < 0x10000) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += `\\U${code.toString(16).padStart(8, '0')}`;
  }
  return out;
}

function convert(value: unknown, conversion: string, spec: Spec, index: number): string {
  switch (conversion) {
    case 's':
    case 'r':
    case 'a': {
      let text = conversion === 's' ? pyStr(value) : conversion === 'r' ? pyRepr(value) : asciiRepr(value);
      if (spec.precision >= 0) text = [...text].slice(0, spec.precision).join('');
      return pad(text, spec);
    }
    case 'd':
    case 'i':
    case 'u':
      if (typeof value !== 'number' && !isInt(value)) {
        throw new TypeError(`%${conversion} format: a real number is required, not ${typeName(value)}`);
      }
      return formatInteger(toBigInt(value), 10, false, spec);
    case 'o':
    case 'x':
    case 'X':
      if (!isInt(value)) throw new TypeError(`%${conversion} format: an integer is required, not ${typeName(value)}`);
      return formatInteger(BigInt(value), conversion === 'o' ? 8 : 16, conversion === 'X', spec);
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
      if (typeof value !== 'number' && !isInt(value)) throw new TypeError(`must be real number, not ${typeName(value)}`);
      return formatFloat(Number(value), conversion, spec);
    case 'c': {
      let char: string;
      if (isInt(value)) {
        const code = Number(value);
        if (code < 0 || code >= 0x110000) throw new OverflowError('%c arg not in range(0x110000)');
        char = String.fromCodePoint(code);
      } else if (typeof value === 'string' && [...value].length === 1) {
        char = value;
      } else {
        throw new TypeError('%c requires int or char');
      }
      return pad(char, spec);
    }
    default: {
      const code = conversion.codePointAt(0) ?? 0;
      const shown = code >= 31 && code <= 126 ? conversion : '?';
      throw new ValueError(`unsupported format character '${shown}' (0x${code.toString(16)}) at index ${index}`);
    }
  }
}

const FLAGS: Record<string, keyof Spec> = { '-': 'left', '+': 'sign', ' ': 'blank', '#': 'alternate', '0': 'zero' };

/** `format % args`. A non-array, non-mapping `args` is a single value, as in Python. */
export function percentFormat(format: string, args: unknown): string {
  const cursor = new Cursor(args);
  let out = '';
  let i = 0;
  const n = format.length;
  while (i < n) {
    const percent = format.indexOf('%', i);
    if (percent < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, percent);
    let pos = percent + 1;
    if (pos >= n) throw new ValueError('incomplete format');
    if (format[pos] === '%') {
      out += '%';
      i = pos + 1;
      continue;
    }
    if (format[pos] === '(') {
      let depth = 1;
      const start = ++pos;
      while (pos < n && depth > 0) {
        if (format[pos] === ')') depth--;
        else if (format[pos] === '(') depth++;
        pos++;
      }
      if (depth > 0) throw new ValueError('incomplete format key');
      cursor.useKey(format.slice(start, pos - 1));
    }
    const spec: Spec = { left: false, sign: false, blank: false, alternate: false, zero: false, width: 0, precision: -1 };
    while (pos < n && FLAGS[format[pos]!] !== undefined) {
      (spec[FLAGS[format[pos]!]!] as boolean) = true;
      pos++;
    }
    if (format[pos] === '*') {
      spec.width = starValue(cursor);
      if (spec.width < 0) {
        spec.left = true;
        spec.width = -spec.width;
      }
      pos++;
    } else {
      while (pos < n && format[pos]! >= '0' && format[pos]! <= '9') spec.width = spec.width * 10 + Number(format[pos++]);
    }
    if (format[pos] === '.') {
      pos++;
      spec.precision = 0;
      if (format[pos] === '*') {
        spec.precision = Math.max(0, starValue(cursor));
        pos++;
      } else {
        while (pos < n && format[pos]! >= '0' && format[pos]! <= '9') spec.precision = spec.precision * 10 + Number(format[pos++]);
      }
    }
    if (pos >= n) throw new ValueError('incomplete format');
    const conversion = String.fromCodePoint(format.codePointAt(pos) ?? 0);
    const value = cursor.next();
    out += convert(value, conversion, spec, [...format.slice(0, pos)].length);
    i = pos + conversion.length;
  }
  if (cursor.unused) throw new TypeError('not all arguments converted during string formatting');
  return out;
}
