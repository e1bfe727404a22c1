// multiprocessing.Condition, ported from CPython's synchronize.py: three semaphores count sleepers, wake them
// one by one and let notify() wait until each woken sleeper has really left wait(), so a notify is never lost
// and never wakes more than it says, across processes. Everything lives in shared memory, so a Condition sent to
// a child still coordinates with the parent.
//
// Differences from threading.Condition, as in CPython: notify() waits for the woken sleepers to acknowledge,
// so here it returns a Promise (await it). Timeouts run on the scheduler's clock while only this process can
// notify, on real time while another process may (budget.ts).
import { inspect } from 'node:util';
import { Budget } from './budget.ts';
import { AssertionError } from './errors.ts';
import { Lock, RLock, Semaphore, type SemLock } from './semlock.ts';

export type Predicate = () => unknown;

export class Condition {
  /** @internal */ readonly lock: SemLock;
  /** @internal */ readonly sleepingCount: Semaphore;
  /** @internal */ readonly wokenCount: Semaphore;
  /** @internal */ readonly waitSemaphore: Semaphore;

  /** `lock` defaults to a new RLock, as in Python. */
  constructor(lock?: Lock | RLock | null) {
    this.lock = lock ?? new RLock();
    this.sleepingCount = new Semaphore(0);
    this.wokenCount = new Semaphore(0);
    this.waitSemaphore = new Semaphore(0);
  }

  acquire(blocking = true, timeout: number | null = -1): Promise<boolean> {
    return this.lock.acquire(blocking, timeout);
  }

  release(): void {
    this.lock.release();
  }

  /** Dispose form of release, for `using` blocks: `using _ = await cond.hold()`. */
  async hold(): Promise<Disposable> {
    await this.acquire();
    return { [Symbol.dispose]: () => this.release() };
  }

  /** Release the lock, wait for a notify (or `timeout` seconds), re-acquire. True unless it timed out. */
  wait(timeout: number | null = null): Promise<boolean> {
    return this.waitWithin(new Budget(timeout));
  }

  private async waitWithin(budget: Budget): Promise<boolean> {
    if (!this.lock.isMine()) throw new AssertionError('must acquire() condition before using wait()');
    // Indicate that this thread is going to sleep.
    this.sleepingCount.release();
    // Release the lock completely, however deep an RLock is held.
    const count = this.lock.heldCount();
    for (let i = 0; i < count; i++) this.lock.release();
    try {
      return await this.waitSemaphore.acquireWithin(budget);
    } finally {
      // Tell notify() this sleeper has woken (or timed out), then take the lock back as deep as before.
      this.wokenCount.release();
      for (let i = 0; i < count; i++) await this.lock.acquire();
    }
  }

  /** Wake up to `n` sleepers; resolves once each of them has left its wait. */
  async notify(n = 1): Promise<void> {
    if (!this.lock.isMine()) throw new AssertionError('lock is not owned');
    if (await this.waitSemaphore.acquire(false)) throw new AssertionError('wait semaphore should be zero');
    // Account for sleepers that timed out since the last notify: each left a token in wokenCount.
    while (await this.wokenCount.acquire(false)) {
      const had = await this.sleepingCount.acquire(false);
      if (!had) throw new AssertionError('notify: Bug in sleeping_count.acquire - res should not be False');
    }
    let sleepers = 0;
    while (sleepers < n && (await this.sleepingCount.acquire(false))) {
      this.waitSemaphore.release();
      sleepers++;
    }
    if (sleepers > 0) {
      for (let i = 0; i < sleepers; i++) await this.wokenCount.acquire();
      // Re-zero the wait semaphore in case some sleepers timed out instead of taking their wake-up.
      while (await this.waitSemaphore.acquire(false)) { /* drain */ }
    }
  }

  notifyAll(): Promise<void> {
    return this.notify(Number.MAX_SAFE_INTEGER);
  }

  /** Wait until `predicate()` is truthy (it may be async), at most `timeout` seconds; returns its last value. */
  async waitFor(predicate: Predicate, timeout: number | null = null): Promise<unknown> {
    let result = await predicate();
    // One timeout for every wait in the loop, as Python's wait_for computes an end time once.
    const budget = new Budget(timeout);
    for (let first = true; !result; first = false) {
      if (!first && budget.expired) break;
      await this.waitWithin(budget);
      result = await predicate();
    }
    return result;
  }

  toString(): string {
    const sleepers = this.sleepingCount.getValue() - this.wokenCount.getValue();
    return `<Condition(${this.lock.toString()}, ${sleepers})>`;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}
