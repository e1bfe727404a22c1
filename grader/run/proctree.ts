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
