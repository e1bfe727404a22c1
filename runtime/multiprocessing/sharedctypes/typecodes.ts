// Python's array-module typecodes as used by multiprocessing.Value/Array, mapped to typed arrays over shared
// memory, with ctypes' conversion rules: integers wrap around silently (c_byte(200) -> -56), a float is refused
// by integer types, 'f' rounds to single precision and 'c' holds one byte.
//
import { charRepr, floatRepr, typeName } from '../../python/index.ts';

// JS has one number type, so "is it an int?" means Number.isInteger. 64-bit codes (l L q Q; `long` is 64-bit
// on Linux, as in CPython there) read back as a number while exact and as a bigint beyond 2**53.

export type Typecode = 'b' | 'B' | 'h' | 'H' | 'i' | 'I' | 'l' | 'L' | 'q' | 'Q' | 'f' | 'd' | 'c';

/** What reading an element of each typecode gives. */
export type ElementOf<C extends Typecode> = C extends 'c'
  ? string
  : C extends 'l' | 'L' | 'q' | 'Q'
    ? number | bigint
    : number;

type IntView = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array;
type BigView = BigInt64Array | BigUint64Array;
export type View = IntView | BigView | Float32Array | Float64Array;

export interface TypecodeInfo {
  code: Typecode;
  /** ctypes' name, used in reprs and error messages ('c_int'). */
  ctype: string;
  bytes: number;
  kind: 'int' | 'bigint' | 'float' | 'char';
  view(buffer: SharedArrayBuffer, byteOffset: number, length: number): View;
  /** load() and convert()+store() specialised for this kind: what `.value` and `a[i]` run on every access. */
  read(view: View, index: number): number | bigint | string;
  write(view: View, index: number, value: unknown): void;
}

// One function per kind (not one switch for all), so each access site stays monomorphic in practice.
const ACCESS: Record<TypecodeInfo['kind'], Pick<TypecodeInfo, 'read' | 'write'>> = {
  int: {
    read: (view, index) => Atomics.load(view as IntView, index),
    write: (view, index, value) => {
      // The common case first: a plain integer needs no conversion (the typed array wraps it as C does).
      Atomics.store(view as IntView, index, typeof value === 'number' && Number.isInteger(value) ? value : convertInt(value));
    },
  },
  bigint: {
    read: (view, index) => {
      const big = Atomics.load(view as BigView, index);
      const n = Number(big);
      return Number.isSafeInteger(n) ? n : big;
    },
    write: (view, index, value) => {
      const n = toInteger(value);
      const big = typeof n === 'bigint' ? n : BigInt(n);
      Atomics.store(view as BigView, index, view instanceof BigUint64Array ? BigInt.asUintN(64, big) : BigInt.asIntN(64, big));
    },
  },
  float: {
    read: (view, index) => (view as Float32Array | Float64Array)[index] as number,
    write: (view, index, value) => {
      (view as Float32Array | Float64Array)[index] = typeof value === 'number' ? value : toFloat(value);
    },
  },
  char: {
    read: (view, index) => String.fromCharCode(Atomics.load(view as Uint8Array, index)),
    write: (view, index, value) => {
      Atomics.store(view as Uint8Array, index, toByte(value));
    },
  },
};

function info(code: Typecode, ctype: string, bytes: number, kind: TypecodeInfo['kind'],
  view: TypecodeInfo['view']): TypecodeInfo {
  return { code, ctype, bytes, kind, view, ...ACCESS[kind] };
}

const TABLE: Record<Typecode, TypecodeInfo> = {
  b: info('b', 'c_byte', 1, 'int', (b, o, n) => new Int8Array(b, o, n)),
  B: info('B', 'c_ubyte', 1, 'int', (b, o, n) => new Uint8Array(b, o, n)),
  h: info('h', 'c_short', 2, 'int', (b, o, n) => new Int16Array(b, o, n)),
  H: info('H', 'c_ushort', 2, 'int', (b, o, n) => new Uint16Array(b, o, n)),
  i: info('i', 'c_int', 4, 'int', (b, o, n) => new Int32Array(b, o, n)),
  I: info('I', 'c_uint', 4, 'int', (b, o, n) => new Uint32Array(b, o, n)),
  l: info('l', 'c_long', 8, 'bigint', (b, o, n) => new BigInt64Array(b, o, n)),
  L: info('L', 'c_ulong', 8, 'bigint', (b, o, n) => new BigUint64Array(b, o, n)),
  q: info('q', 'c_long', 8, 'bigint', (b, o, n) => new BigInt64Array(b, o, n)),
  Q: info('Q', 'c_ulong', 8, 'bigint', (b, o, n) => new BigUint64Array(b, o, n)),
  f: info('f', 'c_float', 4, 'float', (b, o, n) => new Float32Array(b, o, n)),
  d: info('d', 'c_double', 8, 'float', (b, o, n) => new Float64Array(b, o, n)),
  c: info('c', 'c_char', 1, 'char', (b, o, n) => new Uint8Array(b, o, n)),
};

/** The typecode's description, or Python's error for an unknown one. */
export function typecodeInfo(code: unknown): TypecodeInfo {
  if (typeof code === 'string' && Object.hasOwn(TABLE, code)) return TABLE[code as Typecode];
  // CPython: Value('x', 1) -> TypeError: this type has no size (ctypes.sizeof of the looked-up type).
  throw new TypeError('this type has no size');
}

/** An integer for an int/bigint typecode, as ctypes would accept it (bools are ints in Python). */
function toInteger(value: unknown): number | bigint {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  throw new TypeError(`'${typeName(value)}' object cannot be interpreted as an integer`);
}

function toFloat(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'bigint') return Number(value);
  throw new TypeError(`must be real number, not ${typeName(value)}`);
}

/** One byte for 'c': a one-character string (code < 256), a one-byte Uint8Array, or an int 0..255. */
function toByte(value: unknown): number {
  if (typeof value === 'string' && value.length === 1 && value.charCodeAt(0) < 256) return value.charCodeAt(0);
  if (value instanceof Uint8Array && value.length === 1) return value[0] as number;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 256) return value;
  throw new TypeError('one character bytes, bytearray or integer expected');
}

/** An integer typecode's value: typed arrays wrap numbers modulo 2**bits exactly as C does; a bigint is reduced first. */
function convertInt(value: unknown): number {
  const n = toInteger(value);
  return typeof n === 'bigint' ? Number(BigInt.asIntN(64, n)) : n;
}

/** Check and convert `value` for storage in a view of this typecode (before any write: no partial writes). */
export function convert(type: TypecodeInfo, value: unknown): number | bigint {
  switch (type.kind) {
    case 'int':
      return convertInt(value);
    case 'bigint': {
      const n = toInteger(value);
      return typeof n === 'bigint' ? n : BigInt(n);
    }
    case 'float':
      return toFloat(value);
    case 'char':
      return toByte(value);
  }
}

/** Store an already converted value. Integer views use Atomics so a single read or write is never torn. */
export function store(type: TypecodeInfo, view: View, index: number, converted: number | bigint): void {
  if (type.kind === 'bigint') {
    const big = converted as bigint;
    Atomics.store(view as BigView, index, type.code === 'L' || type.code === 'Q' ? BigInt.asUintN(64, big) : BigInt.asIntN(64, big));
  } else if (type.kind === 'float') {
    (view as Float32Array | Float64Array)[index] = converted as number;
  } else {
    Atomics.store(view as IntView, index, converted as number);
  }
}

/** Read one element as the user sees it (see ElementOf). */
export function load(type: TypecodeInfo, view: View, index: number): number | bigint | string {
  switch (type.kind) {
    case 'int':
      return Atomics.load(view as IntView, index);
    case 'bigint': {
      const big = Atomics.load(view as BigView, index);
      const n = Number(big);
      return Number.isSafeInteger(n) ? n : big;
    }
    case 'float':
      return (view as Float32Array | Float64Array)[index] as number;
    case 'char':
      return String.fromCharCode(Atomics.load(view as Uint8Array, index));
  }
}

/** The repr of one stored value as ctypes shows it: c_int(3), c_double(0.5), c_char(b'a'). */
export function pyRepr(type: TypecodeInfo, value: number | bigint | string): string {
  if (type.kind === 'char') return `b'${charRepr(value as string)}'`;
  if (type.kind === 'float') return floatRepr(value as number);
  return String(value);
}
