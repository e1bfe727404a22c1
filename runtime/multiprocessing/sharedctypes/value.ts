// multiprocessing.RawValue and Value: one C value in shared memory (a SharedArrayBuffer), visible to every
// process it is sent to. Value adds the lock of CPython's Synchronized wrapper (an RLock by default).
//
// Each single read or write of `.value` is atomic (Atomics for integers; aligned 4/8-byte float accesses), as
// CPython's wrapper makes each access atomic with its lock. `v.value += 1` is a read then a write, so updates
// from other processes can be lost in between: hold `getLock()` around it, as in Python.
import { inspect } from 'node:util';
import { AttributeError } from '../synchronize/errors.ts';
import { Lock, RLock, SemLock } from '../synchronize/semlock.ts';
import { nextSharedId, noteWrite, racesEnabled } from '../races.ts';
import { pyRepr } from '../../python/index.ts';
import {
  convert,
  pyRepr as elementRepr,
  store,
  typecodeInfo,
  type ElementOf,
  type Typecode,
  type TypecodeInfo,
  type View,
} from './typecodes.ts';

/** `{ lock: true }` (default) creates an RLock; `false` gives no lock; or pass a Lock/RLock to share. */
export interface SharedOptions {
  lock?: boolean | Lock | RLock;
}

/** Python: Value(..., lock=3) -> AttributeError: 3 has no method 'acquire'. */
export function resolveLock(lock: unknown): SemLock | null {
  if (lock === undefined || lock === true) return new RLock();
  if (lock === false) return null;
  if (lock instanceof SemLock) return lock;
  throw new AttributeError(`${pyRepr(lock)} has no method 'acquire'`);
}

/** @internal Where a shared value lives; what crosses to another process. */
export interface ValueLocation {
  typecode: Typecode;
  buffer: SharedArrayBuffer;
  byteOffset: number;
  /** Its id for race detection (races.ts), the same in every process; 0 when detection is off. */
  raceId?: number;
}

export class RawValue<C extends Typecode = Typecode> {
  readonly typecode: C;
  /** @internal */ readonly type: TypecodeInfo;
  /** @internal */ readonly view: View;
  /** @internal */ readonly raceId: number;

  /** A zero-initialised value unless `value` is given (Python: RawValue('i') == 0). */
  constructor(typecode: C, value?: unknown, location?: ValueLocation) {
    this.typecode = typecode;
    this.type = typecodeInfo(typecode);
    const converted = value === undefined ? undefined : convert(this.type, value);
    const buffer = location?.buffer ?? new SharedArrayBuffer(this.type.bytes);
    this.view = this.type.view(buffer, location?.byteOffset ?? 0, 1);
    this.raceId = location?.raceId ?? nextSharedId();
    if (converted !== undefined) store(this.type, this.view, 0, converted);
  }

  get value(): ElementOf<C> {
    return this.type.read(this.view, 0) as ElementOf<C>;
  }

  set value(value: ElementOf<C>) {
    this.type.write(this.view, 0, value);
    if (racesEnabled() && this.raceId !== 0) noteWrite(`v${this.raceId}`, `Value('${this.typecode}').value`);
  }

  /** @internal */
  location(): ValueLocation {
    return { typecode: this.typecode, buffer: this.view.buffer as SharedArrayBuffer, byteOffset: this.view.byteOffset, raceId: this.raceId };
  }

  /** ctypes' repr: c_int(3). */
  toString(): string {
    return `${this.type.ctype}(${elementRepr(this.type, this.value)})`;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

/** multiprocessing.Value(typecode, value, { lock }): a shared value with a lock for compound updates. */
export class Value<C extends Typecode = Typecode> extends RawValue<C> {
  /** @internal */ readonly lock: SemLock | null;

  constructor(typecode: C, value?: unknown, options: SharedOptions = {}, location?: ValueLocation) {
    super(typecode, value, location);
    this.lock = resolveLock(options.lock);
  }

  /** The lock guarding this value (an RLock unless another was given). */
  getLock(): SemLock {
    if (this.lock === null) throw new AttributeError(`'${this.type.ctype}' object has no attribute 'get_lock'`);
    return this.lock;
  }

  /** The unsynchronised value underneath, sharing the same memory. */
  getObj(): RawValue<C> {
    if (this.lock === null) throw new AttributeError(`'${this.type.ctype}' object has no attribute 'get_obj'`);
    return new RawValue(this.typecode, undefined, this.location());
  }

  acquire(blocking = true, timeout: number | null = -1): Promise<boolean> {
    return this.getLock().acquire(blocking, timeout);
  }

  release(): void {
    this.getLock().release();
  }

  /** `using _ = await v.hold()` holds the lock until the end of the block (Python's `with v:`). */
  hold(): Promise<Disposable> {
    return this.getLock().hold();
  }

  override toString(): string {
    if (this.lock === null) return super.toString();
    return `<Synchronized wrapper for ${super.toString()}>`;
  }
}
