// The one waiting primitive of the runtime (Trio's ParkingLot is the model): a FIFO of fibers parked until
// someone unparks them. threading's Lock, RLock, Condition, Semaphore, Event and Barrier and queue's waits
// are each a rule about *when* to unpark on top of it; deadlock reports, timeouts and cancellation come from
// the scheduler's block() underneath. A parked fiber that times out or is cancelled leaves the lot itself.
import type { Blocker, Fiber } from './fiber.ts';

/** What a parked fiber's wait looks like in deadlock reports (Blocker minus `cancel`, which the lot owns). */
export type ParkInfo = Omit<Blocker, 'cancel'>;

export class ParkingLot {
  // An array, not a Set: on a lock's hot path push/shift beat Set iteration, and lots are short.
  private readonly parked: Fiber[] = [];

  /**
   * Parks `fiber` (the caller) until unpark() hands it a value, which this resolves with; or until `timeout`
   * seconds pass (resolves with the scheduler's TIMEOUT). `info` is taken over by the lot.
   */
  park(fiber: Fiber, info: ParkInfo, timeout: number | null): Promise<unknown> {
    this.parked.push(fiber);
    const blocker = info as Blocker;
    blocker.cancel = () => this.remove(fiber);
    return fiber.scheduler.block(blocker, timeout);
  }

  /** Wakes the first fiber parked (the longest waiting) with `value`; returns it, or undefined if none. */
  unparkOne(value?: unknown): Fiber | undefined {
    let fiber = this.parked.shift();
    while (fiber !== undefined && !fiber.scheduler.wake(fiber, value)) fiber = this.parked.shift();
    return fiber;
  }

  /** Wakes up to `n` fibers in the order they parked, each with `value`; returns how many woke. */
  unpark(n = 1, value?: unknown): number {
    let woken = 0;
    while (woken < n && this.unparkOne(value) !== undefined) woken++;
    return woken;
  }

  /** Wakes every fiber parked now with `value`; returns how many woke. */
  unparkAll(value?: unknown): number {
    return this.unpark(this.parked.length, value);
  }

  /**
   * Moves up to `n` parked fibers, in order, to the end of `other` without waking them: they wait there as if
   * they had parked on it (their timeouts and cancellation follow them).
   */
  repark(other: ParkingLot, n = 1): number {
    const moved = this.parked.splice(0, Math.max(0, n));
    for (const fiber of moved) {
      other.parked.push(fiber);
      if (fiber.blockedOn !== null && fiber.blockedOn !== undefined) fiber.blockedOn.cancel = () => other.remove(fiber);
    }
    return moved.length;
  }

  /** How many fibers are parked. */
  get size(): number {
    return this.parked.length;
  }

  private remove(fiber: Fiber): void {
    const at = this.parked.indexOf(fiber);
    if (at !== -1) this.parked.splice(at, 1);
  }
}
