// multiprocessing.RawArray and Array: a fixed-size C array in shared memory. Index access reads and writes the
// shared memory directly (`arr[i]`, `arr[-1]` as in Python) through a Proxy; `get(i)`/`set(i, v)` do the same
// without the Proxy's cost (see bench/shared.bench.ts). `toArray()` is Python's `arr[:]`.
import { inspect } from 'node:util';
import { AttributeError, IndexError, ValueError } from '../synchronize/errors.ts';
import { Lock, RLock, SemLock } from '../synchronize/semlock.ts';
import { nextSharedId, noteWrite, racesEnabled } from '../races.ts';
import { resolveLock, type SharedOptions } from './value.ts';
import { convert, load, store, typecodeInfo, type ElementOf, type Typecode, type TypecodeInfo, type View } from './typecodes.ts';

/** @internal Where a shared array lives; what crosses to another process. */
export interface ArrayLocation {
  typecode: Typecode;
  buffer: SharedArrayBuffer;
  byteOffset: number;
  length: number;
  /** Its id for race detection (races.ts), the same in every process; 0 when detection is off. */
  raceId?: number;
}

/** A numeric property key ("3", "-1") as an integer; undefined for every other key. */
function indexKey(key: string | symbol): number | undefined {
  if (typeof key !== 'string') return undefined;
  const first = key.charCodeAt(0);
  if (!((first >= 48 && first <= 57) || first === 45)) return undefined;
  const n = Number(key);
  return Number.isInteger(n) && String(n) === key ? n : undefined;
}

/** Methods bound to the real object, so their own property reads do not go through the Proxy again. */
const boundMethods = new WeakMap<object, Map<string | symbol, unknown>>();

const indexing: ProxyHandler<RawArray> = {
  get(target, key) {
    const i = indexKey(key);
    if (i !== undefined) return target.get(i);
    const value = Reflect.get(target, key, target) as unknown;
    if (typeof value !== 'function') return value;
    let cache = boundMethods.get(target);
    if (cache === undefined) boundMethods.set(target, (cache = new Map()));
    let bound = cache.get(key);
    if (bound === undefined) cache.set(key, (bound = (value as (...args: unknown[]) => unknown).bind(target)));
    return bound;
  },
  set(target, key, value, receiver) {
    const i = indexKey(key);
    if (i === undefined) return Reflect.set(target, key, value, receiver);
    target.set(i, value);
    return true;
  },
  has(target, key) {
    const i = indexKey(key);
    return i === undefined ? Reflect.has(target, key) : i >= 0 && i < target.length;
  },
};

/** The initial contents: a length (zeros) or any iterable; for 'c' also a string of bytes. */
function initialValues(type: TypecodeInfo, sizeOrInit: unknown): { length: number; values: unknown[] | null } {
  if (typeof sizeOrInit === 'number' || typeof sizeOrInit === 'bigint') {
    const length = Number(sizeOrInit);
    if (!Number.isInteger(length)) throw new TypeError("'float' object cannot be interpreted as an integer");
    if (length < 0) throw new ValueError(`Array length must be >= 0, not ${length}`);
    return { length, values: null };
  }
  if (typeof sizeOrInit === 'string' && type.kind === 'char') return { length: sizeOrInit.length, values: [...sizeOrInit] };
  if (sizeOrInit !== null && typeof sizeOrInit === 'object' && Symbol.iterator in sizeOrInit) {
    const values = [...(sizeOrInit as Iterable<unknown>)];
    return { length: values.length, values };
  }
  throw new TypeError(`object of type '${sizeOrInit === null ? 'NoneType' : typeof sizeOrInit}' has no len()`);
}

export class RawArray<C extends Typecode = Typecode> {
  readonly typecode: C;
  readonly length: number;
  /** @internal */ readonly type: TypecodeInfo;
  /** @internal */ readonly view: View;
  /** @internal */ readonly raceId: number;
  [index: number]: ElementOf<C>;

  /** `sizeOrInit`: a length (zero-filled) or the initial elements (any iterable). */
  constructor(typecode: C, sizeOrInit: number | Iterable<unknown>, location?: ArrayLocation) {
    this.typecode = typecode;
    this.type = typecodeInfo(typecode);
    if (location !== undefined) {
      this.length = location.length;
      this.view = this.type.view(location.buffer, location.byteOffset, location.length);
    } else {
      const { length, values } = initialValues(this.type, sizeOrInit);
      // Convert everything first: a bad element fails before any memory is written (as ctypes does).
      const converted = values?.map((v) => convert(this.type, v));
      this.length = length;
      this.view = this.type.view(new SharedArrayBuffer(Math.max(1, length) * this.type.bytes), 0, length);
      converted?.forEach((v, i) => store(this.type, this.view, i, v));
    }
    this.raceId = location?.raceId ?? nextSharedId();
    return new Proxy<RawArray<C>>(this, indexing as ProxyHandler<RawArray<C>>);
  }

  private position(index: number): number {
    const i = index < 0 ? index + this.length : index;
    if (!Number.isInteger(i) || i < 0 || i >= this.length) throw new IndexError('invalid index');
    return i;
  }

  /** Element `index` (negative counts from the end). */
  get(index: number): ElementOf<C> {
    return this.type.read(this.view, this.position(index)) as ElementOf<C>;
  }

  set(index: number, value: unknown): void {
    const i = this.position(index);
    this.type.write(this.view, i, value);
    if (racesEnabled() && this.raceId !== 0) this.noteWrite(i);
  }

  private noteWrite(i: number): void {
    noteWrite(`a${this.raceId}[${i}]`, `Array('${this.typecode}')[${i}]`);
  }

  /** A plain array copy: Python's `arr[:]`. */
  toArray(): Array<ElementOf<C>> {
    const out = new Array<ElementOf<C>>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = load(this.type, this.view, i) as ElementOf<C>;
    return out;
  }

  /** Python's `arr[start:end]` (negative and out-of-range bounds behave as in Python and Array#slice). */
  slice(start?: number, end?: number): Array<ElementOf<C>> {
    return this.toArray().slice(start, end);
  }

  /** Python's `arr[start:end] = values`: the sizes must match. */
  setSlice(start: number, end: number, values: Iterable<unknown>): void {
    const from = start < 0 ? Math.max(0, start + this.length) : Math.min(start, this.length);
    const to = end < 0 ? Math.max(0, end + this.length) : Math.min(end, this.length);
    const items = [...values];
    if (items.length !== Math.max(0, to - from)) throw new ValueError('Can only assign sequence of same size');
    const converted = items.map((v) => convert(this.type, v));
    converted.forEach((v, k) => store(this.type, this.view, from + k, v));
    if (racesEnabled() && this.raceId !== 0) converted.forEach((_, k) => this.noteWrite(from + k));
  }

  *[Symbol.iterator](): Iterator<ElementOf<C>> {
    for (let i = 0; i < this.length; i++) yield load(this.type, this.view, i) as ElementOf<C>;
  }

  /** For 'c' arrays: the bytes up to the first NUL, as a string (Python's `.value`). */
  get value(): string {
    this.requireChar('value');
    const raw = this.raw;
    const nul = raw.indexOf('\0');
    return nul === -1 ? raw : raw.slice(0, nul);
  }

  set value(text: string) {
    this.requireChar('value');
    if (text.length > this.length) throw new ValueError('byte string too long');
    const codes = [...text].map((ch) => convert(this.type, ch));
    codes.forEach((v, i) => store(this.type, this.view, i, v));
    if (codes.length < this.length) store(this.type, this.view, codes.length, 0);
  }

  /** For 'c' arrays: every byte, as a string (Python's `.raw`). */
  get raw(): string {
    this.requireChar('raw');
    return this.toArray().join('');
  }

  private requireChar(attribute: string): void {
    if (this.type.kind !== 'char') {
      throw new TypeError(`'${this.type.ctype}_Array_${this.length}' object has no attribute '${attribute}'`);
    }
  }

  /** @internal */
  location(): ArrayLocation {
    return {
      typecode: this.typecode, buffer: this.view.buffer as SharedArrayBuffer, byteOffset: this.view.byteOffset, length: this.length,
      raceId: this.raceId,
    };
  }

  toString(): string {
    return `<${this.type.ctype}_Array_${this.length}>`;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

/** multiprocessing.Array(typecode, sizeOrInit, { lock }): a shared array with a lock (an RLock by default). */
export class SharedArray<C extends Typecode = Typecode> extends RawArray<C> {
  /** @internal */ readonly lock: SemLock | null;

  constructor(typecode: C, sizeOrInit: number | Iterable<unknown>, options: SharedOptions = {}, location?: ArrayLocation) {
    super(typecode, sizeOrInit, location);
    // `this` is the target behind the Proxy the base constructor returned; fields set here land on it.
    this.lock = resolveLock(options.lock);
  }

  getLock(): SemLock {
    if (this.lock === null) throw new AttributeError(`'${this.type.ctype}_Array_${this.length}' object has no attribute 'get_lock'`);
    return this.lock;
  }

  /** The unsynchronised array underneath, sharing the same memory. */
  getObj(): RawArray<C> {
    if (this.lock === null) throw new AttributeError(`'${this.type.ctype}_Array_${this.length}' object has no attribute 'get_obj'`);
    return new RawArray(this.typecode, 0, this.location());
  }

  acquire(blocking = true, timeout: number | null = -1): Promise<boolean> {
    return this.getLock().acquire(blocking, timeout);
  }

  release(): void {
    this.getLock().release();
  }

  /** `using _ = await arr.hold()` holds the lock until the end of the block (Python's `with arr:`). */
  hold(): Promise<Disposable> {
    return this.getLock().hold();
  }

  override toString(): string {
    return this.lock === null ? super.toString() : `<SynchronizedArray wrapper for ${super.toString()}>`;
  }
}

export type { Lock, RLock };
