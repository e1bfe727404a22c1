// Waits nobody awaited: a runtime call whose Promise the code dropped (`void sleep(1)`, `store(r)` without
// await). Python cannot make this mistake with time.sleep(); for a coroutine it warns "coroutine ... was never
// awaited". Here the runtime sees it in two places, certain both times: the thread or task ended while the call
// was still pending, or it started a second wait while still in the first (the "already waiting" RuntimeError,
// which nobody may ever see when the dropped Promise carries it). No error can be raised there, so a test kit
// taps these to name the mistake. No tap, no cost beyond one size check.

export interface UnawaitedWait {
  /** 'ended': the code of `who` ended with the call still pending; 'refused': its next wait was refused. */
  kind: 'ended' | 'refused';
  /** The thread or task ("Thread-1 (worker)", "Task-2"). */
  who: string;
  fiber: 'main' | 'thread' | 'task';
  /** The call still pending, e.g. "time.sleep()", "Thread.join() on Thread-2". */
  what: string;
  /** Where that call was made (`exercises/01-x/exercise.ts:11:3`), when known. */
  site: string | null;
  /** The stack of that call (a few frames): its outer frames show the caller that dropped the Promise. */
  stack: string | null;
  /** For 'refused': the RuntimeError the second wait raised (its stack leads to the student's line). */
  error?: { message: string; stack: string };
}

type Tap = (wait: UnawaitedWait) => void;

// One set per isolate, shared by every copy of the runtime it loads (as lifecycle.ts).
const KEY = Symbol.for('concurrency-course.unawaited');
const taps: Set<Tap> = ((globalThis as { [KEY]?: Set<Tap> })[KEY] ??= new Set());

/** True while someone listens: the scheduler then records where plain sleeps were called. */
export function tappingUnawaited(): boolean {
  return taps.size > 0;
}

/** Calls `tap` with every unawaited wait from now on (any scheduler of this isolate); returns the unsubscribe. */
export function tapUnawaitedWaits(tap: Tap): () => void {
  taps.add(tap);
  return () => taps.delete(tap);
}

/** @internal Called by the scheduler. A failing tap never disturbs the program. */
export function notifyUnawaited(wait: UnawaitedWait): void {
  for (const tap of taps) {
    try {
      tap(wait);
    } catch {
      // an observer's bug must not change what the program does
    }
  }
}
