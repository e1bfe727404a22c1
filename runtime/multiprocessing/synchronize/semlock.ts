// Cross-process Lock, RLock, Semaphore and BoundedSemaphore: Python's SemLock rebuilt on a SharedArrayBuffer.
//
// Lock and RLock are a futex-style mutex: STATE is 0 (free), 1 (held) or 2 (held, someone may be waiting), so
// an uncontended acquire is one CAS and a release one exchange, and only a release that finds 2 pays for a
// wake-up. A contended acquire spins briefly when another process holds it (usually on another core, done in
// well under a microsecond), then parks (parking.ts: a scheduler block when only this process can release it,
// outside work when another process may). The owner's process and green thread are kept beside it for RLock,
// Condition and deadlock reports. Semaphores keep a count in VALUE with a count of sleepers in WAITERS.
// The buffer travels to child processes through the reduction registry: every copy shares the same words.
//
// Python differences, documented: `acquire(blocking = true, timeout = -1)` takes threading's signature (-1 or
// null: wait forever; multiprocessing itself reads a negative timeout as 0). A timeout runs on the scheduler's
// clock (virtual inside simulate()) while only this process can end the wait, on real time while another
// process may (budget.ts).
import { inspect } from 'node:util';
import { currentScheduler, processInfo, type Blocker, type Fiber } from '../../core/index.ts';
import { Budget } from './budget.ts';
import { AssertionError, OSError, ValueError } from './errors.ts';
import { currentThreadKey } from './external.ts';
import { processKey } from './identity.ts';
import { markShared, notifyWord, park } from './parking.ts';
import { nextSharedId, noteAcquired, noteReleased, racesEnabled } from '../races.ts';

// Mutex words (Lock, RLock).
const STATE = 0;
// Semaphore words.
const VALUE = 0;
const WAITERS = 1;
// Both: who holds it (plain writes by the holder; others read them for reprs and to decide how to wait) and an
// RLock's depth, a cache line (64 bytes) away from STATE: a process spinning on STATE does not slow down the
// holder's writes of these.
const OWNER_PROCESS = 16;
const OWNER_THREAD = 17;
const DEPTH = 18;
/** The mutex's id for race detection (races.ts), the same in every process; 0 until first needed. */
const RACE_ID = 19;
const WORDS = 20;

const FREE = 0;
const HELD = 1;
const CONTENDED = 2;
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
  private readonly isRecursive: boolean;

  /** @internal Use the public subclasses. */
  constructor(state: SemLockState) {
    this.state = state;
    this.words = new Int32Array(state.buffer);
    this.isMutex = state.kind !== 'semaphore';
    this.isRecursive = state.kind === 'recursive';
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
      if (this.isRecursive && w[OWNER_PROCESS] === processKey && w[OWNER_THREAD] === me) {
        w[DEPTH] = (w[DEPTH] ?? 0) + 1;
        if (racesEnabled()) noteAcquired(this.raceId());
        return TRUE;
      }
      if (!blocking) return FALSE;
      // Spinning helps only when the holder is another process, running on another core meanwhile.
      if (w[OWNER_PROCESS] !== processKey) {
        for (let i = 0; i < SPINS; i++) {
          if (Atomics.load(w, STATE) === FREE && Atomics.compareExchange(w, STATE, FREE, HELD) === FREE) {
            this.own(me);
            return TRUE;
          }
        }
      }
      return this.lockSlow(me, new Budget(timeout));
    }
    if (this.tryTake()) {
      this.own(me);
      return TRUE;
    }
    if (!blocking) return FALSE;
    return this.semaphoreSlow(me, new Budget(timeout));
  }

  /** @internal A blocking acquire that spends `budget` (Condition.waitFor spends one timeout over waits). */
  acquireWithin(budget: Budget): Promise<boolean> {
    if (budget.unlimited) return this.acquire();
    const me = currentThreadKey();
    if (this.isMutex) {
      if (this.isRecursive && this.isMine()) return this.acquire();
      if (Atomics.compareExchange(this.words, STATE, FREE, HELD) === FREE) {
        this.own(me);
        return TRUE;
      }
      return this.lockSlow(me, budget);
    }
    if (this.tryTake()) {
      this.own(me);
      return TRUE;
    }
    return this.semaphoreSlow(me, budget);
  }

  /** What a parked thread waits in, for deadlock reports: the holder is known when it is a thread of ours. */
  private blocker(): Blocker {
    return {
      what: `${this.constructor.name}.acquire()`,
      trackSite: true,
      holder: () => this.holderFiber(),
    };
  }

  /**
   * Drepper's mutex: mark the lock contended, park while it stays so, take it as contended. A lock held by a
   * thread of this process is released by this process: that wait is local, never outside work.
   */
  private async lockSlow(me: number, budget: Budget): Promise<boolean> {
    const w = this.words;
    let acquired = false;
    try {
      for (;;) {
        if (Atomics.exchange(w, STATE, CONTENDED) === FREE) {
          this.own(me);
          acquired = true;
          return true;
        }
        const result = await park(w, STATE, CONTENDED, budget, this.blocker(), w[OWNER_PROCESS] !== processKey);
        if (result === 'timed-out') {
          // A last try: the lock may have been freed just as the time ran out.
          if (Atomics.compareExchange(w, STATE, FREE, CONTENDED) === FREE) {
            this.own(me);
            acquired = true;
            return true;
          }
          return false;
        }
      }
    } finally {
      // Leaving without the lock (timeout, cancellation) after a release woke us: wake another waiter instead.
      if (!acquired && Atomics.load(w, STATE) === FREE) notifyWord(w, STATE, 1);
    }
  }

  private async semaphoreSlow(me: number, budget: Budget): Promise<boolean> {
    const w = this.words;
    let taken = false;
    Atomics.add(w, WAITERS, 1);
    try {
      for (;;) {
        const result = await park(w, VALUE, 0, budget, this.blocker());
        if (this.tryTake()) {
          this.own(me);
          taken = true;
          return true;
        }
        if (result === 'timed-out') return false;
      }
    } finally {
      Atomics.sub(w, WAITERS, 1);
      // Leaving without a unit (timeout, cancellation) while one is there: it may have been meant for us.
      if (!taken && Atomics.load(w, VALUE) > 0 && Atomics.load(w, WAITERS) > 0) notifyWord(w, VALUE, 1);
    }
  }

  /** The green thread of this process holding the lock, if it is one (for the wait-for graph). */
  private holderFiber(): Fiber | null {
    const w = this.words;
    if (!this.isMutex || w[OWNER_PROCESS] !== processKey) return null;
    const key = w[OWNER_THREAD];
    for (const fiber of currentScheduler().fibers) if (fiber.kind !== 'task' && fiber.id + 1 === key) return fiber;
    return null;
  }

  /** Release; Python's errors for a lock that is not held (or not ours, for an RLock). */
  release(): void {
    const w = this.words;
    if (this.isRecursive) {
      if (w[OWNER_PROCESS] !== processKey || Atomics.load(w, STATE) === FREE || w[OWNER_THREAD] !== currentThreadKey()) {
        throw new AssertionError('attempt to release recursive lock not owned by thread');
      }
      const depth = (w[DEPTH] ?? 1) - 1;
      w[DEPTH] = depth;
      if (racesEnabled()) noteReleased(this.raceId());
      if (depth > 0) return;
    }
    if (this.isMutex) {
      if (Atomics.load(w, STATE) === FREE) throw new ValueError('semaphore or lock released too many times');
      if (!this.isRecursive && racesEnabled()) noteReleased(this.raceId());
      w[OWNER_PROCESS] = 0;
      w[OWNER_THREAD] = 0;
      if (Atomics.exchange(w, STATE, FREE) === CONTENDED) notifyWord(w, STATE, 1);
      return;
    }
    if (Atomics.load(w, VALUE) >= this.state.maxvalue) {
      throw new ValueError('semaphore or lock released too many times');
    }
    w[OWNER_PROCESS] = 0;
    w[OWNER_THREAD] = 0;
    Atomics.add(w, VALUE, 1);
    if (Atomics.load(w, WAITERS) > 0) notifyWord(w, VALUE, 1);
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
    if (this.isRecursive) w[DEPTH] = 1;
    if (this.isMutex && racesEnabled()) noteAcquired(this.raceId());
  }

  /** @internal This mutex's id in race reports ("L7"), shared by its copies in every process. */
  raceId(): string {
    const w = this.words;
    if (Atomics.load(w, RACE_ID) === 0) Atomics.compareExchange(w, RACE_ID, 0, nextSharedId());
    return `L${Atomics.load(w, RACE_ID)}`;
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
  markShared(state.buffer);
  return Reflect.construct(SemLock, [state], type) as T;
}
