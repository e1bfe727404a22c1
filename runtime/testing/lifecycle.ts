// Record what a piece of code did with threads and processes (start, join, in order), and check the unit's
// lesson "start them all, then join them" exactly: the same verdict on one core as on two.
import { onLifecycle, type LifecycleEvent } from '../core/index.ts';

export type { LifecycleEvent } from '../core/index.ts';

/** Runs `fn` and returns its value with the start/join events made meanwhile (by any thread of this process). */
export async function recordLifecycle<T>(fn: () => T | Promise<T>): Promise<{ value: Awaited<T>; events: LifecycleEvent[] }> {
  const events: LifecycleEvent[] = [];
  const stop = onLifecycle((event) => events.push(event));
  try {
    return { value: await fn(), events };
  } finally {
    stop();
  }
}

/**
 * The first start that came after a join of the same kind: the sign of start+join in one loop, which runs
 * the workers one at a time. null when every start came before every join.
 */
export function startAfterJoin(events: LifecycleEvent[], what: LifecycleEvent['what']): { joined: string; started: string } | null {
  let joined: string | null = null;
  for (const event of events) {
    if (event.what !== what) continue;
    if (event.kind === 'join' && joined === null) joined = event.name;
    if (event.kind === 'start' && joined !== null) return { joined, started: event.name };
  }
  return null;
}
