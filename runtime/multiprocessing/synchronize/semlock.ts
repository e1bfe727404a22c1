// Cross-process Lock, RLock, Semaphore and BoundedSemaphore: Python's SemLock rebuilt on a SharedArrayBuffer.
//
// Five int32 words: the semaphore's value, how many are waiting (so release only notifies when someone is),
// the owner's process and green thread (0 = nobody) and the recursion depth of an RLock. Acquire is a CAS on
// the value; a contended acquire waits on the value word (wait.ts). The buffer travels to child processes
// through the reduction registry, so every copy shares the same words.
//
// Python differences, documented: `acquire(blocking = true, timeout = -1)` takes threading's signature (-1 or
// null: wait forever; multiprocessing itself reads a negative timeout as 0); timeouts are real seconds, as a
// child does not share the parent's virtual clock.
import { inspect } from 'node:util';
import { processInfo } from '../../core/process-info.ts';
import { AssertionError, OSError, ValueError } from './errors.ts';
import { currentThreadKey } from './external.ts';
import { processKey } from './identity.ts';
import { deadlineFor, waitWhileEqual } from './wait.ts';

const VALUE = 0;
const WAITERS = 1;
const OWNER_PROCESS = 2;
const OWNER_THREAD = 3;
const DEPTH = 4;
const WORDS = 5;

/** Shared settled promises: an uncontended acquire allocates nothing. */
const TRUE: Promise<boolean> = Promise.resolve(true);
const FALSE: Promise<boolean> = Promise.resolve(false);

/** Python's SEM_VALUE_MAX on Linux. */
export const SEM_VALUE_MAX = 2147483647;

type Kind = 'semaphore' | 'recursive';

/** What a SemLock is made of; also what crosses to another process. */
export interface SemLockState {
  buffer: SharedArrayBuffer;
  kind: Kind;
  maxvalue: number;
}

function newState(kind: Kind, value: number, maxvalue: number): SemLockState {
  if (!Number.isInteger(value)) throw new TypeError(`'${typeof value === 'number' ? 'float' : typeof value}' object cannot be interpreted as an integer`);
  // CPython: sem_open refuses a negative initial value with EINVAL.
  if (value < 0 || value > SEM_VALUE_MAX) throw new OSError('[Errno 22] Invalid argument');
  const buffer = new SharedArrayBuffer(WORDS * 4);
  new Int32Array(buffer)[VALUE] = value;
  return { buffer, kind, maxvalue };
}

export class SemLock {
  /** @internal */ readonly words: Int32Array;
  /** @internal */ readonly state: SemLockState;

  /** @internal Use the public subclasses. */
  constructor(state: SemLockState) {
    this.state = state;
    this.words = new Int32Array(state.buffer);
  }

  /**
   * Acquire: with `blocking` false, return at once; otherwise wait up to `timeout` seconds (-1 or null:
   * forever). Resolves true when acquired.
   */
  acquire(blocking = true, timeout: number | null = -1): Promise<boolean> {
    const w = this.words;
    const me = currentThreadKey();
    if (this.state.kind === 'recursive' && Atomics.load(w, OWNER_PROCESS) === processKey && Atomics.load(w, OWNER_THREAD) === me) {
      w[DEPTH] = (w[DEPTH] ?? 0) + 1;
      return TRUE;
    }
    if (this.tryTake()) {
      this.own(me);
      return TRUE;
    }
    if (!blocking) return FALSE;
    return this.acquireSlow(me, deadlineFor(timeout));
  }

  private async acquireSlow(me: number, deadline: number | null): Promise<boolean> {
    const w = this.words;
    Atomics.add(w, WAITERS, 1);
    try {
      for (;;) {
        const result = await waitWhileEqual(w, VALUE, 0, deadline, `${this.constructor.name}.acquire()`);
        if (this.tryTake()) {
          this.own(me);
          return true;
        }
        if (result === 'timed-out') return false;
      }
    } finally {
      Atomics.sub(w, WAITERS, 1);
    }
  }

  /** Release; Python's errors for a lock that is not held (or not ours, for an RLock). */
  release(): void {
    const w = this.words;
    if (this.state.kind === 'recursive') {
      if (Atomics.load(w, OWNER_PROCESS) !== processKey || Atomics.load(w, OWNER_THREAD) !== currentThreadKey()
        || Atomics.load(w, VALUE) !== 0) {
        throw new AssertionError('attempt to release recursive lock not owned by thread');
      }
      const depth = (w[DEPTH] ?? 1) - 1;
      w[DEPTH] = depth;
      if (depth > 0) return;
    } else if (Atomics.load(w, VALUE) >= this.state.maxvalue) {
      throw new ValueError('semaphore or lock released too many times');
    }
    Atomics.store(w, OWNER_PROCESS, 0);
    Atomics.store(w, OWNER_THREAD, 0);
    Atomics.add(w, VALUE, 1);
    if (Atomics.load(w, WAITERS) > 0) Atomics.notify(w, VALUE, 1);
  }

  /** True when the current green thread of this process holds it (Python's `_is_mine`). */
  isMine(): boolean {
    const w = this.words;
    return Atomics.load(w, VALUE) === 0 && Atomics.load(w, OWNER_PROCESS) === processKey
      && Atomics.load(w, OWNER_THREAD) === currentThreadKey();
  }

  /** How many times the current thread holds it (Python's `_count`): the RLock depth, 0 or 1 for a Lock. */
  heldCount(): number {
    if (!this.isMine()) return 0;
    return this.state.kind === 'recursive' ? (this.words[DEPTH] ?? 0) : 1;
  }

  private tryTake(): boolean {
    const w = this.words;
    let seen = Atomics.load(w, VALUE);
    while (seen > 0) {
      const previous = Atomics.compareExchange(w, VALUE, seen, seen - 1);
      if (previous === seen) return true;
      seen = previous;
    }
    return false;
  }

  private own(thread: number): void {
    const w = this.words;
    Atomics.store(w, OWNER_PROCESS, processKey);
    Atomics.store(w, OWNER_THREAD, thread);
    if (this.state.kind === 'recursive') w[DEPTH] = 1;
  }

  /** Who holds it, as CPython's reprs name it. */
  protected ownerName(): string {
    const w = this.words;
    if (this.isMine()) return processInfo.name;
    if (Atomics.load(w, VALUE) > 0) return 'None';
    return Atomics.load(w, OWNER_PROCESS) === processKey ? 'SomeOtherThread' : 'SomeOtherProcess';
  }

  /** The current value (Python's get_value). */
  protected value(): number {
    return Atomics.load(this.words, VALUE);
  }

  toString(): string {
    return `<${this.constructor.name}>`;
  }

  [inspect.custom](): string {
    return this.toString();
  }

  /** Dispose form of release, for `using` blocks opened with `await lock.hold()`. */
  async hold(): Promise<Disposable> {
    await this.acquire();
    return { [Symbol.dispose]: () => this.release() };
  }
}

/** multiprocessing.Lock: a non-recursive lock any process (or thread) may release. */
export class Lock extends SemLock {
  constructor() {
    super(newState('semaphore', 1, 1));
  }

  override toString(): string {
    return `<Lock(owner=${this.ownerName()})>`;
  }
}

/** multiprocessing.RLock: re-entrant, owned by one green thread of one process. */
export class RLock extends SemLock {
  constructor() {
    super(newState('recursive', 1, 1));
  }

  override toString(): string {
    const owner = this.ownerName();
    if (owner === 'None') return '<RLock(None, 0)>';
    return `<RLock(${owner}, ${this.isMine() ? this.heldCount() : 'nonzero'})>`;
  }
}

/** multiprocessing.Semaphore(value = 1). */
export class Semaphore extends SemLock {
  constructor(value = 1) {
    super(newState('semaphore', value, SEM_VALUE_MAX));
  }

  getValue(): number {
    return this.value();
  }

  override toString(): string {
    return `<${this.constructor.name}(value=${this.value()})>`;
  }
}

/** multiprocessing.BoundedSemaphore(value = 1): releasing above the initial value raises ValueError. */
export class BoundedSemaphore extends Semaphore {
  constructor(value = 1) {
    super(value);
    this.state.maxvalue = value;
  }

  override toString(): string {
    return `<BoundedSemaphore(value=${this.value()}, maxvalue=${this.state.maxvalue})>`;
  }
}

/** Rebuild a SemLock subclass around shared words received from another process (no constructor runs). */
export function rebuildSemLock<T extends SemLock>(type: abstract new (...args: never[]) => T, state: SemLockState): T {
  return Reflect.construct(SemLock, [state], type) as T;
}
