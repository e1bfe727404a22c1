// One condition of a queue ("not empty", "not full", "all tasks done"): the part of threading.Condition a
// queue needs, on core's ParkingLot. Woken threads re-check their condition, exactly as CPython's queue
// re-checks in a `while` loop after Condition.wait().
import { ParkingLot, TIMEOUT, type Scheduler } from '../core/index.ts';

export class WaitList {
  private readonly lot = new ParkingLot();
  /** The blocking call shown in deadlock reports, e.g. "Queue.get()". */
  readonly what: string;

  constructor(what: string) {
    this.what = what;
  }

  /** Parks the calling thread until notify() or the timeout (seconds); false when the timeout passed. */
  async wait(scheduler: Scheduler, timeout: number | null): Promise<boolean> {
    const outcome = await this.lot.park(scheduler.current(), { what: this.what, trackSite: true }, timeout);
    return outcome !== TIMEOUT;
  }

  /** Wakes the longest-waiting thread, if any. */
  notify(): void {
    this.lot.unparkOne();
  }

  notifyAll(): void {
    this.lot.unparkAll();
  }

  get size(): number {
    return this.lot.size;
  }
}
