// The process tree under a pid, read from /proc (Linux). Used to cap memory and process count of a grading
// run and to kill every descendant, including ones that left the process group. Elsewhere it is empty
// and the grader falls back to killing the process group.
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcInfo {
  pid: number;
  ppid: number;
  /** Start time in clock ticks since boot: with pid, identifies a process even after pid reuse. */
  start: number;
  rssBytes: number;
}

const PAGE_SIZE = 4096;

function readStat(pid: number): ProcInfo | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { pid, ppid: Number(fields[1]), start: Number(fields[19]), rssBytes: Number(fields[21]) * PAGE_SIZE };
  } catch {
    return undefined;
  }
}

export function procSupported(): boolean {
  return process.platform === 'linux' && readStat(process.pid) !== undefined;
}

/** Every live descendant of `root` (not including root itself). */
export function descendants(root: number): ProcInfo[] {
  if (process.platform !== 'linux') return [];
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return [];
  }
  const children = new Map<number, ProcInfo[]>();
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    const info = readStat(Number(name));
    if (info === undefined) continue;
    const list = children.get(info.ppid);
    if (list === undefined) children.set(info.ppid, [info]);
    else list.push(info);
  }
  const result: ProcInfo[] = [];
  const stack = [root];
  while (stack.length > 0) {
    for (const child of children.get(stack.pop()!) ?? []) {
      result.push(child);
      stack.push(child.pid);
    }
  }
  return result;
}

export function rssOf(pid: number): number {
  return readStat(pid)?.rssBytes ?? 0;
}

/** SIGKILLs the processes that are still the ones recorded (same pid and start time). */
export function killAll(processes: Iterable<ProcInfo>): void {
  for (const info of processes) {
    const now = readStat(info.pid);
    if (now === undefined || now.start !== info.start) continue;
    try {
      process.kill(info.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

/** SIGSTOPs the tree under `root` until it stops growing, so nothing can fork while it is being killed. */
export function freezeTree(root: number, known: Map<number, ProcInfo>): void {
  const stopped = new Set<number>();
  try {
    process.kill(root, 'SIGSTOP');
  } catch {
    return;
  }
  for (let round = 0; round < 8; round += 1) {
    let fresh = 0;
    for (const info of descendants(root)) {
      known.set(info.pid, info);
      if (stopped.has(info.pid)) continue;
      stopped.add(info.pid);
      fresh += 1;
      try {
        process.kill(info.pid, 'SIGSTOP');
      } catch {
        // Gone already.
      }
    }
    if (fresh === 0) return;
  }
}

/**
 * Every process whose environment carries `name=value`: the run's processes, even those that left the
 * tree (a detached child reparented to init). Linux only; processes of other users are unreadable.
 */
export function processesWithEnv(name: string, value: string): ProcInfo[] {
  if (process.platform !== 'linux') return [];
  const needle = Buffer.from(`${name}=${value}\0`);
  const found: ProcInfo[] = [];
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return found;
  }
  for (const entry of names) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (!readFileSync(`/proc/${entry}/environ`).includes(needle)) continue;
    } catch {
      continue;
    }
    const info = readStat(Number(entry));
    if (info !== undefined) found.push(info);
  }
  return found;
}
