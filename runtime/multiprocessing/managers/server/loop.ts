// The server's request loop over every client's lane. Clients ring one shared doorbell word after each request.
//
// While requests keep coming, the loop waits for the next one in Atomics.wait (a futex: the cheapest wake-up
// between two threads), not in the event loop: a round trip then costs one event-loop wake-up (the client's)
// instead of two. Blocking stalls this isolate's event loop, so it is bounded: only while every reply so far
// was sent synchronously (a blocking call, lock acquire or queue get, answers later from a promise or a timer,
// which need the event loop), at most BLOCK_MS per wait, and the loop yields to the event loop at least every
// YIELD_MS (a new client's hello, a message too large for a lane). When the machine has CPUs to spare, the
// wait starts with a short spin (channels-spin.ts): a client that calls again at once then costs no wake-up at
// all, and its ring no notify (clients notify only a parked server). When requests stop, it waits for the
// doorbell with Atomics.waitAsync, which leaves the event loop free.
import { LanePair, newDoorbell, rings, waitForRing, waitForRingAsync } from '../lanes.ts';

/** How long one synchronous wait for the next request may last (real ms). */
const BLOCK_MS = 1;
/** The event loop turns at least this often (real ms) while requests keep coming. */
const YIELD_MS = 2;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export interface Client {
  lanes: LanePair;
  handle(request: unknown): void;
}

export class ServerLoop {
  /** The words clients ring after each request (lanes.ts); sent to them with the welcome. */
  readonly doorbell = newDoorbell();
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
    // then(done, done), not finally(): finally() would rethrow a refused call's error as an unhandled
    // rejection, which ends the server's isolate.
    const done = (): void => {
      this.inFlight--;
    };
    reply.then(done, done);
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
        const rung = rings(this.doorbell);
        const { waitingForChannel } = this.drain();
        const now = performance.now();
        if (waitingForChannel || this.inFlight > 0 || now - turned >= YIELD_MS) {
          await yieldToEventLoop();
          turned = performance.now();
          if (waitingForChannel || this.inFlight === 0) continue;
        }
        if (this.inFlight === 0 && waitForRing(this.doorbell, rung, BLOCK_MS) !== 'timed-out') continue;
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
      waitForRingAsync(this.doorbell, rung, () => this.wakeIdle?.());
    });
  }
}
