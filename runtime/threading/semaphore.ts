// threading.Semaphore and BoundedSemaphore: a counter of permits; acquire takes one (waiting while none is
// left), release gives permits back and hands them straight to waiting threads in arrival order.
import { currentScheduler, ParkingLot, TIMEOUT } from '../core/index.ts';
import { ValueError, typeName, waitTimeout } from '../python/index.ts';
import { FALSE, TRUE } from './util.ts';
import type { Acquirable } from './lock.ts';

export class Semaphore implements Acquirable {
  protected _value: number;
  private readonly _waiters = new ParkingLot();

  constructor(value = 1) {
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      throw new TypeError(`'${typeName(value)}' object cannot be interpreted as an integer`);
    }
    if (value < 0) throw new ValueError('semaphore initial value must be >= 0');
    this._value = value;
  }

  /** Takes a permit; false if `blocking` is false or `timeout` seconds pass first. */
  acquire(blocking = true, timeout: number | null = null): Promise<boolean> {
    if (!blocking && timeout !== null) throw new ValueError("can't specify timeout for non-blocking acquire");
    const wait = blocking ? waitTimeout(timeout) : 0;
    const scheduler = currentScheduler();
    if (scheduler.preemptive) return this._acquireExploring(wait);
    if (this._value > 0) {
      this._value--;
      return TRUE;
    }
    if (wait === 0) return FALSE;
    return this._wait(wait);
  }

  private async _acquireExploring(wait: number | null): Promise<boolean> {
    const point = currentScheduler().preemptionPoint();
    if (point !== undefined) await point;
    if (this._value > 0) {
      this._value--;
      return true;
    }
    if (wait === 0) return false;
    return this._wait(wait);
  }

  private async _wait(wait: number | null): Promise<boolean> {
    const scheduler = currentScheduler();
    const outcome = await this._waiters.park(
      scheduler.current(),
      { what: `${this.constructor.name}.acquire()`, trackSite: true },
      wait,
    );
    // A wake-up means release() handed a permit over to us.
    return outcome !== TIMEOUT;
  }

  /** Returns `n` permits, waking up to `n` waiting threads. */
  release(n = 1): void {
    if (n < 1) throw new ValueError('n must be one or more');
    this._value += n;
    // Each permit goes straight to the longest-waiting thread.
    while (this._value > 0 && this._waiters.unparkOne(true) !== undefined) this._value--;
  }

  async hold(): Promise<Disposable> {
    await this.acquire();
    return { [Symbol.dispose]: () => this.release() };
  }

  toString(): string {
    return `<${this.constructor.name} value=${this._value}>`;
  }
}

/** A semaphore that refuses to go above its initial value: an extra release() is a bug, reported at once. */
export class BoundedSemaphore extends Semaphore {
  private readonly _initial: number;

  constructor(value = 1) {
    super(value);
    this._initial = value;
  }

  override release(n = 1): void {
    if (n < 1) throw new ValueError('n must be one or more');
    if (this._value + n > this._initial) throw new ValueError('Semaphore released too many times');
    super.release(n);
  }
}
