// Deadlock and missing-join reports: who waits on what, where, who holds it, and the wait-for cycle.
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Fiber } from './fiber.ts';

const RUNTIME_ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface BlockedThread {
  name: string;
  /** The blocking call, e.g. "Lock.acquire()". */
  what: string;
  /** The caller's source position, e.g. "exercises/10-locks/exercise.ts:14:9". */
  site: string | null;
  /** Who holds what it waits for. */
  holder: string | null;
  daemon: boolean;
}

export interface DeadlockReport {
  kind: 'deadlock' | 'missing-join';
  threads: BlockedThread[];
  /** Thread names along a wait-for cycle, first repeated at the end; null when there is none. */
  cycle: string[] | null;
  text: string;
}

/** The caller's stack for reports: one frame when the API function is known, else a short stack. */
export function captureSite(siteOf: ((...args: never[]) => unknown) | undefined): { stack?: string } {
  const site: { stack?: string } = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = siteOf === undefined ? 12 : 1;
  Error.captureStackTrace(site, siteOf);
  Error.stackTraceLimit = limit;
  return site;
}

/** The first stack frame outside the runtime and Node internals. */
export function userSite(error: { stack?: string } | null): string | null {
  const lines = error?.stack?.split('\n').slice(1) ?? [];
  for (const line of lines) {
    // Only a path right after "at " or "(": frames like (node:internal/process/task_queues:95:5) are not files.
    const match = /(?:^at |\()((?:file:\/\/)?\/[^():]+):(\d+):(\d+)\)?$/.exec(line.trim());
    if (match === null) continue;
    const file = match[1]!.replace(/^file:\/\//, '');
    // A one-frame capture (Blocker.siteOf) is the caller's line by construction; longer stacks start inside
    // the runtime, whose own files (not its tests and fixtures) are skipped.
    if (lines.length > 1 && /[/\\]node_modules[/\\]/.test(file)) continue;
    if (lines.length > 1 && file.startsWith(RUNTIME_ROOT) && !/\.test\.ts$|[/\\]fixtures[/\\]/.test(file)) continue;
    return `${relative(process.cwd(), file)}:${match[2]}:${match[3]}`;
  }
  return null;
}

/** A thread by its name; an asyncio task as "Task-2 (task in MainThread)". */
function label(fiber: Fiber): string {
  return fiber.kind === 'task' ? `${fiber.name} (task in ${fiber.thread.name})` : fiber.thread.name;
}

function findCycle(blocked: readonly Fiber[]): string[] | null {
  for (const start of blocked) {
    const path: Fiber[] = [];
    let at: Fiber | null = start;
    while (at !== null && at.state === 'blocked' && !path.includes(at)) {
      path.push(at);
      at = at.blockedOn?.holder?.() ?? null;
    }
    if (at !== null && path.includes(at)) {
      const loop = path.slice(path.indexOf(at));
      return [...loop, at].map(label);
    }
  }
  return null;
}

export function buildDeadlockReport(blocked: readonly Fiber[], mainFinished: boolean): DeadlockReport {
  const threads = blocked.map((fiber) => ({
    name: label(fiber),
    what: fiber.blockedOn?.what ?? 'unknown call',
    site: userSite(fiber.blockedSite),
    holder: ((holder) => (holder ? label(holder) : null))(fiber.blockedOn?.holder?.() ?? null),
    daemon: fiber.daemon,
  }));
  const cycle = findCycle(blocked);
  const kind = mainFinished && cycle === null ? 'missing-join' : 'deadlock';
  const lines = [
    kind === 'deadlock'
      ? 'Deadlock: every live thread is blocked and nothing can wake them.'
      : 'The main thread finished, but these non-daemon threads are blocked forever ' +
        '(Python would hang at exit waiting for them):',
  ];
  for (const t of threads) {
    let line = `  ${t.name} waits in ${t.what}`;
    if (t.site !== null) line += ` at ${t.site}`;
    if (t.holder !== null) line += `, held by ${t.holder}`;
    lines.push(line);
  }
  if (cycle !== null) lines.push(`Wait-for cycle: ${cycle.join(' -> ')}`);
  return { kind, threads, cycle, text: lines.join('\n') };
}
