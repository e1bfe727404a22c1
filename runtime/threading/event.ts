// threading.Event: a flag that threads wait for; set() wakes every waiter.
import { ParkingLot, TIMEOUT, currentScheduler } from '../core/index.ts';
import { FALSE, TRUE } from './util.ts';
import { waitTimeout } from '../python/index.ts';

export class Event {
  private _flag = false;
  private readonly _waiters = new ParkingLot();

  isSet(): boolean {
    return this._flag;
  }

  set(): void {
    this._flag = true;
    this._waiters.unparkAll(true);
  }

  clear(): void {
    this._flag = false;
  }

  /** Python's repr without the address: <threading.Event: set>. */
  toString(): string {
    return `<threading.Event: ${this._flag ? 'set' : 'unset'}>`;
  }

  /**
   * Waits until the flag is set or `timeout` seconds pass. Returns whether the flag was set when the wait began
   * or this waiter was woken by set() (CPython's rule: after `set(); clear()` the waiters it released get true).
   */
  wait(timeout: number | null = null): Promise<boolean> {
    const wait = waitTimeout(timeout);
    const scheduler = currentScheduler();
    if (scheduler.preemptive) return this._waitExploring(wait);
    if (this._flag) return TRUE;
    if (wait === 0) return FALSE;
    return this._block(wait);
  }

  private async _waitExploring(wait: number | null): Promise<boolean> {
    const point = currentScheduler().preemptionPoint();
    if (point !== undefined) await point;
    if (this._flag || wait === 0) return this._flag;
    return this._block(wait);
  }

  private async _block(wait: number | null): Promise<boolean> {
    const scheduler = currentScheduler();
    const outcome = await this._waiters.park(scheduler.current(), { what: 'Event.wait()', trackSite: true }, wait);
    return outcome !== TIMEOUT;
  }
}
