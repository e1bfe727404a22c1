// threading.Timer: a thread that waits `interval` seconds, then calls the function unless cancelled first.
import { Thread } from './thread.ts';
import { Event } from './event.ts';

export class Timer extends Thread {
  readonly interval: number;
  readonly function: (...args: never[]) => unknown;
  readonly args: readonly unknown[];
  readonly kwargs: Record<string, unknown> | undefined;
  /** Set when the timer fires or is cancelled. */
  readonly finished = new Event();

  constructor(
    interval: number,
    fn: (...args: never[]) => unknown,
    args: readonly unknown[] | null = null,
    kwargs: Record<string, unknown> | null = null,
  ) {
    super();
    if (typeof fn !== 'function') throw new TypeError(`Timer() needs a function to call, got ${typeof fn}`);
    this.interval = interval;
    this.function = fn;
    this.args = args ?? [];
    this.kwargs = kwargs ?? undefined;
  }

  /** Stops the timer if it has not fired yet. */
  cancel(): void {
    this.finished.set();
  }

  override async run(): Promise<void> {
    await this.finished.wait(this.interval);
    if (!this.finished.isSet()) {
      const args = this.kwargs === undefined ? this.args : [...this.args, this.kwargs];
      await (this.function as (...a: unknown[]) => unknown)(...args);
    }
    this.finished.set();
  }
}
