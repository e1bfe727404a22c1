// One direction of a Pipe in shared memory: a single-producer, single-consumer ring of serialized messages
// (a SharedArrayBuffer), with the words a reader waits on. A Connection end lives in one process at a time (it
// moves when sent), so each lane has one writer and one reader: no lock, only ordered stores of positions.
//
// Every message has a number (SENT counts them). A message goes through the lane when it is small and fits;
// otherwise (a MessagePort to transfer, a large value, a full lane) it goes through the Pipe's MessagePort
// tagged with its number. The reader takes message TAKEN from the lane if the lane's oldest record carries
// that number, else from the port: each path keeps its own order, so the numbers give back the sender's order.
// The counters live in shared memory, so an end that moves to another process goes on where it was.
import { ReducedBytes, payload, type Encoded } from './encoded.ts';

/** Bytes written (a position that only grows; it wraps as an int32, read modulo the power-of-two capacity). */
const WRITE = 0;
/** Bytes read. */
const READ = 1;
/** Messages sent, through either path. */
const SENT = 2;
/** Messages received. */
const TAKEN = 3;
/** Bumped on every send and on close: the word a waiting reader sleeps on. */
const EVENTS = 4;
/** The writing end was closed. */
const WRITER_CLOSED = 5;
/** The reading end was closed. */
const READER_CLOSED = 6;
/**
 * How many waits (Atomics.wait or waitAsync) the reader has pending on EVENTS. A sender notifies only when it is
 * not 0: a notify that wakes another thread costs the sender microseconds (V8 takes a global mutex; for a
 * waitAsync waiter it posts a task to the other event loop), and a reader that is polling needs none. The reader
 * counts itself in before it waits on EVENTS and the sender bumps EVENTS before it reads this word (both
 * sequentially consistent), so either the reader's wait sees the new EVENTS or the sender sees the reader.
 */
const PARKED = 7;
/**
 * How many readers wait in their event loop for a message on the side channel (the Pipe's MessagePort, the
 * Manager's BroadcastChannel) rather than in Atomics.waitAsync: measured on Node 26, a channel message wakes an
 * event loop ~6 us sooner than a waitAsync notify does. announceSent() tells the sender to post that wake-up.
 * Same ordering argument as PARKED.
 */
const CHANNEL_PARKED = 8;
/**
 * 1 once a sender posted a wake-up for the readers parked on the channel now; a reader clears it as it parks.
 * One message wakes every reader of the end, so a burst of sends to a reader that is slow to wake posts one.
 */
const WAKE_POSTED = 9;
const HEADER_INTS = 16;

/** A record: its size (tag + payload; -1 marks the unused end of the ring), its message number, tag, payload. */
const RECORD_HEADER = 8;
const SKIP = -1;
const JSON_TAG = 0x4a; // 'J'
const V8_TAG = 0x56; // 'V'
const REDUCED_TAG = 0x52; // 'R'

/** Each direction's bytes, as a pipe buffer (CPython's pipe holds 64 KiB before send() blocks). */
export const LANE_BYTES = 64 * 1024;
/** Larger messages take the port: the lane stays free for the small ones a request/response exchange sends. */
export const LANE_MESSAGE_LIMIT = LANE_BYTES / 4;

export interface LaneBuffers {
  header: SharedArrayBuffer;
  data: SharedArrayBuffer;
}

export class Lane {
  readonly buffers: LaneBuffers;
  /** The header words; `words[eventsIndex]` is what a reader waits on. */
  readonly words: Int32Array;
  readonly eventsIndex = EVENTS;
  private readonly bytes: Uint8Array;
  private readonly view: DataView;
  private readonly buf: Buffer;
  private readonly mask: number;

  constructor(buffers: LaneBuffers) {
    this.buffers = buffers;
    this.words = new Int32Array(buffers.header);
    this.bytes = new Uint8Array(buffers.data);
    this.view = new DataView(buffers.data);
    this.buf = Buffer.from(buffers.data);
    this.mask = buffers.data.byteLength - 1;
  }

  static create(capacity = LANE_BYTES): Lane {
    if (capacity < 64 || (capacity & (capacity - 1)) !== 0) throw new RangeError('lane capacity must be a power of two');
    return new Lane({ header: new SharedArrayBuffer(HEADER_INTS * 4), data: new SharedArrayBuffer(capacity) });
  }

  /** The number the next message sent will carry. */
  nextToSend(): number {
    return Atomics.load(this.words, SENT);
  }

  /** The number of the next message to receive. */
  nextToTake(): number {
    return Atomics.load(this.words, TAKEN);
  }

  /** True if a message was sent and not yet received. */
  hasMessage(): boolean {
    return Atomics.load(this.words, SENT) !== Atomics.load(this.words, TAKEN);
  }

  /**
   * Writes message `seq` into the lane if it fits; false otherwise (the caller sends it through the port).
   * The reader sees it only after announceSent().
   */
  tryWrite(seq: number, item: Encoded): boolean {
    const size = 1 + (typeof item === 'string' ? Buffer.byteLength(item) : payload(item).byteLength);
    if (size > LANE_MESSAGE_LIMIT) return false;
    const need = (RECORD_HEADER + size + 3) & ~3; // 4-aligned: a gap at the end always fits the SKIP word
    const capacity = this.mask + 1;
    const write = Atomics.load(this.words, WRITE);
    const read = Atomics.load(this.words, READ);
    let at = write & this.mask;
    const toEnd = capacity - at;
    let advance = need;
    if (toEnd < need) {
      // Not contiguous: skip the end of the ring and start at 0.
      advance = toEnd + need;
      if (((write - read) | 0) + advance > capacity) return false;
      this.view.setInt32(at, SKIP, true);
      at = 0;
    } else if (((write - read) | 0) + need > capacity) {
      return false;
    }
    this.view.setInt32(at, size, true);
    this.view.setInt32(at + 4, seq, true);
    const body = at + RECORD_HEADER;
    if (typeof item === 'string') {
      this.bytes[body] = JSON_TAG;
      this.buf.write(item, body + 1, 'utf8');
    } else {
      this.bytes[body] = item instanceof ReducedBytes ? REDUCED_TAG : V8_TAG;
      this.bytes.set(payload(item), body + 1);
    }
    Atomics.store(this.words, WRITE, (write + advance) | 0);
    return true;
  }

  /**
   * Counts one more message sent (through either path) and wakes a reader parked on the events word. True when
   * a reader waits for a wake-up through the side channel: the caller then posts one.
   */
  announceSent(): boolean {
    Atomics.add(this.words, SENT, 1);
    this.bump();
    return Atomics.load(this.words, CHANNEL_PARKED) !== 0 && Atomics.exchange(this.words, WAKE_POSTED, 1) === 0;
  }

  /** The number carried by the lane's oldest record, or -1 when the lane holds none. */
  oldestSeq(): number {
    const read = Atomics.load(this.words, READ);
    if (read === Atomics.load(this.words, WRITE)) return -1;
    let at = read & this.mask;
    if (this.view.getInt32(at, true) === SKIP) at = 0;
    return this.view.getInt32(at + 4, true);
  }

  /** Removes the oldest record (the caller checked oldestSeq()) and counts the message received. */
  takeFromLane(): Encoded {
    let read = Atomics.load(this.words, READ);
    let at = read & this.mask;
    let size = this.view.getInt32(at, true);
    if (size === SKIP) {
      read = (read + (this.mask + 1 - at)) | 0;
      at = 0;
      size = this.view.getInt32(0, true);
    }
    const body = at + RECORD_HEADER;
    const tag = this.bytes[body];
    let out: Encoded;
    if (tag === JSON_TAG) out = this.buf.toString('utf8', body + 1, body + size);
    else if (tag === REDUCED_TAG) out = new ReducedBytes(this.bytes.slice(body + 1, body + size));
    else out = this.bytes.slice(body + 1, body + size);
    Atomics.store(this.words, READ, (read + ((RECORD_HEADER + size + 3) & ~3)) | 0);
    this.countTaken();
    return out;
  }

  /** Counts one message received (one that came through the port). */
  countTaken(): void {
    Atomics.add(this.words, TAKEN, 1);
  }

  /** The value of the word a reader waits on: read it BEFORE looking, so no send in between is missed. */
  events(): number {
    return Atomics.load(this.words, EVENTS);
  }

  writerClosed(): boolean {
    return Atomics.load(this.words, WRITER_CLOSED) !== 0;
  }

  readerClosed(): boolean {
    return Atomics.load(this.words, READER_CLOSED) !== 0;
  }

  closeWriter(): void {
    Atomics.store(this.words, WRITER_CLOSED, 1);
    this.bump();
  }

  closeReader(): void {
    Atomics.store(this.words, READER_CLOSED, 1);
  }

  /** The reader is about to wait on the events word (before its Atomics.wait or waitAsync). */
  parked(): void {
    Atomics.add(this.words, PARKED, 1);
  }

  /** That wait has returned or settled. */
  unparked(): void {
    Atomics.sub(this.words, PARKED, 1);
  }

  /** The reader is about to wait for a channel message (announceSent() then asks the sender to post one). */
  parkedOnChannel(): void {
    Atomics.store(this.words, WAKE_POSTED, 0);
    Atomics.add(this.words, CHANNEL_PARKED, 1);
  }

  /** That wait has ended. */
  unparkedOnChannel(): void {
    Atomics.sub(this.words, CHANNEL_PARKED, 1);
  }

  private bump(): void {
    Atomics.add(this.words, EVENTS, 1);
    if (Atomics.load(this.words, PARKED) !== 0) Atomics.notify(this.words, EVENTS);
  }
}
