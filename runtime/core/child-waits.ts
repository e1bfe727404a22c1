// What a child process waits on, asked by its parent (hang reports): when a test's deadline hits while the
// parent waits in Process.join() or Queue.get(), the child's own program says which call it is parked in and
// the line that made it. A child waits on shared memory with Atomics.waitAsync, so its event loop is free to
// answer; a child stuck in a loop that never yields does not answer, and the report says only that it runs.
//
// A child never reports itself "blocked forever": a wait on a Queue, a Connection, a shared Lock or Event can
// always be ended by another process, which its own scheduler cannot see. Asked with a horizon, it says only
// whether it is parked as far as it can tell (quiescence.ts); the test's process decides for the whole program
// (runtime/testing/quiesce.ts), and otherwise only the parent's deadline decides.
import { dirname, sep } from 'node:path';
import { programScheduler } from './runtime.ts';
import { userSite } from './deadlock.ts';
import type { ParkedReport } from './quiescence.ts';

export interface ChildWait {
  /** "MainThread", "Thread-2 (worker)". */
  who: string;
  /** "Queue.get()", "Connection.recv()", "Lock.acquire()". */
  what: string;
  /** The caller's line (`exercises/09-queue-pipe/exercise.ts:31:20`), when known. */
  site: string | null;
}

export interface ChildWaits {
  /** "Process-3". */
  name: string;
  /** "Process-3 (target consumer)". */
  label: string;
  /** What its threads wait on; null when it did not answer in time (a loop that never yields, or it just ended). */
  waits: ChildWait[] | null;
  /** Asked with a horizon: whether it is parked for good as far as it can tell; null if not asked or no answer. */
  parked?: ParkedReport | null;
}

type Ask = (timeoutMs: number, horizonMs?: number) => Promise<ChildWaits[]>;
const asks = new Set<Ask>();

/** Registers how to ask this process's children (multiprocessing does, so core needs no import of it). */
export function onAskChildren(ask: Ask): void {
  asks.add(ask);
}

/**
 * Asks every running child what it waits on; each answers within `timeoutMs` or is reported as not answering.
 * With `horizonMs`, each also says whether it is parked, counting its own timers due within that many ms.
 */
export async function askChildren(timeoutMs: number, horizonMs?: number): Promise<ChildWaits[]> {
  const answers = await Promise.all([...asks].map((ask) => ask(timeoutMs, horizonMs).catch(() => [])));
  return answers.flat();
}

/** This process's answer: every thread or task of its program parked in a call, the call and the caller's line. */
export function programWaits(): ChildWait[] {
  const waits: ChildWait[] = [];
  for (const fiber of programScheduler()?.fibers ?? []) {
    if (fiber.state !== 'blocked' && !(fiber.state === 'external' && fiber.blockedOn !== null)) continue;
    waits.push({ who: fiber.thread.name, what: fiber.blockedOn?.what ?? fiber.lastWait, site: userSite(outsideRuntime(fiber.blockedSite)) });
  }
  return waits;
}

/**
 * In a child, the runtime runs from a bundle whose frames map back to runtime/*.ts: userSite cannot tell them
 * from the student's by the bundle's own path, so they are dropped here (the runtime's tests and fixtures kept).
 */
function outsideRuntime(site: { stack?: string } | null): { stack?: string } | null {
  const packageDir = (globalThis as { __mpPackageDir?: string }).__mpPackageDir;
  if (site?.stack === undefined || packageDir === undefined) return site;
  const root = `${dirname(packageDir)}${sep}`;
  const [head = '', ...frames] = site.stack.split('\n');
  const kept = frames.filter((frame) => !frame.includes(root) || /\.test\.ts:|[/\\]fixtures[/\\]/.test(frame));
  return { stack: [head, ...kept].join('\n') };
}
