// asyncio's Lock, Event, Condition, Semaphore and BoundedSemaphore, ported from CPython 3.11's locks.py:
// each waiter is a Future, so a waiting task can be cancelled cleanly and wake-ups happen in FIFO order.
// `async with lock:` is written `using _held = await lock.hold();` (or acquire() + try/finally release()).
import { WaiterFuture, type Future } from './futures.ts';
import { getRunningLoop } from './context.ts';
import { CancelledError, RuntimeError, ValueError } from './errors.ts';

function newWaiter<T>(what: string): Future<T> {
  return new WaiterFuture<T>(getRunningLoop(), what);
}

/** CPython's repr of a primitive, without the address: `<asyncio.locks.Name object [extra, waiters:n]>`. */
function primitiveRepr(name: string, extra: string, waiters: number): string {
  return `<asyncio.locks.${name} object [${extra}${waiters > 0 ? `, waiters:${waiters}` : ''}]>`;
}

function remove<T>(list: T[], item: T): void {
  const i = list.indexOf(item);
  if (i >= 0) list.splice(i, 1);
}

/** What acquire()/release() primitives share: the `async with` form. */
abstract class ContextManager {
  abstract acquire(): Promise<boolean>;
  abstract release(): void;

  /** `async with x:` — `using _held = await x.hold();` releases when the block ends. */
  async hold(): Promise<Disposable> {
    await this.acquire();
    return { [Symbol.dispose]: () => this.release() };
  }
}

export class Lock extends ContextManager {
  private _locked = false;
  private readonly _waiters: Array<Future<boolean>> = [];

  locked(): boolean {
    return this._locked;
  }

  override async acquire(): Promise<boolean> {
    if (!this._locked && this._waiters.every((w) => w.cancelled())) {
      this._locked = true;
      return true;
    }
    const fut = newWaiter<boolean>('Lock.acquire()');
    this._waiters.push(fut);
    try {
      try {
        await fut;
      } finally {
        remove(this._waiters, fut);
      }
    } catch (error) {
      // Cancelled while it was being handed the lock: pass the turn on to the next waiter.
      if (error instanceof CancelledError && !this._locked) this._wakeUpFirst();
      throw error;
    }
    this._locked = true;
    return true;
  }

  override release(): void {
    if (!this._locked) throw new RuntimeError('Lock is not acquired.');
    this._locked = false;
    this._wakeUpFirst();
  }

  private _wakeUpFirst(): void {
    const fut = this._waiters[0];
    if (fut !== undefined && !fut.done()) fut.setResult(true);
  }

  override toString(): string {
    return primitiveRepr('Lock', this._locked ? 'locked' : 'unlocked', this._waiters.length);
  }
}

export class Event {
  private _value = false;
  private readonly _waiters: Array<Future<boolean>> = [];

  isSet(): boolean {
    return this._value;
  }

  /** Sets the flag and wakes every waiter. */
  set(): void {
    if (this._value) return;
    this._value = true;
    for (const fut of this._waiters) if (!fut.done()) fut.setResult(true);
  }

  clear(): void {
    this._value = false;
  }

  /** Waits until the flag is set; returns true. (asyncio's wait() has no timeout: use waitFor.) */
  async wait(): Promise<true> {
    if (this._value) return true;
    const fut = newWaiter<boolean>('Event.wait()');
    this._waiters.push(fut);
    try {
      await fut;
      return true;
    } finally {
      remove(this._waiters, fut);
    }
  }

  toString(): string {
    return primitiveRepr('Event', this._value ? 'set' : 'unset', this._waiters.length);
  }
}

export class Condition extends ContextManager {
  private readonly _lock: Lock;
  private readonly _waiters: Array<Future<boolean>> = [];

  constructor(lock: Lock | null = null) {
    super();
    this._lock = lock ?? new Lock();
  }

  locked(): boolean {
    return this._lock.locked();
  }

  override acquire(): Promise<boolean> {
    return this._lock.acquire();
  }

  override release(): void {
    this._lock.release();
  }

  /** Releases the lock, waits for notify(), and re-acquires the lock (even if cancelled meanwhile). */
  async wait(): Promise<true> {
    if (!this.locked()) throw new RuntimeError('cannot wait on un-acquired lock');
    this.release();
    let failure: { error: unknown } | null = null;
    const fut = newWaiter<boolean>('Condition.wait()');
    this._waiters.push(fut);
    try {
      await fut;
    } catch (error) {
      failure = { error };
    } finally {
      remove(this._waiters, fut);
    }
    // The lock must be held again on the way out, even when the wait was cancelled.
    let cancelled = false;
    for (;;) {
      try {
        await this.acquire();
        break;
      } catch (error) {
        if (!(error instanceof CancelledError)) throw error;
        cancelled = true;
      }
    }
    if (cancelled) throw new CancelledError();
    if (failure !== null) throw failure.error;
    return true;
  }

  /** Waits until predicate() is truthy, checking it after each notification; returns its value. */
  async waitFor<T>(predicate: () => T): Promise<T> {
    let result = predicate();
    while (!result) {
      await this.wait();
      result = predicate();
    }
    return result;
  }

  notify(n = 1): void {
    if (!this.locked()) throw new RuntimeError('cannot notify on un-acquired lock');
    let idx = 0;
    for (const fut of this._waiters) {
      if (idx >= n) break;
      if (!fut.done()) {
        idx++;
        fut.setResult(false);
      }
    }
  }

  notifyAll(): void {
    this.notify(this._waiters.length);
  }

  override toString(): string {
    return primitiveRepr('Condition', this.locked() ? 'locked' : 'unlocked', this._waiters.length);
  }
}

export class Semaphore extends ContextManager {
  protected _value: number;
  private readonly _waiters: Array<Future<boolean>> = [];

  constructor(value = 1) {
    super();
    if (typeof value !== 'number' || Number.isNaN(value)) throw new TypeError('Semaphore value must be a number');
    if (value < 0) throw new ValueError('Semaphore initial value must be >= 0');
    this._value = value;
  }

  /** True if acquire() would have to wait. */
  locked(): boolean {
    return this._value === 0 || this._waiters.some((w) => !w.cancelled());
  }

  override async acquire(): Promise<boolean> {
    if (!this.locked()) {
      this._value--;
      return true;
    }
    const fut = newWaiter<boolean>(`${this.constructor.name}.acquire()`);
    this._waiters.push(fut);
    try {
      try {
        await fut;
      } finally {
        remove(this._waiters, fut);
      }
    } catch (error) {
      if (error instanceof CancelledError && !fut.cancelled()) {
        // It had been given a slot when the cancellation arrived: give the slot back.
        this._value++;
        this._wakeUpNext();
      }
      throw error;
    }
    if (this._value > 0) this._wakeUpNext();
    return true;
  }

  override release(): void {
    this._value++;
    this._wakeUpNext();
  }

  override toString(): string {
    const extra = this.locked() ? 'locked' : `unlocked, value:${this._value}`;
    return primitiveRepr(this.constructor.name, extra, this._waiters.length);
  }

  private _wakeUpNext(): void {
    for (const fut of this._waiters) {
      if (!fut.done()) {
        this._value--;
        fut.setResult(true);
        return;
      }
    }
  }
}

export class BoundedSemaphore extends Semaphore {
  private readonly _boundValue: number;

  constructor(value = 1) {
    super(value);
    this._boundValue = value;
  }

  override release(): void {
    if (this._value >= this._boundValue) throw new ValueError('BoundedSemaphore released too many times');
    super.release();
  }
}
