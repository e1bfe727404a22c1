// The scheduler's time: a virtual clock that jumps from deadline to deadline when the scheduler says nothing
// else can happen, or the real clock with one real setTimeout armed for the earliest deadline.
import { TimerHeap, type Timer } from './timers.ts';

export type ClockKind = 'virtual' | 'real';

// Captured at load time so fake timers installed later (vi.useFakeTimers) cannot break the scheduler.
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;

export class Clock {
  readonly kind: ClockKind;
  private readonly timers = new TimerHeap();
  private virtualNow = 0;
  private readonly realOrigin = performance.now();
  private realTimer: ReturnType<typeof setTimeout> | null = null;
  private realTimerAt = Infinity;
  private closed = false;
  private readonly onRealTimers: () => void;
  private readonly keepAlive: () => boolean;

  /**
   * @param onRealTimers called after due timers fired from a real setTimeout (the scheduler then dispatches)
   * @param keepAlive whether a pending real timer must keep Node running (false: only daemons wait on it)
   */
  constructor(kind: ClockKind, onRealTimers: () => void, keepAlive: () => boolean) {
    this.kind = kind;
    this.onRealTimers = onRealTimers;
    this.keepAlive = keepAlive;
  }

  /** Seconds since the clock started. */
  now(): number {
    return this.kind === 'virtual' ? this.virtualNow : (performance.now() - this.realOrigin) / 1000;
  }

  get pending(): number {
    return this.timers.size;
  }

  /** The earliest pending deadline, if any. */
  nextDeadline(): number | undefined {
    return this.timers.peek()?.deadline;
  }

  add(seconds: number, callback: () => void): Timer {
    const timer = this.timers.add(this.now() + Math.max(0, seconds), callback);
    if (this.kind === 'real' && timer.deadline < this.realTimerAt) this.armReal();
    return timer;
  }

  cancel(timer: Timer): void {
    this.timers.cancel(timer);
  }

  /** Virtual clock: jump to the earliest deadline and fire every timer due then. */
  advance(): void {
    this.jumpToNext();
    this.fireDue();
  }

  /** Virtual clock: move to the earliest deadline without firing anything (a busy-wait's time passing). */
  jumpToNext(): void {
    const first = this.timers.peek();
    if (this.kind === 'virtual' && first !== undefined && first.deadline > this.virtualNow) {
      this.virtualNow = first.deadline;
    }
  }

  /** Whether a timer is due now (it needs no jump, only its turn). */
  hasDue(): boolean {
    const first = this.timers.peek();
    return first !== undefined && first.deadline <= this.now();
  }

  /** Virtual clock: let `seconds` pass with nothing due (a busy-wait's cost). */
  skip(seconds: number): void {
    if (this.kind === 'virtual') this.virtualNow += seconds;
  }

  /** Real clock: make sure a real timer is armed for the earliest deadline. */
  armReal(): void {
    const first = this.timers.peek();
    if (first === undefined || this.closed) return;
    if (this.realTimer !== null) {
      if (this.realTimerAt <= first.deadline) return;
      realClearTimeout(this.realTimer);
    }
    this.realTimerAt = first.deadline;
    const delayMs = Math.max(0, (first.deadline - this.now()) * 1000);
    this.realTimer = realSetTimeout(() => {
      this.realTimer = null;
      this.realTimerAt = Infinity;
      this.fireDue();
      this.armReal();
      this.onRealTimers();
    }, delayMs);
    this.updateRef();
  }

  /**
   * A real timer keeps Node alive only while someone who matters waits on it: daemon threads alone must not stop
   * a program from exiting, as in Python.
   */
  updateRef(): void {
    if (this.realTimer === null) return;
    if (this.keepAlive()) this.realTimer.ref();
    else this.realTimer.unref();
  }

  close(): void {
    this.closed = true;
    if (this.realTimer !== null) realClearTimeout(this.realTimer);
    this.realTimer = null;
  }

  /** Fires, in deadline order, every timer due now. */
  fireDue(): void {
    const now = this.now();
    for (let timer = this.timers.popDue(now); timer !== undefined; timer = this.timers.popDue(now)) {
      timer.callback();
    }
  }
}
