// asyncio.timeout() / timeout_at() (Python 3.11), ported from CPython's timeouts.py. Python writes
// `async with asyncio.timeout(1):`; JS cannot pass the block's exception to a disposer, so the block is a
// function: `await timeout(1).run(async (cm) => { ... })`. On expiry the task is cancelled; the CancelledError
// that leaves the block becomes TimeoutError.
import type { Handle } from './events.ts';
import type { Task } from './tasks.ts';
import { getRunningLoop } from './context.ts';
import { currentTask } from './tasks.ts';
import { CancelledError, RuntimeError, TimeoutError } from './errors.ts';

type State = 'created' | 'active' | 'expiring' | 'expired' | 'finished';

export class Timeout {
  private _state: State = 'created';
  private _handler: Handle | null = null;
  private _task: Task<unknown> | null = null;
  private _when: number | null;
  /** The task's pending cancellation requests when the block was entered (CPython 3.11.7's `_cancelling`). */
  private _cancelling = 0;

  constructor(when: number | null) {
    this._when = when;
  }

  /** The deadline on the loop's clock (null: none). */
  when(): number | null {
    return this._when;
  }

  /** Moves the deadline (an absolute loop time, or null for none). */
  reschedule(when: number | null): void {
    if (this._state === 'created') throw new RuntimeError('Timeout has not been entered');
    if (this._state !== 'active') throw new RuntimeError(`Cannot change state of ${this._state} Timeout`);
    this._when = when;
    this._handler?.cancel();
    if (when === null) {
      this._handler = null;
      return;
    }
    const loop = getRunningLoop();
    // A deadline already passed expires on the next turn, before the block's next await returns (call_soon).
    this._handler = when <= loop.time() ? loop.callSoon(() => this._onTimeout()) : loop.callAt(when, () => this._onTimeout());
  }

  /** True once the deadline has passed while the block ran. */
  expired(): boolean {
    return this._state === 'expiring' || this._state === 'expired';
  }

  /** `__aenter__`: must run inside a task. */
  async enter(): Promise<this> {
    if (this._state !== 'created') throw new RuntimeError('Timeout has already been entered');
    const task = currentTask();
    if (task === null) throw new RuntimeError('Timeout should be used inside a task');
    this._state = 'active';
    this._task = task;
    this._cancelling = task.cancelling();
    this.reschedule(this._when);
    return this;
  }

  /** `__aexit__`: pass the error that left the block, if any; throws TimeoutError if it expired. */
  async exit(error?: unknown): Promise<void> {
    this._handler?.cancel();
    this._handler = null;
    if (this._state === 'expiring') {
      this._state = 'expired';
      // Only a cancellation this timeout caused becomes TimeoutError: not one requested before the block (a
      // cancel caught earlier in the task) nor one requested during it by someone else.
      if (this._task!.uncancel() <= this._cancelling && error instanceof CancelledError) {
        throw new TimeoutError('', { cause: error });
      }
    } else if (this._state === 'active') {
      this._state = 'finished';
    }
  }

  /** Runs `body` under this deadline (Python's `async with`). */
  async run<T>(body: (cm: this) => PromiseLike<T> | T): Promise<T> {
    await this.enter();
    let result: T;
    try {
      result = await body(this);
    } catch (error) {
      await this.exit(error);
      throw error;
    }
    await this.exit();
    return result;
  }

  private _onTimeout(): void {
    if (this._state !== 'active') return;
    this._task!.cancel();
    this._state = 'expiring';
    this._handler = null;
  }

  toString(): string {
    const when = this._state === 'active' ? ` when=${this._when === null ? 'None' : Math.round(this._when * 1000) / 1000}` : '';
    return `<Timeout [${this._state}]${when}>`;
  }
}

/** A deadline `delay` seconds from now (null: none): `await timeout(1).run(async () => ...)`. */
export function timeout(delay: number | null): Timeout {
  const loop = getRunningLoop();
  return new Timeout(delay === null ? null : loop.time() + delay);
}

/** A deadline at loop time `when`. */
export function timeoutAt(when: number | null): Timeout {
  return new Timeout(when);
}
