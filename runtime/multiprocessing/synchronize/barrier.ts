// multiprocessing.Barrier: threading.Barrier's algorithm (CPython 3.11) over a cross-process Condition, with its
// state and count in shared memory, as CPython's synchronize.Barrier does.
//
// The action runs in whichever party arrives last. A function cannot travel to another process, so a Barrier
// with an action cannot be sent to a child (that raises at send time rather than silently dropping the action).
import { inspect } from 'node:util';
import { BrokenBarrierError } from './errors.ts';
import { Condition } from './condition.ts';
import { Lock } from './semlock.ts';

const STATE = 0;
const COUNT = 1;
// threading.Barrier's states.
const FILLING = 0;
const DRAINING = 1;
const RESETTING = -1;
const BROKEN = -2;

export class Barrier {
  readonly parties: number;
  /** @internal */ readonly action: (() => unknown) | null;
  /** @internal */ readonly timeout: number | null;
  /** @internal */ readonly cond: Condition;
  /** @internal */ readonly shared: Int32Array;

  constructor(parties: number, action: (() => unknown) | null = null, timeout: number | null = null) {
    this.parties = parties;
    this.action = action;
    this.timeout = timeout;
    this.cond = new Condition(new Lock());
    this.shared = new Int32Array(new SharedArrayBuffer(8));
  }

  private get state(): number {
    return Atomics.load(this.shared, STATE);
  }

  private set state(value: number) {
    Atomics.store(this.shared, STATE, value);
  }

  private get count(): number {
    return Atomics.load(this.shared, COUNT);
  }

  private set count(value: number) {
    Atomics.store(this.shared, COUNT, value);
  }

  /** Wait for all parties; resolves to this party's arrival index (0 .. parties-1). */
  async wait(timeout: number | null = null): Promise<number> {
    const limit = timeout ?? this.timeout;
    await this.cond.acquire();
    try {
      await this.enter();
      const index = this.count;
      this.count = index + 1;
      try {
        if (index + 1 === this.parties) await this.releaseAll();
        else await this.waitReleased(limit);
        return index;
      } finally {
        this.count = this.count - 1;
        await this.exit();
      }
    } finally {
      this.cond.release();
    }
  }

  /** Block while the barrier drains or resets. */
  private async enter(): Promise<void> {
    while (this.state === DRAINING || this.state === RESETTING) await this.cond.wait();
    if (this.state < 0) throw new BrokenBarrierError();
  }

  private async releaseAll(): Promise<void> {
    try {
      if (this.action !== null) await this.action();
      this.state = DRAINING;
      await this.cond.notifyAll();
    } catch (error) {
      await this.breakBarrier();
      throw error;
    }
  }

  private async waitReleased(timeout: number | null): Promise<void> {
    if (!(await this.cond.waitFor(() => this.state !== FILLING, timeout))) {
      await this.breakBarrier();
      throw new BrokenBarrierError();
    }
    if (this.state < 0) throw new BrokenBarrierError();
  }

  /** The last one out of a draining (or resetting) barrier opens it for the next round. */
  private async exit(): Promise<void> {
    if (this.count === 0 && (this.state === RESETTING || this.state === DRAINING)) {
      this.state = FILLING;
      await this.cond.notifyAll();
    }
  }

  /** Return to the empty state; parties waiting now get BrokenBarrierError. */
  async reset(): Promise<void> {
    await this.cond.acquire();
    try {
      if (this.count > 0) {
        if (this.state === FILLING || this.state === BROKEN) this.state = RESETTING;
      } else {
        this.state = FILLING;
      }
      await this.cond.notifyAll();
    } finally {
      this.cond.release();
    }
  }

  /** Put the barrier into the broken state: current and future waits raise BrokenBarrierError. */
  async abort(): Promise<void> {
    await this.cond.acquire();
    try {
      await this.breakBarrier();
    } finally {
      this.cond.release();
    }
  }

  private async breakBarrier(): Promise<void> {
    this.state = BROKEN;
    await this.cond.notifyAll();
  }

  /** Parties currently waiting. */
  get nWaiting(): number {
    return this.state === FILLING ? this.count : 0;
  }

  get broken(): boolean {
    return this.state === BROKEN;
  }

  toString(): string {
    if (this.broken) return '<Barrier: broken>';
    return `<Barrier: waiters=${this.nWaiting}/${this.parties}>`;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}
