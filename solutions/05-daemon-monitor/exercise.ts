// Exercise 05 — reference solution: a daemon thread watches a file while an ordinary thread writes it; the
// program waits only for the writer.
import { appendFileSync, existsSync, rmSync, statSync } from 'node:fs';
import { Thread, ValueError, currentThread } from '#runtime/threading';
import { sleep } from '#runtime/time';

/** The unit's `escribir`: one '1' per round, a line with the thread's name, then a pause. */
export async function writeFile(path: string, chunks: number, interval: number): Promise<void> {
  for (let i = 1; i <= chunks; i++) {
    appendFileSync(path, '1'); // synchronous: instant for the virtual clock
    console.log(`${currentThread().name} ${i}`);
    await sleep(interval);
  }
}

/** The unit's `chequear`: reports the file's size every `interval` seconds, `checks` times. */
export async function checkSize(path: string, checks: number, interval: number): Promise<void> {
  let size = 0; // the last size seen: kept while the file does not exist
  for (let i = 1; i <= checks; i++) {
    if (existsSync(path)) size = statSync(path).size;
    console.log(`${currentThread().name} ${i} ${size} bytes`);
    await sleep(interval);
  }
}

export interface MonitorOptions {
  chunks: number;
  writeInterval: number;
  checks: number;
  checkInterval: number;
}

export interface MonitorRun {
  writer: Thread;
  monitor: Thread;
}

/** Writes the file while a daemon watches it; returns once the writer is done, with the file removed. */
export async function runWithMonitor(path: string, options: MonitorOptions): Promise<MonitorRun> {
  const { chunks, writeInterval, checks, checkInterval } = options;
  // Bad input fails before anything happens, with the error sleep() would raise later.
  if (writeInterval < 0 || checkInterval < 0) throw new ValueError('sleep length must be non-negative');

  rmSync(path, { force: true }); // leftovers of an earlier run
  // daemon: true — the program does not wait for the watcher: when the writer ends, the watcher is abandoned.
  const monitor = new Thread({ name: 'chequear', target: checkSize, args: [path, checks, checkInterval], daemon: true });
  // daemon: false said explicitly — the flag is inherited from the creating thread, and a supervisor that is
  // itself a daemon must not turn the writer into one.
  const writer = new Thread({ name: 'escribir', target: writeFile, args: [path, chunks, writeInterval], daemon: false });
  monitor.start();
  writer.start();
  try {
    await writer.join(); // only the writer: joining the watcher would wait for all its checks
  } finally {
    rmSync(path, { force: true }); // never leave the temporary file behind
  }
  return { writer, monitor };
}
