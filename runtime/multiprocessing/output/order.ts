// Output of the whole process tree in the order it was printed.
//
// In CPython every process writes to the same file descriptor, so lines appear in the order of the writes:
// two processes printing in turns under a Lock print in those turns. Here each child's chunks travel to the
// main program over that child's own port, and the main thread reads the ports in whatever order the event
// loop picks: without help, B's line printed after A's (under the same lock) could be shown before it.
//
// So every chunk takes a number when it is printed, from one counter shared by the whole tree (an Int32 in a
// SharedArrayBuffer the main program creates and hands down at boot), and the main program shows chunks in
// number order: a chunk whose predecessors have all been shown goes out at once (no added latency); a chunk
// that overtook an earlier number is held until that number arrives. The wait is bounded: a number can be
// lost for good (a child killed between taking it and posting it, or output a child consumed itself), so
// after MISSING_WAIT_MS the gap is given up. A child that exits cannot send anything more: the number it took
// last, if it never arrived, is given up at once. Numbers wrap around (Int32): comparisons use differences.

/** How long a chunk waits for an earlier number that has not arrived (real milliseconds). */
export const MISSING_WAIT_MS = 200;

type Deliver = () => void;

/** The number `a - b`, correct across the Int32 wrap-around. */
function distance(a: number, b: number): number {
  return (a - b) | 0;
}

export class OutputOrder {
  /** The next number to show. */
  private next = 0;
  private readonly held = new Map<number, Deliver>();
  /** Numbers known to be lost (they will never arrive): skipped when their turn comes. */
  private readonly lost = new Set<number>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private waiters: { after: number; resolve: () => void }[] = [];
  /** How long a held chunk waits for a missing number (ms). */
  waitMs: number;

  constructor(waitMs = MISSING_WAIT_MS) {
    this.waitMs = waitMs;
  }

  /** A chunk numbered `seq`: shown now if its turn has come (or passed), else held until it comes. */
  accept(seq: number, deliver: Deliver): void {
    const d = distance(seq, this.next);
    if (d < 0) {
      deliver(); // its turn was given up: late, but never dropped
      return;
    }
    if (d > 0) {
      this.held.set(seq, deliver);
      this.arm();
      return;
    }
    deliver();
    this.next = (this.next + 1) | 0;
    this.drain();
  }

  /** `seq` will never arrive (its chunk was consumed elsewhere, or its process died before posting it). */
  giveUp(seq: number): void {
    if (distance(seq, this.next) < 0 || this.held.has(seq)) return;
    this.lost.add(seq);
    this.drain();
  }

  /** True once every number up to `seq` has been shown or given up. */
  shownThrough(seq: number): boolean {
    return distance(seq, this.next) < 0;
  }

  /** Resolves once every number up to `seq` has been shown or given up (at most one bounded wait). */
  whenShown(seq: number): Promise<void> {
    if (this.shownThrough(seq)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ after: seq, resolve }));
  }

  /** Shows everything held, in order, whatever is missing (the program is exiting). */
  flush(): void {
    while (this.held.size > 0) this.skipToEarliestHeld();
    this.settle();
  }

  private drain(): void {
    for (;;) {
      const deliver = this.held.get(this.next);
      if (deliver !== undefined) {
        this.held.delete(this.next);
        deliver();
      } else if (this.lost.has(this.next)) {
        this.lost.delete(this.next);
      } else {
        break;
      }
      this.next = (this.next + 1) | 0;
    }
    this.settle();
  }

  private settle(): void {
    if (this.held.size === 0 && this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.waiters.length > 0) {
      const ready = this.waiters.filter((w) => this.shownThrough(w.after));
      this.waiters = this.waiters.filter((w) => !this.shownThrough(w.after));
      for (const w of ready) w.resolve();
    }
  }

  private arm(): void {
    if (this.timer !== null) return;
    // Referenced on purpose: a program must not end with chunks still held.
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.held.size === 0) return;
      this.skipToEarliestHeld();
      this.drain();
      if (this.held.size > 0) this.arm();
    }, this.waitMs);
  }

  /** Give up the gap before the earliest held chunk. */
  private skipToEarliestHeld(): void {
    let earliest: number | null = null;
    for (const seq of this.held.keys()) {
      if (earliest === null || distance(seq, earliest) < 0) earliest = seq;
    }
    if (earliest === null) return;
    for (const seq of this.lost) if (distance(seq, earliest) < 0) this.lost.delete(seq);
    this.next = earliest;
    this.drain();
  }
}
