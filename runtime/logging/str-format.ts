// Python's str.format for logging's '{' style ('{asctime} {levelname:<8} {message}'): fields with .attribute
// and [index] access, !r/!s/!a conversions, and the format-spec mini-language for strings, ints and floats
// ([[fill]align][sign][z][#][0][width][,|_][.precision][type]), with CPython's error messages.
import { IndexError, OverflowError, ValueError, floatRepr, pyRepr, pyStr, typeName } from '../python/index.ts';
import { exponentDigits, fixedDigits, generalDigits } from './float-format.ts';
import { asciiRepr } from './percent-format.ts';

interface Field {
  name: string;
  conversion: string | null;
  spec: string;
}

/** Splits a format into literal text and fields, as string.Formatter.parse does. */
export function parseTemplate(format: string): Array<string | Field> {
  const parts: Array<string | Field> = [];
  let literal = '';
  let i = 0;
  while (i < format.length) {
    const char = format[i]!;
    if (char === '}') {
      if (format[i + 1] !== '}') throw new ValueError("Single '}' encountered in format string");
      literal += '}';
      i += 2;
      continue;
    }
    if (char !== '{') {
      literal += char;
      i++;
      continue;
    }
    if (format[i + 1] === '{') {
      literal += '{';
      i += 2;
      continue;
    }
    let depth = 1;
    let j = i + 1;
    while (j < format.length && depth > 0) {
      if (format[j] === '{') depth++;
      else if (format[j] === '}') depth--;
      j++;
    }
    if (depth > 0) throw new ValueError("expected '}' before end of string");
    const body = format.slice(i + 1, j - 1);
    if (literal !== '') parts.push(literal);
    literal = '';
    parts.push(parseField(body));
    i = j;
  }
  if (literal !== '') parts.push(literal);
  return parts;
}

function parseField(body: string): Field {
  const colon = body.indexOf(':');
  const bang = body.indexOf('!');
  let name = body;
  let conversion: string | null = null;
  let spec = '';
  if (bang >= 0 && (colon < 0 || bang < colon)) {
    name = body.slice(0, bang);
    const rest = body.slice(bang + 1);
    conversion = rest[0] ?? '';
    if (rest.length > 1 && rest[1] !== ':') throw new ValueError("expected ':' after conversion specifier");
    spec = rest.slice(2);
  } else if (colon >= 0) {
    name = body.slice(0, colon);
    spec = body.slice(colon + 1);
  }
  return { name, conversion, spec };
}

/** Resolves "name", "name.attr" or "name[key]" against the keyword values (and positional ones by number). */
function resolveField(name: string, lookup: (key: string) => unknown, positional: readonly unknown[], auto: { next: number }): unknown {
  const match = /^([^.[]*)(.*)$/s.exec(name)!;
  const head = match[1]!;
  let value: unknown;
  if (head === '' || /^\d+$/.test(head)) {
    const index = head === '' ? auto.next++ : Number(head);
    if (index >= positional.length) throw new IndexError(`Replacement index ${index} out of range for positional args tuple`);
    value = positional[index];
  } else {
    value = lookup(head);
  }
  for (const step of match[2]!.matchAll(/\.(\w+)|\[([^\]]+)\]/g)) {
    const key = step[1] ?? step[2]!;
    value = (value as Record<string, unknown>)[/^\d+$/.test(key) && step[2] !== undefined ? Number(key) : key];
  }
  return value;
}

function convert(value: unknown, conversion: string | null): unknown {
  if (conversion === null) return value;
  if (conversion === 's') return pyStr(value);
  if (conversion === 'r') return pyRepr(value);
  if (conversion === 'a') return asciiRepr(value);
  throw new ValueError(`Unknown conversion specifier ${conversion}`);
}

const SPEC = /^(?:(.)?([<>=^]))?([-+ ])?(z)?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/su;

interface Spec {
  fill: string;
  align: string | undefined;
  sign: string;
  z: boolean;
  alternate: boolean;
  width: number;
  grouping: string;
  precision: number | null;
  type: string;
}

function parseSpec(text: string, value: unknown): Spec {
  const m = SPEC.exec(text);
  if (m === null) throw new ValueError('Invalid format specifier');
  const zero = m[6] !== undefined;
  return {
    fill: m[1] ?? (zero && m[2] === undefined ? '0' : ' '),
    align: m[2] ?? (zero ? (typeof value === 'string' ? '<' : '=') : undefined),
    sign: m[3] ?? '-',
    z: m[4] !== undefined,
    alternate: m[5] !== undefined,
    width: m[7] === undefined ? 0 : Number(m[7]),
    grouping: m[8] ?? '',
    precision: m[9] === undefined ? null : Number(m[9]),
    type: m[10] ?? '',
  };
}

function align(body: string, spec: Spec, defaultAlign: string, prefix = '', groupBy = 3): string {
  if (spec.grouping !== '' && spec.fill === '0' && spec.align === '=' && /^[0-9a-fA-F]/.test(body)) {
    // Zero padding is grouped too: '{:012,}' gives '0,001,234,567'.
    const [whole = '', fraction] = body.split('.');
    let digits = whole.replace(/[,_]/g, '');
    const tail = fraction === undefined ? '' : `.${fraction}`;
    while ([...prefix].length + group(digits, spec.grouping, groupBy).length + tail.length < spec.width) digits = `0${digits}`;
    body = group(digits, spec.grouping, groupBy) + tail;
  }
  const fill = Math.max(0, spec.width - [...prefix].length - [...body].length);
  const how = spec.align ?? defaultAlign;
  if (how === '<') return prefix + body + spec.fill.repeat(fill);
  if (how === '^') {
    const left = Math.floor(fill / 2);
    return spec.fill.repeat(left) + prefix + body + spec.fill.repeat(fill - left);
  }
  if (how === '=') return prefix + spec.fill.repeat(fill) + body;
  return spec.fill.repeat(fill) + prefix + body;
}

function group(digits: string, separator: string, size: number): string {
  if (separator === '') return digits;
  const [whole = '', fraction] = digits.split('.');
  let out = '';
  for (let i = whole.length; i > 0; i -= size) out = whole.slice(Math.max(0, i - size), i) + (out === '' ? '' : separator + out);
  return fraction === undefined ? out : `${out}.${fraction}`;
}

function signText(negative: boolean, spec: Spec): string {
  if (negative) return '-';
  return spec.sign === '+' ? '+' : spec.sign === ' ' ? ' ' : '';
}

function formatString(value: string, spec: Spec): string {
  if (spec.type !== '' && spec.type !== 's') throw new ValueError(`Unknown format code '${spec.type}' for object of type 'str'`);
  if (spec.sign !== '-') throw new ValueError('Sign not allowed in string format specifier');
  if (spec.alternate) throw new ValueError('Alternate form (#) not allowed in string format specifier');
  if (spec.align === '=') throw new ValueError("'=' alignment not allowed in string format specifier");
  if (spec.grouping !== '') throw new ValueError(`Cannot specify '${spec.grouping}' with 's'.`);
  const text = spec.precision === null ? value : [...value].slice(0, spec.precision).join('');
  return align(text, spec, '<');
}

function formatInt(value: bigint, spec: Spec): string {
  if (spec.precision !== null) throw new ValueError('Precision not allowed in integer format specifier');
  if (spec.type === 'c') {
    const code = Number(value);
    if (code < 0 || code >= 0x110000) throw new OverflowError('%c arg not in range(0x110000)');
    return align(String.fromCodePoint(code), spec, '>');
  }
  const base = { b: 2, o: 8, x: 16, X: 16 }[spec.type] ?? 10;
  const negative = value < 0n;
  let digits = (negative ? -value : value).toString(base);
  if (spec.type === 'X') digits = digits.toUpperCase();
  const groupBy = base === 10 ? 3 : 4;
  digits = group(digits, spec.grouping, groupBy);
  const prefix = spec.alternate && base !== 10 ? `0${spec.type === 'X' ? 'X' : spec.type}` : '';
  return align(digits, spec, '>', signText(negative, spec) + prefix, groupBy);
}

function formatFloat(value: number, spec: Spec): string {
  let magnitude = Math.abs(value);
  let negative = value < 0 || Object.is(value, -0);
  const type = spec.type;
  let body: string;
  if (Number.isNaN(value)) {
    body = 'nan';
    negative = false;
  } else if (!Number.isFinite(value)) {
    body = 'inf';
  } else {
    const precision = spec.precision ?? 6;
    if (type === '%') {
      magnitude *= 100;
      body = `${fixedDigits(magnitude, precision, spec.alternate)}%`;
    } else if (type === 'f' || type === 'F') body = fixedDigits(magnitude, precision, spec.alternate);
    else if (type === 'e' || type === 'E') body = exponentDigits(magnitude, precision, spec.alternate);
    else if (type === 'g' || type === 'G' || type === 'n') body = generalDigits(magnitude, precision, spec.alternate);
    else if (spec.precision !== null) body = noTypeDigits(magnitude, spec.precision, spec.alternate);
    else body = floatRepr(magnitude);
    if (spec.z && negative && /^[0.%e+-]*$/.test(body.replace(/e[+-]\d+$/, ''))) negative = false;
  }
  if (type === 'E' || type === 'F' || type === 'G') body = body.toUpperCase();
  if (spec.grouping !== '' && /^\d/.test(body)) body = group(body, spec.grouping, 3);
  return align(body, spec, '>', signText(negative, spec));
}

/**
 * A float with a precision and no type: like 'g', but fixed notation always shows a digit after the point
 * ('3.0'), so a number with as many integer digits as the precision switches to exponent form ('1.23e+02').
 */
function noTypeDigits(magnitude: number, precision: number, alternate: boolean): string {
  const p = Math.max(precision, 1);
  const exponent = magnitude === 0 ? 0 : Number(exponentDigits(magnitude, p - 1, false).split('e')[1]);
  if (exponent < -4 || exponent >= p - 1) {
    const text = exponentDigits(magnitude, p - 1, alternate);
    return alternate ? text : text.replace(/\.?0+e/, 'e');
  }
  const fixed = fixedDigits(magnitude, p - 1 - exponent, alternate);
  if (alternate) return fixed;
  const trimmed = fixed.includes('.') ? fixed.replace(/0+$/, '') : fixed;
  return trimmed.endsWith('.') ? `${trimmed}0` : trimmed.includes('.') ? trimmed : `${trimmed}.0`;
}

/** format(value, spec) for the types logging records hold. */
export function formatValue(value: unknown, specText: string): string {
  if (specText === '') return pyStr(value);
  const spec = parseSpec(specText, value);
  if (typeof value === 'string') return formatString(value, spec);
  const numeric = typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean';
  if (!numeric) throw new TypeError(`unsupported format string passed to ${typeName(value)}.__format__`);
  const floatTypes = 'eEfFgG%';
  const isInt = typeof value !== 'number' || Number.isSafeInteger(value);
  if (isInt && !floatTypes.includes(spec.type || '?')) {
    if (!'bcdoxXn'.includes(spec.type || 'd')) {
      throw new ValueError(`Unknown format code '${spec.type}' for object of type '${typeName(value)}'`);
    }
    return formatInt(BigInt(value), spec);
  }
  if (spec.type !== '' && !`${floatTypes}n`.includes(spec.type)) {
    throw new ValueError(`Unknown format code '${spec.type}' for object of type 'float'`);
  }
  return formatFloat(Number(value), spec);
}

/** format.format(*positional, **keywords), keywords read through `lookup` (which throws KeyError). */
export function strFormat(format: string, lookup: (key: string) => unknown, positional: readonly unknown[] = []): string {
  const auto = { next: 0 };
  let out = '';
  for (const part of parseTemplate(format)) {
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    const value = convert(resolveField(part.name, lookup, positional, auto), part.conversion);
    const spec = part.spec.includes('{') ? strFormat(part.spec, lookup, positional) : part.spec;
    out += formatValue(value, spec);
  }
  return out;
}
