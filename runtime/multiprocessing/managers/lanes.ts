// A client's two lanes to a manager's server (one per direction, connection-lane.ts), shared by the client
// process and the server isolate. Requests and replies are small plain data: they go through the lanes. A
// client waiting for its reply polls briefly when it can (channels-spin.ts), else parks in its event loop and
// the server posts it a WAKE on the reply channel (cheaper than a waitAsync notify, see connection-lane.ts).
// The server waits for requests on a doorbell word (server/loop.ts). A message too large for a lane goes
// through the client's BroadcastChannel, numbered, and is taken in its turn. Free of runtime imports (the
// server's bundle uses it too).
import { deserialize } from 'node:v8';
import { Lane } from '../connection-lane.ts';
import { encode } from '../encoded.ts';
import { spinWhileEqual } from '../channels-spin.ts';

/** A message that took the channel: its number among all the messages sent that way. */
export interface Numbered {
  seq: number;
  value: unknown;
}

export function isNumbered(data: unknown): data is Numbered {
  return typeof data === 'object' && data !== null && typeof (data as Numbered).seq === 'number' && 'value' in data;
}

// Atomics.waitAsync (ES2024) exists on Node 20+, but the project's lib (ES2023) does not declare it.
type WaitAsync = (ia: Int32Array, index: number, value: number, timeoutMs?: number) =>
  { async: false; value: 'not-equal' | 'timed-out' } | { async: true; value: Promise<'ok' | 'timed-out'> };
const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;

/** The server's doorbell words: how many requests were rung, and how many waits the server has pending on it. */
const RINGS = 0;
const DOORBELL_PARKED = 1;

export function newDoorbell(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(8));
}

/** A client tells the server a request is there; only a parked server needs the (costly) notify. */
export function ring(doorbell: Int32Array): void {
  Atomics.add(doorbell, RINGS, 1);
  if (Atomics.load(doorbell, DOORBELL_PARKED) !== 0) Atomics.notify(doorbell, RINGS);
}

/** The rings so far: read it BEFORE looking at the lanes, then wait while it is unchanged. */
export function rings(doorbell: Int32Array): number {
  return Atomics.load(doorbell, RINGS);
}

/** Waits (blocking, in the server's isolate) up to `ms` for a ring after `seen`; 'timed-out' if none came. */
export function waitForRing(doorbell: Int32Array, seen: number, ms: number): 'ok' | 'not-equal' | 'timed-out' {
  if (spinWhileEqual(doorbell, RINGS, seen)) return 'not-equal';
  Atomics.add(doorbell, DOORBELL_PARKED, 1);
  try {
    return Atomics.wait(doorbell, RINGS, seen, ms);
  } finally {
    Atomics.sub(doorbell, DOORBELL_PARKED, 1);
  }
}

/** Resolves on a ring after `seen` without holding the event loop; `interrupt` ends it sooner. */
export function waitForRingAsync(doorbell: Int32Array, seen: number, settled: () => void): void {
  Atomics.add(doorbell, DOORBELL_PARKED, 1);
  const result = waitAsync(doorbell, RINGS, seen);
  if (result.async) {
    void result.value.then(() => {
      Atomics.sub(doorbell, DOORBELL_PARKED, 1);
      settled();
    });
  } else {
    Atomics.sub(doorbell, DOORBELL_PARKED, 1);
    settled();
  }
}

/** What a lane's writer posts on the channel to wake a reader parked there (lanes.ts wait()). */
export const WAKE = 'wake';

export class LanePair {
  readonly out: Lane;
  readonly in: Lane;
  private readonly fallback: (message: Numbered) => void;
  /** Messages that came through the channel, by number, until their turn. */
  private readonly stash = new Map<number, unknown>();
  private arrived: (() => void) | null = null;

  constructor(out: Lane, incoming: Lane, fallback: (message: Numbered) => void) {
    this.out = out;
    this.in = incoming;
    this.fallback = fallback;
  }

  /** Sends `value`; true when the reader waits for a wake-up message on the channel (the caller posts WAKE). */
  send(value: unknown): boolean {
    const seq = this.out.nextToSend();
    if (!this.out.tryWrite(seq, encode(value))) this.fallback({ seq, value });
    return this.out.announceSent();
  }

  /** A message that came through the channel. */
  receiveFallback(message: Numbered): void {
    this.stash.set(message.seq, message.value);
    this.arrived?.();
  }

  /** The next message in order, or undefined when it is not here yet. */
  next(): { value: unknown } | undefined {
    if (!this.in.hasMessage()) return undefined;
    const seq = this.in.nextToTake();
    if (this.in.oldestSeq() === seq) {
      const item = this.in.takeFromLane();
      return { value: typeof item === 'string' ? (JSON.parse(item) as unknown) : deserialize(item as Uint8Array) };
    }
    if (!this.stash.has(seq)) return undefined; // its channel message is on its way
    const value = this.stash.get(seq);
    this.stash.delete(seq);
    this.in.countTaken();
    return { value };
  }

  /** The events word to pass to wait(): read it BEFORE looking with next(), so no send in between is missed. */
  seen(): number {
    return this.in.events();
  }

  /** Ends the current wait() now. */
  interrupt(): void {
    this.arrived?.();
  }

  /**
   * Polls for up to ~100 us for the other side's next send, when the machine has CPUs to spare (channels-spin.ts):
   * true if it came. The caller makes sure nothing else in its process could run meanwhile.
   */
  spin(seen: number): boolean {
    return spinWhileEqual(this.in.words, this.in.eventsIndex, seen);
  }

  /**
   * Resolves when the other side sent something since `seen` (its WAKE message, or one through the channel
   * arrived: call interrupt()). The reader counts itself parked on the channel first, then looks once more.
   */
  wait(seen: number): Promise<void> {
    const lane = this.in;
    lane.parkedOnChannel();
    if (lane.events() !== seen) {
      lane.unparkedOnChannel();
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      this.arrived = () => {
        this.arrived = null;
        lane.unparkedOnChannel();
        resolve();
      };
    });
  }
}
