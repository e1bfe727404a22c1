// How much of a wait's timeout is left, counted on the clock that was running while it waited.
//
// A wait that only threads of this process can end runs on the scheduler's clock (virtual seconds inside
// simulate(), exactly like threading's); a wait that another process may end is outside work and runs on real
// time instead (parking.ts), whatever the virtual clock does meanwhile (it may move a step after each quiet
// period). A Budget adds both up, so one timeout spans a wait that switches between the two (a child process
// starts or ends meanwhile), and Condition.waitFor spends one timeout over several waits, as Python's does.
import { currentScheduler, type Scheduler } from '../../core/index.ts';

export class Budget {
  private readonly scheduler: Scheduler;
  private readonly timeout: number;
  private readonly start: number;
  /** Virtual seconds that passed while waiting as outside work (not counted), and the real ones (counted). */
  private outsideVirtual = 0;
  private outsideReal = 0;

  /** `timeout` in seconds; null, undefined or -1: no limit (threading's convention); negatives count as 0. */
  constructor(timeout: number | null | undefined) {
    this.scheduler = currentScheduler();
    this.timeout = Budget.seconds(timeout);
    this.start = this.timeout === Infinity ? 0 : this.scheduler.now();
  }

  static seconds(timeout: number | null | undefined): number {
    if (timeout === null || timeout === undefined || timeout === -1) return Infinity;
    if (typeof timeout !== 'number' || Number.isNaN(timeout)) {
      throw new TypeError(`timeout must be a number of seconds, not ${typeof timeout}`);
    }
    return Math.max(0, timeout);
  }

  get unlimited(): boolean {
    return this.timeout === Infinity;
  }

  /** Seconds left (Infinity without a limit). */
  left(): number {
    if (this.timeout === Infinity) return Infinity;
    let spent = this.scheduler.now() - this.start;
    // Under the real clock the scheduler's clock already is real time.
    if (this.scheduler.clock === 'virtual') spent += this.outsideReal - this.outsideVirtual;
    return Math.max(0, this.timeout - spent);
  }

  get expired(): boolean {
    return this.left() <= 0;
  }

  /** Records a spell of outside waiting: `real` seconds counted instead of the `virtual` ones that passed. */
  spentOutside(real: number, virtual: number): void {
    this.outsideReal += real;
    this.outsideVirtual += virtual;
  }
}
