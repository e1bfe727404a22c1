// threading.Condition: wait() releases the lock, sleeps until notified (or timeout), and takes the lock back.
import { currentScheduler, ParkingLot, TIMEOUT } from '../core/index.ts';
import { RuntimeError, waitTimeout } from '../python/index.ts';
import { Lock, RLock, type Acquirable } from './lock.ts';

export class Condition implements Acquirable {
  readonly lock: Lock | RLock;
  private readonly _waiters = new ParkingLot();

  constructor(lock: Lock | RLock | null = null) {
    this.lock = lock ?? new RLock();
  }

  acquire(blocking = true, timeout = -1): Promise<boolean> {
    return this.lock.acquire(blocking, timeout);
  }

  release(): void {
    this.lock.release();
  }

  async hold(): Promise<Disposable> {
    return this.lock.hold();
  }

  /** Python's _is_owned: an RLock knows its owner; a plain Lock counts as owned while anyone holds it. */
  private _isOwned(): boolean {
    return this.lock instanceof RLock ? this.lock._isOwned() : this.lock.locked();
  }

  /** Waits until notified or `timeout` seconds pass; true unless the timeout expired. */
  async wait(timeout: number | null = null): Promise<boolean> {
    if (!this._isOwned()) throw new RuntimeError('cannot wait on un-acquired lock');
    const wait = waitTimeout(timeout);
    const scheduler = currentScheduler();
    const me = scheduler.current();
    const saved = this.lock instanceof RLock ? this.lock._releaseSave() : (this.lock.release(), 1);
    try {
      const outcome = await this._waiters.park(me, { what: 'Condition.wait()', trackSite: true }, wait);
      return outcome !== TIMEOUT;
    } finally {
      if (this.lock instanceof RLock) await this.lock._acquireRestore(saved);
      else await this.lock.acquire();
    }
  }

  /** Waits until `predicate()` is true (checked first, then after every notification); returns its last value. */
  async waitFor<T>(predicate: () => T, timeout: number | null = null): Promise<T> {
    const scheduler = currentScheduler();
    let endTime: number | null = null;
    let remaining = waitTimeout(timeout);
    let result = predicate();
    while (!result) {
      if (remaining !== null) {
        if (endTime === null) endTime = scheduler.now() + remaining;
        else {
          remaining = endTime - scheduler.now();
          if (remaining <= 0) break;
        }
      }
      await this.wait(remaining);
      result = predicate();
    }
    return result;
  }

  /** Wakes up to `n` waiting threads; they run once the notifier releases the lock. */
  notify(n = 1): void {
    if (!this._isOwned()) throw new RuntimeError('cannot notify on un-acquired lock');
    this._waiters.unpark(n, true);
  }

  notifyAll(): void {
    this.notify(this._waiters.size);
  }
}
