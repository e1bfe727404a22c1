// queue.SimpleQueue: an unbounded FIFO queue without task tracking (no taskDone/join, no maxsize).
// put() never waits (it is still a Promise, so code can switch between Queue and SimpleQueue freely).
import { currentScheduler } from '../core/index.ts';
import { blockingCall, checkTimeout, type BlockingOptions } from './arguments.ts';
import { Empty } from './errors.ts';
import { WaitList } from './waiters.ts';

export class SimpleQueue<T = unknown> {
  private items: T[] = [];
  private head = 0;
  private readonly notEmpty: WaitList;

  constructor() {
    this.notEmpty = new WaitList(`${new.target.name}.get()`);
  }

  /** Adds an item; block and timeout are accepted and ignored, as in Python. */
  async put(item: T, _block?: boolean | BlockingOptions, _timeout?: number | null): Promise<void> {
    const point = currentScheduler().preemptionPoint();
    if (point !== undefined) await point;
    this.putNowait(item);
  }

  putNowait(item: T): void {
    this.items.push(item);
    this.notEmpty.notify();
  }

  async get(block?: boolean | BlockingOptions, timeout?: number | null): Promise<T> {
    const call = blockingCall(block, timeout);
    const scheduler = currentScheduler();
    const point = scheduler.preemptionPoint();
    if (point !== undefined) await point;
    if (!call.block) return this.getNowait();
    if (call.timeout === null) {
      while (this.qsize() === 0) await this.notEmpty.wait(scheduler, null);
    } else {
      checkTimeout(call.timeout);
      const end = scheduler.now() + call.timeout;
      while (this.qsize() === 0) {
        const remaining = end - scheduler.now();
        if (remaining <= 0) throw new Empty();
        await this.notEmpty.wait(scheduler, remaining);
      }
    }
    return this.take();
  }

  getNowait(): T {
    if (this.qsize() === 0) throw new Empty();
    return this.take();
  }

  qsize(): number {
    return this.items.length - this.head;
  }

  empty(): boolean {
    return this.qsize() === 0;
  }

  private take(): T {
    const item = this.items[this.head] as T;
    this.items[this.head++] = undefined as T;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
}
