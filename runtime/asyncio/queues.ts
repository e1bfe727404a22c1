// asyncio.Queue, LifoQueue and PriorityQueue, ported from CPython 3.11's queues.py. Not thread-safe in Python
// either: use them between tasks of one loop (threads use #runtime/queue).
import { WaiterFuture, type Future } from './futures.ts';
import { getRunningLoop } from './context.ts';
import { Event } from './locks.ts';
import { QueueEmpty, QueueFull, ValueError } from './errors.ts';

function removeItem<T>(list: T[], item: T): void {
  const i = list.indexOf(item);
  if (i >= 0) list.splice(i, 1);
}

export class Queue<T = unknown> {
  private readonly _maxsize: number;
  private readonly _getters: Array<Future<void>> = [];
  private readonly _putters: Array<Future<void>> = [];
  private _unfinishedTasks = 0;
  private readonly _finished = new Event();
  protected _items: T[] = [];
  private _head = 0;

  /** maxsize <= 0 means unbounded. */
  constructor(maxsize = 0) {
    if (typeof maxsize !== 'number' || Number.isNaN(maxsize)) throw new TypeError('maxsize must be a number');
    this._maxsize = maxsize;
    this._finished.set();
  }

  // FIFO storage with an advancing head, so get() is O(1). Subclasses override the three methods below.
  protected _size(): number {
    return this._items.length - this._head;
  }
  protected _put(item: T): void {
    this._items.push(item);
  }
  protected _get(): T {
    const item = this._items[this._head] as T;
    this._items[this._head++] = undefined as T;
    if (this._head > 1024 && this._head * 2 > this._items.length) {
      this._items = this._items.slice(this._head);
      this._head = 0;
    }
    return item;
  }

  private _wakeupNext(waiters: Array<Future<void>>): void {
    while (waiters.length > 0) {
      const waiter = waiters.shift()!;
      if (!waiter.done()) {
        waiter.setResult(undefined);
        break;
      }
    }
  }

  qsize(): number {
    return this._size();
  }

  get maxsize(): number {
    return this._maxsize;
  }

  empty(): boolean {
    return this._size() === 0;
  }

  full(): boolean {
    return this._maxsize > 0 && this._size() >= this._maxsize;
  }

  /** Puts an item, waiting while the queue is full. */
  async put(item: T): Promise<void> {
    while (this.full()) {
      const putter = new WaiterFuture<void>(getRunningLoop(), `${this.constructor.name}.put()`);
      this._putters.push(putter);
      try {
        await putter;
      } catch (error) {
        putter.cancel();
        removeItem(this._putters, putter);
        // Woken for a free slot but cancelled: let the next putter have it.
        if (!this.full() && !putter.cancelled()) this._wakeupNext(this._putters);
        throw error;
      }
    }
    this.putNowait(item);
  }

  putNowait(item: T): void {
    if (this.full()) throw new QueueFull();
    this._put(item);
    this._unfinishedTasks++;
    this._finished.clear();
    this._wakeupNext(this._getters);
  }

  /** Removes and returns an item, waiting while the queue is empty. */
  async get(): Promise<T> {
    while (this.empty()) {
      const getter = new WaiterFuture<void>(getRunningLoop(), `${this.constructor.name}.get()`);
      this._getters.push(getter);
      try {
        await getter;
      } catch (error) {
        getter.cancel();
        removeItem(this._getters, getter);
        if (!this.empty() && !getter.cancelled()) this._wakeupNext(this._getters);
        throw error;
      }
    }
    return this.getNowait();
  }

  getNowait(): T {
    if (this.empty()) throw new QueueEmpty();
    const item = this._get();
    this._wakeupNext(this._putters);
    return item;
  }

  /** Marks one item taken with get() as processed (for join()). */
  taskDone(): void {
    if (this._unfinishedTasks <= 0) throw new ValueError('task_done() called too many times');
    this._unfinishedTasks--;
    if (this._unfinishedTasks === 0) this._finished.set();
  }

  /** Waits until every item put has been marked with taskDone(). */
  async join(): Promise<void> {
    if (this._unfinishedTasks > 0) await this._finished.wait();
  }

  toString(): string {
    return `<${this.constructor.name} maxsize=${this._maxsize}>`;
  }
}

/** Last in, first out. */
export class LifoQueue<T = unknown> extends Queue<T> {
  protected override _size(): number {
    return this._items.length;
  }
  protected override _put(item: T): void {
    this._items.push(item);
  }
  protected override _get(): T {
    return this._items.pop() as T;
  }
}

/** Python's ordering for the values people put in priority queues: numbers, strings, and tuples (arrays). */
export function pyCompare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = pyCompare(a[i], b[i]);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  const name = (v: unknown): string => (Array.isArray(v) ? 'tuple' : typeof v === 'object' ? 'dict' : typeof v);
  throw new TypeError(`'<' not supported between instances of '${name(a)}' and '${name(b)}'`);
}

/** Lowest first, by Python's ordering: put [priority, data] pairs. */
export class PriorityQueue<T = unknown> extends Queue<T> {
  protected override _size(): number {
    return this._items.length;
  }
  protected override _put(item: T): void {
    const h = this._items;
    h.push(item);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (pyCompare(h[i], h[p]) >= 0) break;
      [h[i], h[p]] = [h[p] as T, h[i] as T];
      i = p;
    }
  }
  protected override _get(): T {
    const h = this._items;
    const top = h[0] as T;
    const last = h.pop() as T;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && pyCompare(h[l], h[m]) < 0) m = l;
        if (r < h.length && pyCompare(h[r], h[m]) < 0) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m] as T, h[i] as T];
        i = m;
      }
    }
    return top;
  }
}
