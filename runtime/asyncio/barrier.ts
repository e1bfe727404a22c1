// asyncio.Barrier (new in Python 3.11), ported from CPython's locks.py: built on a Condition, with the states
// filling -> draining (-> filling), resetting and broken.
import { Condition } from './locks.ts';
import { BrokenBarrierError, ValueError } from './errors.ts';

type State = 'filling' | 'draining' | 'resetting' | 'broken';

export class Barrier {
  private readonly _cond = new Condition();
  private readonly _parties: number;
  private _state: State = 'filling';
  private _count = 0;

  constructor(parties: number) {
    if (!(parties >= 1)) throw new ValueError('parties must be > 0');
    this._parties = parties;
  }

  /** Waits until `parties` tasks are waiting; returns a distinct index 0..parties-1 to each. */
  async wait(): Promise<number> {
    await this._cond.acquire();
    try {
      await this._block();
      try {
        const index = this._count;
        this._count++;
        if (index + 1 === this._parties) this._release();
        else await this._wait();
        return index;
      } finally {
        this._count--;
        this._exit();
      }
    } finally {
      this._cond.release();
    }
  }

  private async _block(): Promise<void> {
    await this._cond.waitFor(() => this._state !== 'draining' && this._state !== 'resetting');
    if (this._state === 'broken') throw new BrokenBarrierError('Barrier aborted');
  }

  private _release(): void {
    this._state = 'draining';
    this._cond.notifyAll();
  }

  private async _wait(): Promise<void> {
    await this._cond.waitFor(() => this._state !== 'filling');
    if (this._state === 'broken' || this._state === 'resetting') {
      throw new BrokenBarrierError('Abort or reset of barrier');
    }
  }

  private _exit(): void {
    if (this._count === 0) {
      if (this._state === 'resetting' || this._state === 'draining') this._state = 'filling';
      this._cond.notifyAll();
    }
  }

  /** Returns the barrier to its initial state; tasks waiting get BrokenBarrierError. */
  async reset(): Promise<void> {
    await this._cond.acquire();
    try {
      if (this._count > 0) {
        if (this._state !== 'resetting') this._state = 'resetting';
      } else {
        this._state = 'filling';
      }
      this._cond.notifyAll();
    } finally {
      this._cond.release();
    }
  }

  /** Breaks the barrier: current and future wait() calls raise BrokenBarrierError. */
  async abort(): Promise<void> {
    await this._cond.acquire();
    try {
      this._state = 'broken';
      this._cond.notifyAll();
    } finally {
      this._cond.release();
    }
  }

  get parties(): number {
    return this._parties;
  }

  get nWaiting(): number {
    return this._state === 'filling' ? this._count : 0;
  }

  get broken(): boolean {
    return this._state === 'broken';
  }

  /** CPython's repr without the address: the state, and while not broken `waiters:n/parties`. */
  toString(): string {
    const extra = this._state === 'broken' ? 'broken' : `${this._state}, waiters:${this.nWaiting}/${this._parties}`;
    return `<asyncio.locks.Barrier object [${extra}]>`;
  }
}
