// multiprocessing.Queue, JoinableQueue and SimpleQueue: one queue shared by every process holding it (pass it to
// a child through Process or Pool args), multi-producer and multi-consumer, items copied (Python pickles them;
// here the structured clone format, so Maps, Dates, typed arrays... survive, class instances arrive as plain
// objects). A wait that only threads of this process can end (no other process holds the queue) runs on the
// scheduler's clock, like queue.Queue's: virtual seconds inside simulate(); a wait another process may end
// counts real seconds (synchronize/budget.ts).
//
// Differences from CPython, and why:
// - No feeder thread: put() copies the item into shared memory at once, so an item put before a process exits
//   is never lost and joinThread()/cancelJoinThread() have nothing to do.
// - An "unbounded" queue (maxsize 0) still has a byte budget (`bufferBytes`, 16 MiB by default): put() waits
//   for room when that much is queued, as a bounded queue waits when full.
// - CPython refuses locks, Value/Array and queues on a queue ("... objects should only be shared between
//   processes through inheritance"), from its feeder thread: it prints the traceback and drops the item while
//   put() returns. Here put() raises that RuntimeError itself. Manager proxies travel, as in CPython (they are
//   rebuilt from their manager's name). A Connection cannot: its MessagePort must be transferred, which the
//   shared-memory ring cannot do (CPython allows it); send it through a Pipe or pass it as a Process argument.
import { AssertionError, Empty, Full, ValueError } from './errors.ts';
import { dumps, registerReducer } from './reduction.ts';
import { serialize } from 'node:v8';
import { ReducedBytes, SharedRing, decode, encode, isJsonExact, type Encoded, type RingBuffers } from './ring.ts';
import { Budget } from './synchronize/budget.ts';

const DEFAULT_BUFFER_BYTES = 16 * 1024 * 1024;

export interface QueueOptions {
  /** Bytes of shared memory for queued items (default 16 MiB). */
  bufferBytes?: number;
}

/**
 * Checks a timeout and returns it in seconds (null: forever). A negative timeout counts as 0 (CPython's
 * multiprocessing.Queue computes a deadline already passed: get() raises Empty at once unless an item is
 * there, put() succeeds when there is room), unlike queue.Queue, which raises ValueError.
 */
function checkTimeout(timeout: number | null): number | null {
  if (timeout !== null && (typeof timeout !== 'number' || Number.isNaN(timeout))) {
    throw new TypeError(`timeout must be a number of seconds or null, not ${typeof timeout}`);
  }
  return timeout === null ? null : Math.max(0, timeout);
}

function toBytes(obj: unknown): Encoded {
  // Plain JSON-like data (the common case) needs neither the reducer walk nor the structured clone format.
  if (isJsonExact(obj)) return JSON.stringify(obj);
  // Refuses what CPython refuses (RuntimeError) and what needs a port transfer, before reducing anything.
  const { pickled } = dumps(obj, { spawning: false, portless: 'a Queue' });
  try {
    return pickled.reduced ? new ReducedBytes(serialize(pickled.value)) : encode(pickled.value);
  } catch (error) {
    throw new TypeError(`cannot put this object into a Queue: ${(error as Error).message}`, { cause: error });
  }
}

function fromBytes<T>(bytes: Encoded): T {
  return decode(bytes) as T;
}

export class Queue<T = unknown> {
  /** @internal */
  readonly _ring: SharedRing;
  private _closed = false;

  constructor(maxsize = 0, options: QueueOptions = {}) {
    if (typeof maxsize !== 'number' || !Number.isInteger(maxsize)) {
      throw new TypeError(`'${typeof maxsize}' object cannot be interpreted as an integer`);
    }
    this._ring = SharedRing.create(maxsize, options.bufferBytes ?? DEFAULT_BUFFER_BYTES);
  }

  /** @internal Rebuilds a queue received from another process. */
  static _fromBuffers<Q extends Queue<unknown>>(this: new (maxsize?: number) => Q, buffers: RingBuffers): Q {
    const queue = Object.create(this.prototype as object) as Q;
    Object.assign(queue, { _ring: new SharedRing(buffers), _closed: false });
    return queue;
  }

  protected _checkClosed(): void {
    if (this._closed) throw new ValueError(`Queue ${String(this)} is closed`);
  }

  protected get _countsTasks(): boolean {
    return false;
  }

  /** Puts a copy of `obj`; with block (default) waits for room, up to `timeout` seconds, else raises Full. */
  async put(obj: T, block = true, timeout: number | null = null): Promise<void> {
    this._checkClosed();
    const wait = checkTimeout(timeout);
    const bytes = toBytes(obj);
    const budget = block ? new Budget(wait) : null;
    for (;;) {
      const seq = this._ring.roomSeq();
      if (this._ring.tryPut(bytes, this._countsTasks)) return;
      if (budget === null) throw new Full();
      if (!(await this._ring.waitForRoom(seq, budget, 'Queue.put()'))) {
        if (this._ring.tryPut(bytes, this._countsTasks)) return;
        throw new Full();
      }
    }
  }

  /** Takes the oldest item; with block (default) waits for one, up to `timeout` seconds, else raises Empty. */
  async get(block = true, timeout: number | null = null): Promise<T> {
    this._checkClosed();
    const wait = checkTimeout(timeout);
    const budget = block ? new Budget(wait) : null;
    for (;;) {
      const seq = this._ring.itemSeq();
      const bytes = this._ring.tryGet();
      if (bytes !== null) return fromBytes<T>(bytes);
      if (budget === null) throw new Empty();
      if (!(await this._ring.waitForItem(seq, budget, 'Queue.get()'))) {
        const last = this._ring.tryGet();
        if (last !== null) return fromBytes<T>(last);
        throw new Empty();
      }
    }
  }

  /** put(obj, false): never waits. */
  putNowait(obj: T): void {
    this._checkClosed();
    if (!this._ring.tryPut(toBytes(obj), this._countsTasks)) throw new Full();
  }

  /** get(false): never waits. */
  getNowait(): T {
    this._checkClosed();
    const bytes = this._ring.tryGet();
    if (bytes === null) throw new Empty();
    return fromBytes<T>(bytes);
  }

  /** Items queued now (exact: the count lives in shared memory, unlike CPython's approximate qsize()). */
  qsize(): number {
    return this._ring.count();
  }

  empty(): boolean {
    return this._ring.count() === 0;
  }

  full(): boolean {
    const maxsize = this._ring.maxsize;
    return maxsize > 0 && this._ring.count() >= maxsize;
  }

  /** This process will use the queue no more: later put()/get() here raise ValueError. */
  close(): void {
    this._closed = true;
  }

  /** CPython waits for its feeder thread here; puts are immediate in this runtime, so only the check remains. */
  async joinThread(): Promise<void> {
    if (!this._closed) throw new AssertionError(`Queue ${String(this)} not closed`);
  }

  cancelJoinThread(): void {}

  toString(): string {
    return `<${this.constructor.name} object>`;
  }
}

/** A Queue that counts unfinished tasks: every put() must be matched by a taskDone(); join() waits for zero. */
export class JoinableQueue<T = unknown> extends Queue<T> {
  protected override get _countsTasks(): boolean {
    return true;
  }

  taskDone(): void {
    this._ring.taskDone();
  }

  /** Waits until every item ever put has been marked done with taskDone(). */
  async join(): Promise<void> {
    await this._ring.joinTasks(new Budget(null), 'JoinableQueue.join()');
  }
}

/** CPython's SimpleQueue: unbounded, with only get/put/empty/close. */
export class SimpleQueue<T = unknown> {
  private readonly _queue: Queue<T>;

  constructor(options: QueueOptions = {}) {
    this._queue = new Queue<T>(0, options);
  }

  async put(obj: T): Promise<void> {
    await this._queue.put(obj);
  }

  async get(): Promise<T> {
    return this._queue.get();
  }

  empty(): boolean {
    return this._queue.empty();
  }

  close(): void {
    this._queue.close();
  }

  /** @internal */
  _buffers(): RingBuffers {
    return this._queue._ring.buffers;
  }

  /** @internal */
  static _fromBuffers<T>(buffers: RingBuffers): SimpleQueue<T> {
    const simple = Object.create(SimpleQueue.prototype as object) as SimpleQueue<T>;
    Object.assign(simple, { _queue: Queue._fromBuffers(buffers) });
    return simple;
  }
}

registerReducer<Queue>({
  tag: 'mp.Queue',
  type: Queue,
  inheritanceOnly: () => 'Queue',
  reduce: (q) => ({ data: q._ring.buffers }),
  rebuild: (data) => Queue._fromBuffers(data as RingBuffers),
});

registerReducer<JoinableQueue>({
  tag: 'mp.JoinableQueue',
  type: JoinableQueue,
  inheritanceOnly: () => 'JoinableQueue',
  reduce: (q) => ({ data: q._ring.buffers }),
  rebuild: (data) => JoinableQueue._fromBuffers(data as RingBuffers),
});

registerReducer<SimpleQueue>({
  tag: 'mp.SimpleQueue',
  type: SimpleQueue,
  inheritanceOnly: () => 'SimpleQueue',
  reduce: (q) => ({ data: q._buffers() }),
  rebuild: (data) => SimpleQueue._fromBuffers(data as RingBuffers),
});
