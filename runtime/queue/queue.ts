// queue.Queue: a FIFO queue shared by threads, as CPython's queue.py builds it (a mutex and three conditions),
// with put/get/join as Promises. Blocked calls park on the scheduler, wake in FIFO order, re-check their
// condition like CPython's `while` loops, and show in deadlock reports as "Queue.get()" and so on.
// Subclasses change the order by overriding the storage hooks _init/_qsize/_put/_get, as in Python.
// put/get/join start with a preemption point (where CPython takes the queue's mutex) so exploring strategies
// can switch there; it is awaited only when it exists, so under FIFO a blocking call parks synchronously and
// the deadlock report sees the caller's line.
import { currentScheduler } from '../core/index.ts';
import { ValueError, typeName } from '../python/index.ts';
import { blockingCall, checkTimeout, type BlockingOptions } from './arguments.ts';
import { Empty, Full } from './errors.ts';
import { WaitList } from './waiters.ts';

export class Queue<T = unknown> {
  /** At most this many items (0 or less: unbounded). */
  readonly maxsize: number;
  private unfinished = 0;
  private readonly notEmpty: WaitList;
  private readonly notFull: WaitList;
  private readonly allTasksDone: WaitList;
  // FIFO storage: items[head..] are queued (a deque without shifting the array on every get).
  private items: T[] = [];
  private head = 0;

  constructor(maxsize = 0) {
    if (typeof maxsize !== 'number') {
      throw new TypeError(`'>' not supported between instances of '${typeName(maxsize)}' and 'int'`);
    }
    this.maxsize = maxsize;
    const kind = new.target.name;
    this.notEmpty = new WaitList(`${kind}.get()`);
    this.notFull = new WaitList(`${kind}.put()`);
    this.allTasksDone = new WaitList(`${kind}.join()`);
    this._init(maxsize);
  }

  /** Items put and not yet marked done with taskDone(). */
  get unfinishedTasks(): number {
    return this.unfinished;
  }

  /** Puts an item, waiting for a free slot when the queue is bounded and full. */
  async put(item: T, block?: boolean | BlockingOptions, timeout?: number | null): Promise<void> {
    const call = blockingCall(block, timeout);
    const scheduler = currentScheduler();
    const point = scheduler.preemptionPoint();
    if (point !== undefined) await point;
    if (this.maxsize > 0) {
      if (!call.block) {
        if (this._qsize() >= this.maxsize) throw new Full();
      } else if (call.timeout === null) {
        while (this._qsize() >= this.maxsize) await this.notFull.wait(scheduler, null);
      } else {
        checkTimeout(call.timeout);
        const end = scheduler.now() + call.timeout;
        while (this._qsize() >= this.maxsize) {
          const remaining = end - scheduler.now();
          if (remaining <= 0) throw new Full();
          await this.notFull.wait(scheduler, remaining);
        }
      }
    }
    this.store(item);
  }

  /** Removes and returns the oldest item, waiting for one when the queue is empty. */
  async get(block?: boolean | BlockingOptions, timeout?: number | null): Promise<T> {
    const call = blockingCall(block, timeout);
    const scheduler = currentScheduler();
    const point = scheduler.preemptionPoint();
    if (point !== undefined) await point;
    if (!call.block) {
      if (this._qsize() === 0) throw new Empty();
    } else if (call.timeout === null) {
      while (this._qsize() === 0) await this.notEmpty.wait(scheduler, null);
    } else {
      checkTimeout(call.timeout);
      const end = scheduler.now() + call.timeout;
      while (this._qsize() === 0) {
        const remaining = end - scheduler.now();
        if (remaining <= 0) throw new Empty();
        await this.notEmpty.wait(scheduler, remaining);
      }
    }
    return this.take();
  }

  /** put(item, false), without waiting for a turn: raises Full at once when there is no room. */
  putNowait(item: T): void {
    if (this.maxsize > 0 && this._qsize() >= this.maxsize) throw new Full();
    this.store(item);
  }

  /** get(false), without waiting for a turn: raises Empty at once when there is nothing to take. */
  getNowait(): T {
    if (this._qsize() === 0) throw new Empty();
    return this.take();
  }

  /** Marks one item taken with get() as processed; join() returns when every put item is. */
  taskDone(): void {
    const unfinished = this.unfinished - 1;
    if (unfinished <= 0) {
      if (unfinished < 0) throw new ValueError('task_done() called too many times');
      this.allTasksDone.notifyAll();
    }
    this.unfinished = unfinished;
  }

  /** Waits until every item put has been marked done with taskDone(). */
  async join(): Promise<void> {
    const scheduler = currentScheduler();
    const point = scheduler.preemptionPoint();
    if (point !== undefined) await point;
    while (this.unfinished > 0) await this.allTasksDone.wait(scheduler, null);
  }

  /** Approximate size (another thread may change it right after). */
  qsize(): number {
    return this._qsize();
  }

  empty(): boolean {
    return this._qsize() === 0;
  }

  full(): boolean {
    return this.maxsize > 0 && this.maxsize <= this._qsize();
  }

  private store(item: T): void {
    this._put(item);
    this.unfinished++;
    this.notEmpty.notify();
  }

  private take(): T {
    const item = this._get();
    this.notFull.notify();
    return item;
  }

  // ---- storage hooks (override to change the order, as Python's LifoQueue and PriorityQueue do) ----

  protected _init(_maxsize: number): void {
    this.items = [];
    this.head = 0;
  }

  protected _qsize(): number {
    return this.items.length - this.head;
  }

  protected _put(item: T): void {
    this.items.push(item);
  }

  protected _get(): T {
    const item = this.items[this.head] as T;
    this.items[this.head++] = undefined as T;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
}
