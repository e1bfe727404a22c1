// Exercise 15 · Timers: a reminder service built on threading.Timer, and a RepeatingTimer that fixes the
// three bugs of the course notes' version (never fires, cannot be stopped, drifts).
import { Event, Thread, Timer } from '#runtime/threading';
import { monotonic } from '#runtime/time';

function checkSeconds(name: string, value: number, allowZero: boolean): void {
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    const bound = allowZero ? '>= 0' : '> 0';
    throw new RangeError(`${name} must be a finite number ${bound}, got ${value}`);
  }
}

/** The unit's Timer example, fixed: the message travels in args as a one-element list, not as a bare string. */
export function scheduleNotice(delay: number, notify: (message: string) => void, message: string): Timer {
  const timer = new Timer(delay, notify, [message]); // Python: args=(message,) — the comma makes the tuple
  timer.start();
  return timer;
}

/** One Timer per student whose upload form is open; uploading the receipt cancels it. */
export class ReminderService {
  readonly #delay: number;
  readonly #send: (studentId: string) => void;
  /** The pending reminders. A Timer leaves the map when it fires or is cancelled. */
  readonly #timers = new Map<string, Timer>();

  constructor(delay: number, send: (studentId: string) => void) {
    checkSeconds('delay', delay, true);
    this.#delay = delay;
    this.#send = send;
  }

  formOpened(studentId: string): void {
    // Reopening restarts the wait: the old Timer must be cancelled, or it would fire too (two notices).
    this.#timers.get(studentId)?.cancel();
    const timer = new Timer(this.#delay, () => {
      // This runs in the timer's own thread, `delay` seconds after start(). The form may have been reopened
      // meanwhile (a newer Timer in the map): only forget the entry if it is still ours.
      if (this.#timers.get(studentId) === timer) this.#timers.delete(studentId);
      this.#send(studentId);
    });
    timer.name = `reminder-${studentId}`;
    this.#timers.set(studentId, timer);
    timer.start();
  }

  receiptUploaded(studentId: string): void {
    const timer = this.#timers.get(studentId);
    if (timer === undefined) return; // already sent, or the form was never opened
    timer.cancel(); // a cancelled Timer never calls its function
    this.#timers.delete(studentId);
  }

  pending(): string[] {
    return [...this.#timers.keys()].sort();
  }

  cancelAll(): void {
    for (const timer of this.#timers.values()) timer.cancel();
    this.#timers.clear();
  }
}

/**
 * Calls `fn` at start + wait + k·interval (k = 0, 1, 2…) from one thread until cancel().
 *
 * One thread waits on an Event with a timeout: `stopped.wait(t)` returns true as soon as cancel() sets the event
 * (stop) and false when t seconds have passed (time to call fn). Every instant is computed from the start, never
 * from the end of the previous call, so the time fn takes does not accumulate (no drift).
 */
export class RepeatingTimer {
  readonly #wait: number;
  readonly #interval: number;
  readonly #fn: () => void | Promise<void>;
  readonly #stopped = new Event();
  readonly #thread: Thread;

  constructor(wait: number, interval: number, fn: () => void | Promise<void>) {
    checkSeconds('wait', wait, true);
    checkSeconds('interval', interval, false);
    this.#wait = wait;
    this.#interval = interval;
    this.#fn = fn;
    this.#thread = new Thread({ target: () => this.#loop(), name: 'RepeatingTimer' });
  }

  /** Starts the timer's thread; a second call raises Python's RuntimeError from Thread.start(). */
  start(): void {
    this.#thread.start();
  }

  /** No call starts after this returns (a call already in progress finishes). Safe from inside fn. */
  cancel(): void {
    this.#stopped.set();
  }

  /** Waits until the timer's thread has ended (after cancel() and the call in progress). */
  async join(): Promise<void> {
    await this.#thread.join();
  }

  async #loop(): Promise<void> {
    const first = monotonic() + this.#wait;
    let k = 0;
    for (;;) {
      const due = first + k * this.#interval;
      if (await this.#stopped.wait(Math.max(0, due - monotonic()))) return; // cancelled
      await this.#fn();
      // The next instant of the series that is not already past. A call that overran skips the ticks it
      // missed instead of firing them back to back. The epsilon absorbs floating-point noise in the sums.
      const behind = (monotonic() - first) / this.#interval;
      k = Math.max(k + 1, Math.ceil(behind - 1e-9));
    }
  }
}
