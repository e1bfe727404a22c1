// Cross-process Lock, RLock, Semaphore and BoundedSemaphore: Python's SemLock rebuilt on a SharedArrayBuffer.
//
// Lock and RLock are a futex-style mutex: STATE is 0 (free), 1 (held) or 2 (held, someone may be waiting), so
// an uncontended acquire is one CAS and a release one exchange, and only a release that finds 2 pays for a
// wake-up. A contended acquire spins briefly (the holder is usually another process on another core, done in
// well under a microsecond), then sleeps on STATE (wait.ts). The owner's process and green thread are kept
// beside it for RLock and Condition. Semaphores keep a count in VALUE with a count of sleepers in WAITERS.
// The buffer travels to child processes through the reduction registry: every copy shares the same words.
//
// Python differences, documented: `acquire(blocking = true, timeout = -1)` takes threading's signature (-1 or
// null: wait forever; multiprocessing itself reads a negative timeout as 0); timeouts are real seconds, as a
// child does not share the parent's virtual clock.
import { inspect } from 'node:util';
import { currentScheduler, processInfo, type Fiber } from '../../core/index.ts';
import { AssertionError, OSError, ValueError } from './errors.ts';
import { currentThreadKey } from './external.ts';
import { processKey } from './identity.ts';
import { deadlineFor, waitWhileEqual } from './wait.ts';

// Mutex words (Lock, RLock).
const STATE = 0;
// Semaphore words.
const VALUE = 0;
const WAITERS = 1;
// Both: who holds it (plain writes by the holder; others only read them for reprs) and an RLock's depth.
const OWNER_PROCESS = 2;
const OWNER_THREAD = 3;
const DEPTH = 4;
const WORDS = 5;

const FREE = 0;
const HELD = 1;
const CONTENDED = 2;
/**
 * Under the virtual clock, threads of this process waiting for a lock another thread of this process holds
 * block on the scheduler until that release wakes them (or their own timeout passes). No periodic re-check: a
 * thread that never releases is then a deadlock the scheduler can report, not an endless run of virtual time.
 * (The one case this misses, another process releasing a plain Lock a thread of ours holds, is reported as a
 * deadlock too.)
 */
const localWaiters = new Map<SharedArrayBuffer, Set<Fiber>>();
/** Re-checks of a held mutex before sleeping on it. */
const SPINS = 200;

/** Shared settled promises: an uncontended acquire allocates nothing. */
const TRUE: Promise<boolean> = Promise.resolve(true);
const FALSE: Promise<boolean> = Promise.resolve(false);

/** Python's SEM_VALUE_MAX on Linux. */
export const SEM_VALUE_MAX = 2147483647;

type Kind = 'mutex' | 'recursive' | 'semaphore';

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
  if (kind === 'semaphore') new Int32Array(buffer)[VALUE] = value;
  return { buffer, kind, maxvalue };
}

export class SemLock {
  /** @internal */ readonly words: Int32Array;
  /** @internal */ readonly state: SemLockState;
  private readonly isMutex: boolean;

  /** @internal Use the public subclasses. */
  constructor(state: SemLockState) {
    this.state = state;
    this.words = new Int32Array(state.buffer);
    this.isMutex = state.kind !== 'semaphore';
  }

  /**
   * Acquire: with `blocking` false, return at once; otherwise wait up to `timeout` seconds (-1 or null:
   * forever). Resolves true when acquired.
   */
  acquire(blocking = true, timeout: number | null = -1): Promise<boolean> {
    const w = this.words;
    const me = currentThreadKey();
    if (this.isMutex) {
      if (Atomics.compareExchange(w, STATE, FREE, HELD) === FREE) {
        this.own(me);
        return TRUE;
      }
      if (this.state.kind === 'recursive' && w[OWNER_PROCESS] === processKey && w[OWNER_THREAD] === me) {
        w[DEPTH] = (w[DEPTH] ?? 0) + 1;
        return TRUE;
      }
      if (!blocking) return FALSE;
      for (let i = 0; i < SPINS; i++) {
        if (Atomics.load(w, STATE) === FREE && Atomics.compareExchange(w, STATE, FREE, HELD) === FREE) {
          this.own(me);
          return TRUE;
        }
      }
      return this.lockSlow(me, timeout);
    }
    if (this.tryTake()) {
      this.own(me);
      return TRUE;
    }
    if (!blocking) return FALSE;
    return this.semaphoreSlow(me, deadlineFor(timeout));
  }

  /**
   * Drepper's mutex: mark the lock contended, sleep while it stays so, take it as contended. When the holder
   * is a green thread of this very process and the clock is virtual, the wait is not "outside work" (the
   * holder may be sleeping on the virtual clock, which an outside wait would freeze): poll on the scheduler.
   */
  private async lockSlow(me: number, timeout: number | null): Promise<boolean> {
    const w = this.words;
    const deadline = deadlineFor(timeout);
    const scheduler = currentScheduler();
    const startedAt = scheduler.now();
    const limit = deadline === null ? Infinity : Math.max(0, timeout ?? 0);
    for (;;) {
      if (Atomics.exchange(w, STATE, CONTENDED) === FREE) {
        this.own(me);
        return true;
      }
      if (scheduler.clock === 'virtual' && w[OWNER_PROCESS] === processKey) {
        const left = limit - (scheduler.now() - startedAt);
        if (left <= 0) return false;
        await this.waitForLocalRelease(left === Infinity ? null : left);
        continue;
      }
      const result = await waitWhileEqual(w, STATE, CONTENDED, deadline, `${this.constructor.name}.acquire()`);
      if (result === 'timed-out') {
        // A last try: the lock may have been freed just as the time ran out.
        if (Atomics.compareExchange(w, STATE, FREE, CONTENDED) === FREE) {
          this.own(me);
          return true;
        }
        return false;
      }
    }
  }

  /** Block on the scheduler until a thread of this process releases this lock (or `seconds` pass, if given). */
  private async waitForLocalRelease(seconds: number | null): Promise<void> {
    const scheduler = currentScheduler();
    const fiber = scheduler.current();
    const buffer = this.state.buffer;
    let waiting = localWaiters.get(buffer);
    if (waiting === undefined) localWaiters.set(buffer, (waiting = new Set()));
    waiting.add(fiber);
    try {
      await scheduler.block({ what: `${this.constructor.name}.acquire()`, trackSite: true }, seconds);
    } finally {
      waiting.delete(fiber);
      if (waiting.size === 0) localWaiters.delete(buffer);
    }
  }

  private async semaphoreSlow(me: number, deadline: number | null): Promise<boolean> {
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
      if (w[OWNER_PROCESS] !== processKey || w[OWNER_THREAD] !== currentThreadKey() || Atomics.load(w, STATE) === FREE) {
        throw new AssertionError('attempt to release recursive lock not owned by thread');
      }
      const depth = (w[DEPTH] ?? 1) - 1;
      w[DEPTH] = depth;
      if (depth > 0) return;
    }
    if (this.isMutex) {
      if (Atomics.load(w, STATE) === FREE) throw new ValueError('semaphore or lock released too many times');
      w[OWNER_PROCESS] = 0;
      w[OWNER_THREAD] = 0;
      if (Atomics.exchange(w, STATE, FREE) === CONTENDED) {
        Atomics.notify(w, STATE, 1);
        const local = localWaiters.get(this.state.buffer);
        if (local !== undefined) for (const fiber of local) fiber.scheduler.wake(fiber);
      }
      return;
    }
    if (Atomics.load(w, VALUE) >= this.state.maxvalue) {
      throw new ValueError('semaphore or lock released too many times');
    }
    w[OWNER_PROCESS] = 0;
    w[OWNER_THREAD] = 0;
    Atomics.add(w, VALUE, 1);
    if (Atomics.load(w, WAITERS) > 0) Atomics.notify(w, VALUE, 1);
  }

  /** True when the current green thread of this process holds it (Python's `_is_mine`). */
  isMine(): boolean {
    const w = this.words;
    return !this.isFree() && w[OWNER_PROCESS] === processKey && w[OWNER_THREAD] === currentThreadKey();
  }

  private isFree(): boolean {
    return this.isMutex ? Atomics.load(this.words, STATE) === FREE : Atomics.load(this.words, VALUE) > 0;
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
    w[OWNER_PROCESS] = processKey;
    w[OWNER_THREAD] = thread;
    if (this.state.kind === 'recursive') w[DEPTH] = 1;
  }

  /** Who holds it, as CPython's reprs name it. */
  protected ownerName(): string {
    const w = this.words;
    if (this.isMine()) return processInfo.name;
    if (this.isFree()) return 'None';
    return w[OWNER_PROCESS] === processKey ? 'SomeOtherThread' : 'SomeOtherProcess';
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
    super(newState('mutex', 1, 1));
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
