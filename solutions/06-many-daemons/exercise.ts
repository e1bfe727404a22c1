// Exercise 06 — reference solution: start many daemons, then wait for every live thread except the main one,
// asking threading which threads are alive instead of keeping our own list.
import { Thread, ValueError, activeCount, currentThread, enumerate, getIdent, mainThread } from '#runtime/threading';
import { sleep } from '#runtime/time';

/** The unit's `contar`: `upTo` lines `<number> <ident> <i>`, one every `pause` seconds. */
export async function count(number: number, upTo: number, pause: number): Promise<void> {
  for (let i = 1; i <= upTo; i++) {
    console.log(`${number} ${getIdent()} ${i}`);
    await sleep(pause);
  }
}

/**
 * One counter per pause (numbered from 1), started and returned; nobody waits for them here. The flag is always
 * given: left out, a thread inherits it from its creator, so a daemon caller would make daemon counters.
 */
export function startCounters(pauses: readonly number[], upTo: number, daemon = true): Thread[] {
  // Check everything first: a bad pause must not leave half of the counters running.
  if (pauses.some((pause) => pause < 0)) throw new ValueError('sleep length must be non-negative');
  const threads = pauses.map((pause, i) => new Thread({ target: count, args: [i + 1, upTo, pause], daemon }));
  for (const thread of threads) thread.start();
  return threads;
}

export interface ThreadReport {
  name: string;
  ident: number;
  daemon: boolean;
  /** activeCount() right before joining this thread: MainThread included. */
  active: number;
}

/** Waits for every thread alive now, except the main thread and the caller itself; reports each one first. */
export async function joinAllButMain(): Promise<ThreadReport[]> {
  const main = mainThread();
  const me = currentThread();
  const reports: ThreadReport[] = [];
  // enumerate() returns a new list: threads started while we wait are not added to it.
  for (const thread of enumerate()) {
    // Identity, not names: the unit's `if hilo is hilo_ppal`. Joining either would be "cannot join current thread"
    // (or, for main from a worker, waiting for the thread that is waiting for us).
    if (thread === main || thread === me) continue;
    reports.push({ name: thread.name, ident: thread.ident ?? -1, daemon: thread.daemon, active: activeCount() });
    await thread.join();
  }
  return reports;
}
