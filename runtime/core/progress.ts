// A per-process count of scheduling progress, for the whole-program hang check (quiescence.ts): it goes up
// whenever a fiber becomes runnable (woken, timed out, spawned, back from outside work) or ends. Two answers
// with the same count mean the process did nothing in between.
let progress = 0;

/** Something happened in this process (a fiber became runnable or ended). */
export function noteProgress(): void {
  progress += 1;
}

/** How many times this process made progress so far. */
export function progressCount(): number {
  return progress;
}
