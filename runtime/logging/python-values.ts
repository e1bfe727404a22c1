// How Python would name and print a JavaScript value: type names for error messages ("not str"), str() and
// repr() for %s / %r and for logging's "Message: 'x'" lines. JavaScript has one number type, so a safe
// integer prints as a Python int (2, not 2.0) and any other number as a Python float (1.5, 1e+300).

/** Python's type name for a value: 'int', 'float', 'str', 'list', 'dict', 'NoneType', ... */
export function pyTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  switch (typeof value) {
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isSafeInteger(value) ? 'int' : 'float';
    case 'bigint':
      return 'int';
    case 'string':
      return 'str';
    case 'symbol':
      return 'symbol';
    case 'function':
      return 'function';
    default:
      break;
  }
  if (Array.isArray(value)) return 'list';
  if (value instanceof Map || isPlainObject(value)) return 'dict';
  if (value instanceof Set) return 'set';
  if (value instanceof Error) return value.name;
  return (value as { constructor?: { name?: string } }).constructor?.name || 'object';
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Python's int() text for an integer-valued number (no exponent, however large). */
export function intText(value: number): string {
  if (Object.is(value, -0)) return '0';
  return Math.abs(value) < 1e21 ? String(value) : BigInt(value).toString();
}

/** Python's repr() of a number: a safe integer as an int, else a float's shortest round-trip digits. */
export function floatRepr(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (Number.isSafeInteger(value)) return intText(value);
  const [mantissa = '', exponentText = '0'] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  const digits = mantissa.replace('-', '').replace('.', '');
  const sign = value < 0 ? '-' : '';
  if (exponent < -4 || exponent >= 16) {
    const body = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${body}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  return `${sign}${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
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
      return floatRepr(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'True' : 'False';
    case 'symbol':
      return String(value);
    case 'function':
      return /^class[\s{]/.test(Function.prototype.toString.call(value))
        ? `<class '${value.name}'>`
        : `<function ${value.name || '<lambda>'}>`;
    default:
      break;
  }
  const object = value as object;
  if (object instanceof Error) return `${object.name}(${object.message === '' ? '' : stringRepr(object.message)})`;
  const isContainer = Array.isArray(object) || object instanceof Map || object instanceof Set || isPlainObject(object);
  if (!isContainer) {
    if (hasOwnToString(object)) return String(object);
    return `<${pyTypeName(object)} object>`;
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
export function pyRepr(value: unknown): string {
  return reprInside(value, new Set());
}

/** Python's str(value): text as is, an exception's message, containers as their repr. */
export function pyStr(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Error) return value.message;
  return pyRepr(value);
}

/** Python's repr() of the args tuple: (), ('a',), (1, 2). */
export function tupleRepr(items: readonly unknown[]): string {
  if (items.length === 1) return `(${pyRepr(items[0])},)`;
  return `(${items.map((item) => pyRepr(item)).join(', ')})`;
}
