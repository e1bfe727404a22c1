// threading.Lock and threading.RLock. Waiters are served first come, first served (ownership is handed to the
// first waiter on release), which keeps runs reproducible; CPython makes no fairness promise either way.
import { currentFiber, currentScheduler, ParkingLot, TIMEOUT, type Fiber, type Scheduler } from '../core/index.ts';
import { RuntimeError, lockTimeout } from '../python/index.ts';
import { FALSE, TRUE } from './util.ts';

const NON_BLOCKING = { nonBlocking: "can't specify a timeout for a non-blocking call" };

/** Something with Python's lock protocol: what `withLock` and Condition accept. */
export interface Acquirable {
  acquire(blocking?: boolean, timeout?: number | null): Promise<boolean>;
  release(): void;
}

abstract class BaseLock implements Acquirable {
  protected _owner: Fiber | null = null;
  protected readonly _waiters = new ParkingLot();

  acquire(blocking = true, timeout = -1): Promise<boolean> {
    const wait = blocking === true && timeout === -1 ? null : lockTimeout(blocking, timeout, NON_BLOCKING);
    const me = currentFiber();
    const scheduler = me.scheduler;
    if (scheduler.preemptiveFor(me)) return this._acquireExploring(scheduler, wait);
    if (this._tryAcquire(me)) return TRUE;
    if (wait === 0) return FALSE;
    return this._wait(me, wait);
  }

  /** Under schedule exploration every acquire is a point where another thread may run first. */
  private async _acquireExploring(scheduler: Scheduler, wait: number | null): Promise<boolean> {
    const point = scheduler.preemptionPoint();
    if (point !== undefined) await point;
    const me = scheduler.current();
    if (this._tryAcquire(me)) return true;
    if (wait === 0) return false;
    return this._wait(me, wait, false);
  }

  private async _wait(me: Fiber, wait: number | null, direct = true): Promise<boolean> {
    const outcome = await this._waiters.park(
      me,
      {
        what: `${this.constructor.name}.acquire()`,
        holder: () => this._owner,
        trackSite: true,
        // Called straight from acquire(): one frame above it is the caller's line.
        ...(direct ? { siteOf: BaseLock.prototype.acquire } : {}),
      },
      wait,
    );
    // A wake-up means release() handed the lock over to us.
    return outcome !== TIMEOUT;
  }

  /** Hands the lock to the first waiter, or frees it. */
  protected _handOver(): void {
    const next = this._waiters.unparkOne(true);
    if (next === undefined) {
      this._owner = null;
      this._free();
      return;
    }
    // The woken fiber runs later: it owns the lock from now on.
    this._owner = next;
    this._given(next);
  }

  /** `with lock:` — `using held = await lock.hold();` releases when the block ends. */
  async hold(): Promise<Disposable> {
    await this.acquire();
    return { [Symbol.dispose]: () => this.release() };
  }

  protected abstract _tryAcquire(me: Fiber): boolean;
  protected abstract _free(): void;
  protected abstract _given(next: Fiber): void;
  abstract release(): void;
}

export class Lock extends BaseLock {
  private _locked = false;

  protected _tryAcquire(me: Fiber): boolean {
    if (this._locked) return false;
    this._locked = true;
    this._owner = me;
    return true;
  }
  protected _free(): void {
    this._locked = false;
  }
  protected _given(): void {}

  /** Releases the lock; any thread may release a Lock (unlike an RLock). */
  release(): void {
    if (!this._locked) throw new RuntimeError('release unlocked lock');
    this._handOver();
  }

  locked(): boolean {
    return this._locked;
  }

  override toString(): string {
    return `<${this._locked ? 'locked' : 'unlocked'} _thread.lock object>`;
  }
}

/** A reentrant lock: the owning thread may acquire it again; it must release it as many times. */
export class RLock extends BaseLock {
  private _count = 0;

  protected _tryAcquire(me: Fiber): boolean {
    if (this._owner === me) {
      this._count++;
      return true;
    }
    if (this._owner !== null) return false;
    this._owner = me;
    this._count = 1;
    return true;
  }
  protected _free(): void {
    this._count = 0;
  }
  protected _given(): void {
    this._count = 1;
  }

  release(): void {
    const me = currentScheduler().current();
    if (this._owner !== me) throw new RuntimeError('cannot release un-acquired lock');
    if (--this._count === 0) this._handOver();
  }

  /** @internal For Condition: whether the caller owns it. */
  _isOwned(): boolean {
    return this._owner === currentScheduler().current();
  }

  /** @internal For Condition.wait: release completely, remembering the recursion depth. */
  _releaseSave(): number {
    const count = this._count;
    this._count = 1;
    this.release();
    return count;
  }

  /** @internal For Condition.wait: take the lock back with its recursion depth. */
  async _acquireRestore(count: number): Promise<void> {
    await this.acquire();
    this._count = count;
  }

  override toString(): string {
    const state = this._owner === null ? 'unlocked' : 'locked';
    return `<${state} _thread.RLock object owner=${this._owner?.id ?? 0} count=${this._count}>`;
  }
}

/** Python's `with lock:` block: acquires, runs `body`, and always releases, even when body throws. */
export async function withLock<T>(lock: Acquirable, body: () => T | Promise<T>): Promise<T> {
  await lock.acquire();
  try {
    return await body();
  } finally {
    lock.release();
  }
}
