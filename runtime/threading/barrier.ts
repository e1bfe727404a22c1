// threading.Barrier: `parties` threads wait until all have arrived, then all continue together.
import { currentScheduler, ParkingLot, TIMEOUT } from '../core/index.ts';
import { RuntimeError, waitTimeout } from '../python/index.ts';

export class BrokenBarrierError extends RuntimeError {
  override name = 'BrokenBarrierError';
}

const BROKEN = Symbol('broken');

export class Barrier {
  readonly parties: number;
  private readonly _action: (() => unknown) | null;
  private readonly _timeout: number | null;
  private _count = 0;
  private _broken = false;
  private readonly _waiters = new ParkingLot();

  constructor(parties: number, action: (() => unknown) | null = null, timeout: number | null = null) {
    this.parties = parties;
    this._action = action;
    this._timeout = timeout;
  }

  /** Waits for all parties; returns this thread's arrival index (0 .. parties-1). */
  async wait(timeout: number | null = null): Promise<number> {
    const scheduler = currentScheduler();
    const point = scheduler.preemptionPoint();
    if (point !== undefined) await point;
    if (this._broken) throw new BrokenBarrierError();
    const index = this._count++;
    if (index === this.parties - 1) {
      // The last to arrive runs the action, then releases everyone.
      try {
        if (this._action !== null) await this._action();
      } catch (error) {
        this.abort();
        throw error;
      }
      this._count = 0;
      this._waiters.unparkAll(true);
      return index;
    }
    const outcome = await this._waiters.park(
      scheduler.current(),
      { what: 'Barrier.wait()', trackSite: true },
      waitTimeout(timeout ?? this._timeout),
    );
    if (outcome === TIMEOUT) {
      this.abort();
      throw new BrokenBarrierError();
    }
    if (outcome === BROKEN) throw new BrokenBarrierError();
    return index;
  }

  /** Back to the initial state; threads waiting now get BrokenBarrierError. */
  reset(): void {
    this._waiters.unparkAll(BROKEN);
    this._count = 0;
    this._broken = false;
  }

  /** Breaks the barrier: current and future wait() calls raise BrokenBarrierError until reset(). */
  abort(): void {
    this._broken = true;
    this._count = 0;
    this._waiters.unparkAll(BROKEN);
  }

  get broken(): boolean {
    return this._broken;
  }

  get nWaiting(): number {
    return this._waiters.size;
  }
}
