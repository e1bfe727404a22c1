// Waiting for a word of shared memory to change, without ever blocking a process's main thread for long.
//
// In a child process's worker a short Atomics.wait (at most BLOCK_BUDGET_MS) catches the common case, a lock
// held for microseconds by another process, at the cost of a futex wake-up (~5 us). Past the budget, and always
// in the main process, Atomics.waitAsync lets the other green threads of this process run meanwhile (one of
// them may be the holder) and the wait is announced to the scheduler as external work.
import { Budget } from './budget.ts';
import { awaitExternal, canBlockBriefly } from './external.ts';
import { markShared, notifyWord, park } from './parking.ts';

const BLOCK_BUDGET_MS = 1;

export type WaitResult = 'ok' | 'not-equal' | 'timed-out';

// Atomics.waitAsync (ES2024) exists on Node 20+, but the project's lib (ES2023) does not declare it.
type WaitAsync = (ia: Int32Array, index: number, value: number, timeoutMs?: number) =>
  { async: false; value: 'not-equal' | 'timed-out' } | { async: true; value: Promise<'ok' | 'timed-out'> };
const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;

/** Milliseconds left until `deadline` (a performance.now() instant), Infinity without one. */
export function remainingMs(deadline: number | null): number {
  return deadline === null ? Infinity : Math.max(0, deadline - performance.now());
}

/** A deadline for a timeout in seconds: null (wait forever) for null, undefined or -1; negatives count as 0. */
export function deadlineFor(timeout: number | null | undefined): number | null {
  if (timeout === null || timeout === undefined || timeout === -1) return null;
  if (typeof timeout !== 'number' || Number.isNaN(timeout)) {
    throw new TypeError(`timeout must be a number of seconds, not ${typeof timeout}`);
  }
  return performance.now() + Math.max(0, timeout) * 1000;
}

/**
 * Wait while `ia[index] === expected`, until notified or `deadline`. Callers re-check their condition in a
 * loop: a wake-up only says "look again".
 */
export async function waitWhileEqual(ia: Int32Array, index: number, expected: number, deadline: number | null,
  what: string): Promise<WaitResult> {
  let left = remainingMs(deadline);
  if (left === 0) return Atomics.load(ia, index) === expected ? 'timed-out' : 'not-equal';
  if (canBlockBriefly()) {
    const quick = Atomics.wait(ia, index, expected, Math.min(left, BLOCK_BUDGET_MS));
    if (quick !== 'timed-out') return quick;
    left = remainingMs(deadline);
    if (left === 0) return 'timed-out';
  }
  const waiting = waitAsync(ia, index, expected, left);
  if (!waiting.async) return waiting.value;
  // A pending waitAsync does not keep Node's event loop alive (and its timeout is delivered a little after a
  // timer of the same length): hold an interval until it settles, or a child process waiting for its parent
  // would see an empty event loop and exit, and a program would end before its timeout. As in CPython, a wait
  // nobody can satisfy then hangs rather than ending the process silently.
  const keepAlive = setInterval(noop, 60_000);
  try {
    return await awaitExternal(waiting.value, what, { untimed: deadline === null });
  } finally {
    clearInterval(keepAlive);
  }
}

function noop(): void {}

/**
 * Like waitWhileEqual, for a word that threads of this process change too (a queue ring's sequence words): it
 * parks as the locks do (parking.ts), so a waiter whose only waker is a sleeping thread of this process does
 * not freeze the virtual clock, and a wait nobody can end is a reported deadlock. The other side must wake it
 * with wakeWord(), not a bare Atomics.notify (whose wake-up reaches this process's threads only later).
 */
export async function waitWord(ia: Int32Array, index: number, expected: number, deadline: number | null,
  what: string): Promise<WaitResult> {
  markShared(ia.buffer as SharedArrayBuffer);
  if (Atomics.load(ia, index) !== expected) return 'not-equal';
  const budget = new Budget(deadline === null ? null : remainingMs(deadline) / 1000);
  return (await park(ia, index, expected, budget, { what, trackSite: true })) === 'timed-out' ? 'timed-out' : 'ok';
}

/** Wakes up to `count` waiters of waitWord() (Infinity: all), in this process at once and in the others. */
export function wakeWord(ia: Int32Array, index: number, count = Infinity): void {
  markShared(ia.buffer as SharedArrayBuffer);
  notifyWord(ia, index, count);
}
