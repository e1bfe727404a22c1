// threading.Event: a flag that threads wait for; set() wakes every waiter.
import { TIMEOUT, currentScheduler, type Fiber } from '../core/index.ts';
import { FALSE, TRUE } from './util.ts';
import { waitTimeout } from '../python/index.ts';

export class Event {
  private _flag = false;
  private readonly _waiters = new Set<Fiber>();

  isSet(): boolean {
    return this._flag;
  }

  set(): void {
    this._flag = true;
    for (const fiber of this._waiters) fiber.scheduler.wake(fiber, true);
    this._waiters.clear();
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
    const me = scheduler.current();
    this._waiters.add(me);
    const outcome = await scheduler.block(
      { what: 'Event.wait()', cancel: () => this._waiters.delete(me), trackSite: true },
      wait,
    );
    return outcome !== TIMEOUT;
  }
}
