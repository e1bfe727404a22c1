// A FIFO list of threads parked on one condition of a queue ("not empty", "not full", "all tasks done"): the
// part of threading.Condition a queue needs, built straight on the scheduler. Woken threads re-check their
// condition, exactly as CPython's queue re-checks in a `while` loop after Condition.wait().
import { TIMEOUT, type Fiber, type Scheduler } from '../core/index.ts';

export class WaitList {
  /** Insertion-ordered: the first thread to wait is the first woken. */
  private readonly waiters = new Set<Fiber>();
  /** The blocking call shown in deadlock reports, e.g. "Queue.get()". */
  readonly what: string;

  constructor(what: string) {
    this.what = what;
  }

  /** Parks the calling thread until notify() or the timeout (seconds); false when the timeout passed. */
  async wait(scheduler: Scheduler, timeout: number | null): Promise<boolean> {
    const fiber = scheduler.current();
    this.waiters.add(fiber);
    const outcome = await scheduler.block(
      { what: this.what, trackSite: true, cancel: () => this.waiters.delete(fiber) },
      timeout,
    );
    return outcome !== TIMEOUT;
  }

  /** Wakes the longest-waiting thread, if any. */
  notify(): void {
    for (const fiber of this.waiters) {
      this.waiters.delete(fiber);
      if (fiber.scheduler.wake(fiber)) return;
    }
  }

  notifyAll(): void {
    for (const fiber of [...this.waiters]) {
      this.waiters.delete(fiber);
      fiber.scheduler.wake(fiber);
    }
  }

  get size(): number {
    return this.waiters.size;
  }
}
