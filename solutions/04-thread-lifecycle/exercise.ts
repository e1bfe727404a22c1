// Exercise 04 — reference solution: a Thread that records its life cycle and lets others wait for a state
// with Events (one per state) instead of polling.
import { Event, Thread, ValueError, currentThread, type ThreadOptions } from '#runtime/threading';
import { sleep } from '#runtime/time';

const STATES = ['created', 'ready', 'running', 'blocked', 'dead'] as const;
export type LifeState = (typeof STATES)[number];

export class TrackedThread extends Thread {
  readonly #history: LifeState[] = [];
  /** One Event per state, set the first time the thread reaches it: waiting on it is waiting for the state. */
  readonly #reached = new Map<LifeState, Event>(STATES.map((s) => [s, new Event()]));

  constructor(options: ThreadOptions = {}) {
    super(options);
    this.#enter('created');
  }

  get state(): LifeState {
    return this.#history[this.#history.length - 1] ?? 'created';
  }

  get history(): readonly LifeState[] {
    return [...this.#history];
  }

  /**
   * created -> ready. super.start() first: if it throws (a second start) nothing changes. The new thread cannot
   * run before we mark it ready: it only runs once this thread next waits on the runtime.
   */
  override start(): void {
    super.start();
    this.#enter('ready');
  }

  /** Runs in the new thread: ready -> running, then the target, then dead — also when the target throws. */
  override async run(): Promise<void> {
    this.#enter('running');
    try {
      await super.run(); // Thread.run calls target(...args)
    } finally {
      this.#enter('dead');
    }
  }

  /** Waits, without polling, until the thread has gone through `state`; false if `timeout` runs out first. */
  waitForState(state: LifeState, timeout: number | null = null): Promise<boolean> {
    const reached = this.#reached.get(state);
    if (reached === undefined) {
      throw new TypeError(`unknown state ${JSON.stringify(state)}: use one of ${STATES.join(', ')}`);
    }
    return reached.wait(timeout); // Event.wait: returns at once if already set; a timeout <= 0 only looks
  }

  /** running -> blocked while `wait` is pending -> running. Used by blockedSleep and blockedWait. */
  async blockWhile<T>(wait: () => Promise<T>): Promise<T> {
    this.#enter('blocked');
    try {
      return await wait();
    } finally {
      this.#enter('running');
    }
  }

  #enter(state: LifeState): void {
    this.#history.push(state);
    this.#reached.get(state)?.set(); // wakes every thread waiting for this state
  }
}

/** The calling thread, if it is tracked. */
function trackedSelf(): TrackedThread | null {
  const me = currentThread();
  return me instanceof TrackedThread ? me : null;
}

/** sleep(seconds), marking the calling TrackedThread blocked meanwhile. */
export async function blockedSleep(seconds: number): Promise<void> {
  if (seconds < 0) throw new ValueError('sleep length must be non-negative'); // before touching the state
  const me = trackedSelf();
  if (me === null) return sleep(seconds);
  await me.blockWhile(() => sleep(seconds));
}

/** event.wait(timeout), marking the calling TrackedThread blocked while it really waits. */
export async function blockedWait(event: Event, timeout: number | null = null): Promise<boolean> {
  const me = trackedSelf();
  if (me === null || event.isSet()) return event.wait(timeout);
  return me.blockWhile(() => event.wait(timeout));
}
