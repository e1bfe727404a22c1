// Course material for exercise 18 (do not edit): a blocking OCR library, an async storage and a heartbeat, on
// the virtual clock. CPython's event loop runs on one thread, so a blocking call made from a coroutine freezes
// every task; the course runtime only blocks the calling task, so this library models the freeze itself: while
// a scan holds the event loop's thread, the storage and the heartbeat below cannot move either (as in Python).
import { createTask, getRunningLoop, sleep, type Task } from '#runtime/asyncio';
import { currentThread } from '#runtime/threading';
import { monotonic, sleep as blockingSleep } from '#runtime/time';

/** Seconds one scan holds the thread that calls it. */
export const SCAN_SECONDS = 0.8;
/** Seconds storing a scanned receipt takes (asynchronous: it awaits, other tasks run meanwhile). */
export const STORE_SECONDS = 0.5;

const r6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/** Until when the event loop's thread is held by a blocking call (one record per simulation's loop). */
const frozen = new WeakMap<object, { until: number }>();

function loopThreadFreeze(): { until: number } | null {
  let loop: object;
  try {
    loop = getRunningLoop();
  } catch {
    return null; // not on the event loop's thread: a worker thread (toThread, runInExecutor)
  }
  let record = frozen.get(loop);
  if (record === undefined) frozen.set(loop, (record = { until: 0 }));
  return record;
}

/** Awaited by the asynchronous services below after each wait: nothing on the loop moves while it is held. */
async function waitForLoopThread(): Promise<void> {
  const freeze = loopThreadFreeze();
  while (freeze !== null && freeze.until > monotonic() + 1e-9) await sleep(freeze.until - monotonic());
}

/** One scan: which receipt, on which thread, from when to when. */
export interface Scan {
  id: string;
  thread: string;
  start: number;
  end: number;
}

/**
 * An old OCR library with a blocking API, like a C library called from Python: `scan` holds the calling thread
 * for 0.8 s. From a worker thread that is harmless; from a coroutine it holds the event loop's thread, and every
 * other task waits until it is over.
 */
export class LegacyOcr {
  readonly scans: Scan[] = [];
  readonly #t0 = monotonic();
  #inFlight = 0;
  /** The most scans that ever ran at the same time. */
  maxInFlight = 0;

  /** Blocking: returns the receipt's text after holding the calling thread for 0.8 s. Pass it as it is: toThread(ocr.scan, id). */
  readonly scan = async (id: string): Promise<string> => {
    const freeze = loopThreadFreeze();
    if (freeze !== null && freeze.until > monotonic()) await blockingSleep(freeze.until - monotonic()); // the thread is busy
    const start = r6(monotonic() - this.#t0);
    if (freeze !== null) freeze.until = monotonic() + SCAN_SECONDS;
    this.#inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.#inFlight);
    try {
      await blockingSleep(SCAN_SECONDS);
    } finally {
      this.#inFlight -= 1;
    }
    this.scans.push({ id, thread: currentThread().name, start, end: r6(monotonic() - this.#t0) });
    return `texto de ${id}`;
  };
}

/** Where scanned receipts are kept: asynchronous, 0.5 s per receipt, many at a time. */
export class ReceiptStore {
  readonly stored: { id: string; at: number }[] = [];
  readonly #t0 = monotonic();

  async store(id: string, text: string): Promise<string> {
    void text;
    await sleep(STORE_SECONDS);
    await waitForLoopThread();
    this.stored.push({ id, at: r6(monotonic() - this.#t0) });
    return `rcpt/${id}`;
  }
}

/**
 * The keep-alive the bank's connection needs: a task that beats every `interval` seconds. `gaps()` are the times
 * between beats; a gap longer than the interval means the event loop was frozen.
 */
export class Heartbeat {
  readonly beats: number[] = [];
  readonly interval: number;
  readonly #task: Task<void>;
  readonly #t0 = monotonic();

  constructor(interval = 0.2) {
    this.interval = interval;
    this.#task = createTask(async () => {
      for (;;) {
        await sleep(this.interval);
        await waitForLoopThread();
        this.beats.push(r6(monotonic() - this.#t0));
      }
    }, { name: 'heartbeat' });
  }

  gaps(): number[] {
    return this.beats.map((b, i) => r6(b - (i === 0 ? 0 : this.beats[i - 1]!)));
  }

  /** The longest time without a beat, the last stretch up to now included. */
  longestGap(): number {
    const last = this.beats.length > 0 ? this.beats[this.beats.length - 1]! : 0;
    return Math.max(0, ...this.gaps(), r6(monotonic() - this.#t0 - last));
  }

  stop(): void {
    this.#task.cancel();
  }
}
