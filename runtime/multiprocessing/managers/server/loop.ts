// The server's request loop over every client's lane. Clients ring one shared doorbell word after each request.
//
// While requests keep coming, the loop waits for the next one in Atomics.wait (a futex: the cheapest wake-up
// between two threads), not in the event loop: a round trip then costs one event-loop wake-up (the client's)
// instead of two. Blocking stalls this isolate's event loop, so it is bounded: only while every reply so far
// was sent synchronously (a blocking call, lock acquire or queue get, answers later from a promise or a timer,
// which need the event loop), at most BLOCK_MS per wait, and the loop yields to the event loop at least every
// YIELD_MS (a new client's hello, a message too large for a lane). When requests stop, it waits for the
// doorbell with Atomics.waitAsync, which leaves the event loop free.
import { LanePair } from '../lanes.ts';

/** How long one synchronous wait for the next request may last (real ms). */
const BLOCK_MS = 1;
/** The event loop turns at least this often (real ms) while requests keep coming. */
const YIELD_MS = 2;

// Atomics.waitAsync (ES2024) exists on Node 20+, but the project's lib (ES2023) does not declare it.
type WaitAsync = (ia: Int32Array, index: number, value: number, timeoutMs?: number) =>
  { async: false; value: 'not-equal' | 'timed-out' } | { async: true; value: Promise<'ok' | 'timed-out'> };
const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export interface Client {
  lanes: LanePair;
  handle(request: unknown): void;
}

export class ServerLoop {
  /** The word clients bump (and notify) after each request; sent to them with the welcome. */
  readonly doorbell = new Int32Array(new SharedArrayBuffer(4));
  private readonly clients: Client[] = [];
  /** Replies still to come from a promise (blocking calls): the event loop must run for them. */
  private inFlight = 0;
  private running = false;
  private wakeIdle: (() => void) | null = null;

  add(client: Client): void {
    this.clients.push(client);
    this.poke();
  }

  /** Something arrived through the event loop (a client's message too large for its lane). */
  poke(): void {
    this.wakeIdle?.();
    void this.run();
  }

  /** Counts a reply that a promise will send, until it settles. */
  track(reply: Promise<unknown>): void {
    this.inFlight++;
    void reply.finally(() => {
      this.inFlight--;
    });
  }

  /** Handles every request that is there; true if there was any, or one is still on its way by channel. */
  private drain(): { handled: boolean; waitingForChannel: boolean } {
    let handled = false;
    let waitingForChannel = false;
    for (const client of this.clients) {
      for (let m = client.lanes.next(); m !== undefined; m = client.lanes.next()) {
        client.handle(m.value);
        handled = true;
      }
      if (client.lanes.in.hasMessage()) waitingForChannel = true;
    }
    return { handled, waitingForChannel };
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      let turned = performance.now();
      for (;;) {
        const rung = Atomics.load(this.doorbell, 0);
        const { waitingForChannel } = this.drain();
        const now = performance.now();
        if (waitingForChannel || this.inFlight > 0 || now - turned >= YIELD_MS) {
          await yieldToEventLoop();
          turned = performance.now();
          if (waitingForChannel || this.inFlight === 0) continue;
        }
        if (this.inFlight === 0 && Atomics.wait(this.doorbell, 0, rung, BLOCK_MS) !== 'timed-out') continue;
        await this.idle(rung);
        turned = performance.now();
      }
    } finally {
      this.running = false;
    }
  }

  /** Waits for the doorbell (or poke()) without holding the event loop. */
  private idle(rung: number): Promise<void> {
    return new Promise<void>((resolve) => {
      this.wakeIdle = () => {
        this.wakeIdle = null;
        resolve();
      };
      const result = waitAsync(this.doorbell, 0, rung);
      if (result.async) void result.value.then(() => this.wakeIdle?.());
      else this.wakeIdle();
    });
  }
}
