// Parking a green thread until a word of shared memory may have changed: the one place where the cross-process
// primitives meet the scheduler of this process.
//
// Who can end a wait decides how it waits:
// - Only threads of this process (no other process that may hold the primitive is alive, or this process
//   holds the lock waited for): a scheduler block, exactly like threading's. Under the
//   virtual clock time may jump while every thread waits, a timeout is virtual seconds, and a wait nobody can
//   end is a reported deadlock. A release in this process wakes the thread directly (wakeParked).
// - Possibly another process: outside work (scheduler.awaitExternal on Atomics.waitAsync), so the virtual clock
//   holds still while the other process runs. The wait goes on in slices of QUIET_MS real time; a slice with no
//   news lets the clock move to this process's next deadline (the releaser may be a sleeping thread here) and
//   re-decides, so a child that ends turns the wait back into a local one.
// A shared primitive parked locally still listens to other processes (Atomics.waitAsync, without holding the
// clock). A notify that reaches a waiter who no longer needs it is passed on, so no wake-up is lost.
import { TIMEOUT, currentScheduler, processInfo, type Blocker, type Fiber, type Scheduler } from '../../core/index.ts';
import { anyChildAlive } from '../children.ts';
import type { Budget } from './budget.ts';
import { canBlockBriefly } from './external.ts';

/** Real milliseconds an outside wait holds the virtual clock before letting this process's time move. */
const QUIET_MS = 50;
/** Slices of the background listening of a locally parked thread (bounds a forgotten waitAsync's life). */
const LISTEN_MS = 1000;
/** A child process's worker may block this long in Atomics.wait first: a lock held by another core. */
const BLOCK_BUDGET_MS = 1;
/**
 * ...and this long when the waiting thread is all the process has (no other fiber, no timer, no outside work):
 * nothing else could run meanwhile, and a kernel wait hands over at once when the holder has been preempted
 * (a loaded machine), where a 1 ms budget followed by an asynchronous wait costs an event-loop turn per
 * hand-over. Bounded, so the event loop still turns now and then (output, a terminate()).
 */
const ALONE_BLOCK_MS = 50;
/** At most this many sleep(0)s to let the virtual clock move (the scheduler moves it after ~10,000). */
const CLOCK_SPIN_CAP = 50_000;

type WaitValue = 'ok' | 'not-equal' | 'timed-out';
// Atomics.waitAsync (ES2024) exists on Node 20+, but the project's lib (ES2023) does not declare it.
type WaitAsync = (ia: Int32Array, index: number, value: number, timeoutMs?: number) =>
  { async: false; value: 'not-equal' | 'timed-out' } | { async: true; value: Promise<'ok' | 'timed-out'> };
const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;

export type ParkResult = 'woken' | 'timed-out';

/** Buffers that crossed a process boundary, from or to this isolate. */
const sharedBuffers = new WeakSet<SharedArrayBuffer>();

class Parked {
  readonly view: Int32Array;
  readonly index: number;
  readonly fiber: Fiber;
  /** Set while the fiber is blocked on the scheduler. */
  blocker: Blocker | null = null;
  /** Set while the fiber awaits the wait as outside work. */
  resolveOutside: (() => void) | null = null;
  done = false;

  constructor(view: Int32Array, index: number, fiber: Fiber) {
    this.view = view;
    this.index = index;
    this.fiber = fiber;
  }

  /** Ends the park now (the caller looks again). False when it is not parked any more. */
  wake(): boolean {
    if (this.blocker !== null) {
      if (this.fiber.blockedOn !== this.blocker) return false;
      this.blocker = null;
      return this.fiber.scheduler.wake(this.fiber);
    }
    const resolve = this.resolveOutside;
    if (resolve === null) return false;
    this.resolveOutside = null;
    resolve();
    return true;
  }
}

/** Threads of this process parked on each buffer, first come first served. */
const parked = new Map<SharedArrayBuffer, Parked[]>();

function register(entry: Parked): void {
  const buffer = entry.view.buffer as SharedArrayBuffer;
  const list = parked.get(buffer);
  if (list === undefined) parked.set(buffer, [entry]);
  else list.push(entry);
}

function unregister(entry: Parked): void {
  const buffer = entry.view.buffer as SharedArrayBuffer;
  const list = parked.get(buffer);
  if (list === undefined) return;
  const i = list.indexOf(entry);
  if (i >= 0) list.splice(i, 1);
  if (list.length === 0) parked.delete(buffer);
}

/**
 * Records that `buffer` crossed a process boundary (called when a primitive is sent or rebuilt). Threads parked
 * on it as purely local waits look again, so they start listening to other processes too.
 */
export function markShared(buffer: SharedArrayBuffer): void {
  if (sharedBuffers.has(buffer)) return;
  sharedBuffers.add(buffer);
  const list = parked.get(buffer);
  if (list !== undefined) for (const entry of [...list]) entry.wake();
}

export function isShared(buffer: SharedArrayBuffer): boolean {
  return sharedBuffers.has(buffer);
}

/** Wakes up to `count` threads of this process parked on word `index` of `buffer`; returns how many. */
export function wakeParked(buffer: SharedArrayBuffer, index: number, count: number): number {
  const list = parked.get(buffer);
  if (list === undefined) return 0;
  let woken = 0;
  for (const entry of [...list]) {
    if (woken >= count) break;
    if (entry.index === index && entry.wake()) woken++;
  }
  return woken;
}

/** Wakes up to `count` waiters on a word: this process's directly, other processes' through Atomics.notify. */
export function notifyWord(view: Int32Array, index: number, count: number): void {
  const buffer = view.buffer as SharedArrayBuffer;
  if (parked.has(buffer)) wakeParked(buffer, index, count);
  if (sharedBuffers.has(buffer)) Atomics.notify(view, index, count);
}

/**
 * Whether another process may end a wait on this buffer now: one it was shared with (our parent, a child),
 * or a child still starting that may be about to receive it (a child's arguments are sent a little after
 * start(), so a primitive not shared yet may be in transit while any child is alive).
 */
function otherProcessMayAct(shared: boolean): boolean {
  if (shared && !processInfo.isMain) return true;
  return anyChildAlive();
}

/**
 * Parks the current green thread while `view[index] === expected`, until woken or the budget runs out. A
 * wake-up only says "look again": callers re-check their condition in a loop. `outside` is false when the
 * caller knows this process will end the wait (it holds the lock being waited for).
 */
export async function park(view: Int32Array, index: number, expected: number, budget: Budget, blocker: Blocker,
  outside = true): Promise<ParkResult> {
  if (Atomics.load(view, index) !== expected) return 'woken';
  const scheduler = currentScheduler();
  const entry = new Parked(view, index, scheduler.current());
  const shared = sharedBuffers.has(view.buffer as SharedArrayBuffer);
  register(entry);
  try {
    if (outside && otherProcessMayAct(shared)) return await parkOutside(entry, expected, budget, scheduler, blocker.what);
    return await parkLocal(entry, expected, budget, scheduler, blocker, shared);
  } finally {
    entry.done = true;
    unregister(entry);
  }
}

async function parkLocal(entry: Parked, expected: number, budget: Budget, scheduler: Scheduler, blocker: Blocker,
  shared: boolean): Promise<ParkResult> {
  const left = budget.left();
  if (left <= 0) return 'timed-out';
  if (shared && !listenInBackground(entry, expected)) return 'woken';
  const mine: Blocker = {
    ...blocker,
    cancel: () => {
      entry.blocker = null;
    },
  };
  entry.blocker = mine;
  const outcome = await scheduler.block(mine, left === Infinity ? null : left);
  entry.blocker = null;
  return outcome === TIMEOUT ? 'timed-out' : 'woken';
}

async function parkOutside(entry: Parked, expected: number, budget: Budget, scheduler: Scheduler,
  what: string): Promise<ParkResult> {
  const leftMs = budget.left() * 1000;
  if (leftMs <= 0) return 'timed-out';
  const started = performance.now();
  const startedVirtual = scheduler.now();
  try {
    if (canBlockBriefly()) {
      const alone = scheduler.fibers.size <= 1 && scheduler.pendingTimers === 0 && scheduler.externalCount === 0;
      const quick = Atomics.wait(entry.view, entry.index, expected, Math.min(leftMs, alone ? ALONE_BLOCK_MS : BLOCK_BUDGET_MS));
      if (quick !== 'timed-out') return 'woken';
    }
    const byThisProcess = new Promise<'ok'>((resolve) => {
      entry.resolveOutside = () => resolve('ok');
    });
    const byAnyone = listen(entry, expected, Math.min(QUIET_MS, Math.max(0, leftMs - (performance.now() - started))));
    if (byAnyone === null) return 'woken';
    // A pending waitAsync does not keep Node's event loop alive: hold an interval meanwhile, or a child waiting
    // for its parent would see an empty loop and exit. As in CPython, a wait nobody satisfies then hangs.
    const keepAlive = setInterval(noop, 60_000);
    let result: WaitValue;
    try {
      // No timeout: only another process can end it (the whole-program hang check counts it as parked); a slice
      // that ran out with the word unchanged is no news.
      result = await scheduler.awaitExternal(Promise.race([byThisProcess, byAnyone]), what, {
        untimed: budget.left() === Infinity,
        progressed: (value) => value !== 'timed-out' || Atomics.load(entry.view, entry.index) !== expected,
      });
    } finally {
      clearInterval(keepAlive);
      entry.resolveOutside = null;
    }
    if (result !== 'timed-out') return 'woken';
    await letClockMove(scheduler);
    return 'woken';
  } finally {
    entry.resolveOutside = null;
    budget.spentOutside((performance.now() - started) / 1000, scheduler.now() - startedVirtual);
  }
}

/**
 * Atomics.waitAsync on the entry's word for `ms`; when it reports a change the entry is woken, and a notify the
 * entry cannot use any more is passed on. Null when the word already differs (the caller looks again).
 */
function listen(entry: Parked, expected: number, ms: number): Promise<WaitValue> | null {
  const waiting = waitAsync(entry.view, entry.index, expected, ms);
  if (!waiting.async) return waiting.value === 'not-equal' ? null : Promise.resolve(waiting.value);
  return waiting.value.then((value) => {
    if (value === 'ok' && !entry.wake()) Atomics.notify(entry.view, entry.index, 1);
    return value;
  });
}

/** Listens to other processes while parked locally, slice after slice. False when the word already differs. */
function listenInBackground(entry: Parked, expected: number): boolean {
  const first = listen(entry, expected, LISTEN_MS);
  if (first === null) return false;
  const again = (value: WaitValue): void => {
    if (value !== 'timed-out' || entry.done || entry.blocker === null) return;
    const next = listen(entry, expected, LISTEN_MS);
    if (next === null) entry.wake();
    else void next.then(again);
  };
  void first.then(again);
  return true;
}

/**
 * Under the virtual clock, after a quiet period with no news from outside: let time move to this process's
 * next deadline, as it does for a busy-wait (a sleeping thread here may be the one that will release).
 */
async function letClockMove(scheduler: Scheduler): Promise<void> {
  if (scheduler.clock !== 'virtual' || scheduler.pendingTimers === 0) return;
  const before = scheduler.now();
  for (let i = 0; i < CLOCK_SPIN_CAP && scheduler.now() === before; i++) await scheduler.yieldNow();
}

function noop(): void {}
