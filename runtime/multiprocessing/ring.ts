// A multi-producer, multi-consumer queue of serialized items in shared memory, usable at the same time from
// every process (worker isolate) that holds it. The bytes live in a SharedArrayBuffer ring; a spin lock guards
// the few words of bookkeeping and the copy in or out (a critical section of a memcpy, never a wait). Waiting
// for an item, for room, or for all tasks done happens outside the lock on a sequence word, parked as the mp
// locks park (synchronize/parking.ts): a process's other green threads keep running meanwhile, a waiter whose
// only possible waker is a thread of its own process blocks on the scheduler (under the virtual clock time
// jumps, a timeout is virtual seconds, a wait nobody can end is a reported deadlock), and a wait another
// process may end is outside work.
//
// As in CPython, a process killed while it holds the lock leaves the queue unusable (CPython's docs warn that
// the queue's data "is likely to become corrupted" then).
import { deserialize } from 'node:v8';
import { ReducedBytes, payload, type Encoded } from './encoded.ts';
import { RuntimeError, ValueError } from './errors.ts';
import { loads } from './reduction.ts';
import { canBlockBriefly } from './synchronize/external.ts';
import type { Budget } from './synchronize/budget.ts';
import { markShared, notifyWord, park } from './synchronize/parking.ts';

export { ReducedBytes, encode, isJsonExact, type Encoded } from './encoded.ts';

const LOCK = 0;
const COUNT = 1;
const HEAD = 2;
const TAIL = 3;
const PUT_SEQ = 4;
const GET_SEQ = 5;
const UNFINISHED = 6;
const DONE_SEQ = 7;
const GET_WAITERS = 8;
const PUT_WAITERS = 9;
const MAXSIZE = 10;
const HEADER_INTS = 12;

const SKIP = -1;
const LENGTH_BYTES = 4;
const SPIN_LIMIT = 50_000_000;
const JSON_TAG = 0x4a; // 'J'
const V8_TAG = 0x56; // 'V'
const REDUCED_TAG = 0x52; // 'R': structured-clone bytes holding reduced objects (Manager proxies)

/** The shared state, as sent to another process. */
export interface RingBuffers {
  header: SharedArrayBuffer;
  data: SharedArrayBuffer;
}

export class SharedRing {
  readonly buffers: RingBuffers;
  private readonly h: Int32Array;
  private readonly bytes: Uint8Array;
  private readonly view: DataView;
  /** The same bytes as a Buffer: utf8 write/read straight into/out of shared memory. */
  private readonly buf: Buffer;
  private readonly capacity: number;

  constructor(buffers: RingBuffers) {
    this.buffers = buffers;
    this.h = new Int32Array(buffers.header);
    this.bytes = new Uint8Array(buffers.data);
    this.view = new DataView(buffers.data);
    this.buf = Buffer.from(buffers.data);
    this.capacity = buffers.data.byteLength;
    // Every put/get may involve another process (the queue may be sent at any time): wakes always notify
    // other processes too, and local waits keep listening to them.
    markShared(buffers.header);
  }

  static create(maxsize: number, capacityBytes: number): SharedRing {
    const ring = new SharedRing({
      header: new SharedArrayBuffer(HEADER_INTS * 4),
      data: new SharedArrayBuffer(capacityBytes),
    });
    ring.h[MAXSIZE] = maxsize > 0 ? maxsize : 0;
    return ring;
  }

  get maxsize(): number {
    return this.h[MAXSIZE] as number;
  }

  count(): number {
    return Atomics.load(this.h, COUNT);
  }

  unfinished(): number {
    return Atomics.load(this.h, UNFINISHED);
  }

  // A futex-style mutex (0 free, 1 locked, 2 locked with waiters). Holders only copy bytes, but on a loaded
  // machine the OS may preempt a holder: a child process then sleeps in Atomics.wait instead of spinning
  // through its time slice. The main process never blocks its thread: it keeps spinning (briefly, in practice).
  private lock(): void {
    const h = this.h;
    let c = Atomics.compareExchange(h, LOCK, 0, 1);
    if (c === 0) return;
    const mayBlock = canBlockBriefly();
    for (let spins = 0; ; spins++) {
      if (spins < 100 || !mayBlock) {
        if (Atomics.load(h, LOCK) === 0 && Atomics.compareExchange(h, LOCK, 0, 2) === 0) return;
        if (spins > SPIN_LIMIT) {
          throw new RuntimeError('queue lock never released: a process was killed while using the queue');
        }
        continue;
      }
      if (c === 2 || Atomics.compareExchange(h, LOCK, 1, 2) !== 0) Atomics.wait(h, LOCK, 2, 5);
      c = Atomics.compareExchange(h, LOCK, 0, 2);
      if (c === 0) return;
    }
  }

  private unlock(): void {
    if (Atomics.sub(this.h, LOCK, 1) !== 1) {
      Atomics.store(this.h, LOCK, 0);
      Atomics.notify(this.h, LOCK, 1);
    }
  }

  /** Where a record of `need` bytes fits (under the lock), or -1. May place a wrap marker. */
  private reserve(need: number): number {
    const h = this.h;
    const count = h[COUNT] as number;
    if (count === 0) {
      h[HEAD] = 0;
      h[TAIL] = 0;
    }
    const head = h[HEAD] as number;
    const tail = h[TAIL] as number;
    if (count > 0 && head === tail) return -1;
    if (tail >= head) {
      if (this.capacity - tail >= need) return tail;
      // Wrap around: the record must fit before the oldest one.
      if (head >= need) {
        if (this.capacity - tail >= LENGTH_BYTES) this.view.setInt32(tail, SKIP, true);
        return 0;
      }
      return -1;
    }
    return head - tail >= need ? tail : -1;
  }

  /** Appends an encoded item if there is room (by count and by bytes); false when full. */
  tryPut(item: Encoded, countTask: boolean): boolean {
    const size = 1 + (typeof item === 'string' ? Buffer.byteLength(item) : payload(item).byteLength);
    const need = LENGTH_BYTES + size;
    if (need > this.capacity) {
      throw new ValueError(`item of ${size} bytes does not fit in the queue's ${this.capacity}-byte buffer`);
    }
    this.lock();
    try {
      const maxsize = this.h[MAXSIZE] as number;
      if (maxsize > 0 && (this.h[COUNT] as number) >= maxsize) return false;
      const at = this.reserve(need);
      if (at < 0) return false;
      this.view.setInt32(at, size, true);
      const body = at + LENGTH_BYTES;
      if (typeof item === 'string') {
        this.bytes[body] = JSON_TAG;
        this.buf.write(item, body + 1, 'utf8');
      } else {
        this.bytes[body] = item instanceof ReducedBytes ? REDUCED_TAG : V8_TAG;
        this.bytes.set(payload(item), body + 1);
      }
      this.h[TAIL] = at + need;
      this.h[COUNT] = (this.h[COUNT] as number) + 1;
      if (countTask) this.h[UNFINISHED] = (this.h[UNFINISHED] as number) + 1;
    } finally {
      this.unlock();
    }
    Atomics.add(this.h, PUT_SEQ, 1);
    if (Atomics.load(this.h, GET_WAITERS) > 0) notifyWord(this.h, PUT_SEQ, Infinity);
    return true;
  }

  /** Removes the oldest item (as JSON text or a private copy of its bytes), or null when empty. */
  tryGet(): Encoded | null {
    let out: Encoded;
    this.lock();
    try {
      if ((this.h[COUNT] as number) === 0) return null;
      let head = this.h[HEAD] as number;
      if (this.capacity - head < LENGTH_BYTES) head = 0;
      let size = this.view.getInt32(head, true);
      if (size === SKIP) {
        head = 0;
        size = this.view.getInt32(0, true);
      }
      const body = head + LENGTH_BYTES;
      const tag = this.bytes[body];
      if (tag === JSON_TAG) out = this.buf.toString('utf8', body + 1, body + size);
      else if (tag === REDUCED_TAG) out = new ReducedBytes(this.bytes.slice(body + 1, body + size));
      else out = this.bytes.slice(body + 1, body + size);
      this.h[HEAD] = body + size;
      this.h[COUNT] = (this.h[COUNT] as number) - 1;
    } finally {
      this.unlock();
    }
    Atomics.add(this.h, GET_SEQ, 1);
    if (Atomics.load(this.h, PUT_WAITERS) > 0) notifyWord(this.h, GET_SEQ, Infinity);
    return out;
  }

  /** The sequence word to pass to waitForItem(): read it BEFORE trying, so no put in between is missed. */
  itemSeq(): number {
    return Atomics.load(this.h, PUT_SEQ);
  }

  /** The sequence word to pass to waitForRoom(): read it BEFORE trying, so no get in between is missed. */
  roomSeq(): number {
    return Atomics.load(this.h, GET_SEQ);
  }

  /** Waits until a put happened since `seq` was read (true), or the budget runs out (false). */
  waitForItem(seq: number, budget: Budget, what: string): Promise<boolean> {
    return this.waitOn(PUT_SEQ, GET_WAITERS, seq, budget, what);
  }

  /** Waits until a get happened since `seq` was read (true), or the budget runs out (false). */
  waitForRoom(seq: number, budget: Budget, what: string): Promise<boolean> {
    return this.waitOn(GET_SEQ, PUT_WAITERS, seq, budget, what);
  }

  private async waitOn(seqIndex: number, waitersIndex: number, seq: number, budget: Budget, what: string): Promise<boolean> {
    // Announce the waiter first: a put/get after this sees it and notifies; one before it changed the word.
    Atomics.add(this.h, waitersIndex, 1);
    try {
      return (await park(this.h, seqIndex, seq, budget, { what, trackSite: true })) !== 'timed-out';
    } finally {
      Atomics.sub(this.h, waitersIndex, 1);
    }
  }

  /** JoinableQueue.task_done(). */
  taskDone(): void {
    let allDone: boolean;
    this.lock();
    try {
      const left = this.h[UNFINISHED] as number;
      if (left <= 0) throw new ValueError('task_done() called too many times');
      this.h[UNFINISHED] = left - 1;
      allDone = left === 1;
    } finally {
      this.unlock();
    }
    if (allDone) {
      Atomics.add(this.h, DONE_SEQ, 1);
      notifyWord(this.h, DONE_SEQ, Infinity);
    }
  }

  /** JoinableQueue.join(): waits until every item put has been marked done. */
  async joinTasks(budget: Budget, what: string): Promise<void> {
    for (;;) {
      const seq = Atomics.load(this.h, DONE_SEQ);
      if (this.unfinished() === 0) return;
      await park(this.h, DONE_SEQ, seq, budget, { what, trackSite: true });
    }
  }
}

export function decode(item: Encoded): unknown {
  if (typeof item === 'string') return JSON.parse(item) as unknown;
  if (item instanceof ReducedBytes) return loads({ value: deserialize(item.bytes), reduced: true });
  return deserialize(item);
}

