// Ejercicio 05 · Hilos demonio / Exercise 05 · Daemon threads.
// Lee README.md (es) o README.en.md (en). / Read README.md (es) or README.en.md (en).
// Puedes importar lo que necesites / import what you need, e.g.:
//   import { appendFileSync, existsSync, rmSync, statSync } from 'node:fs';
//   import { Thread, ValueError, currentThread } from '#runtime/threading';
//   import { sleep } from '#runtime/time';
import type { Thread } from '#runtime/threading';

function notImplemented(what: string): Error {
  return new Error(`Aún no implementado / Not implemented yet: ${what}`);
}

/** For i = 1..chunks: append '1' to the file, print `<thread name> <i>`, wait `interval` s. */
export async function writeFile(path: string, chunks: number, interval: number): Promise<void> {
  void path;
  void chunks;
  void interval;
  throw notImplemented('writeFile');
}

/** For i = 1..checks: print `<thread name> <i> <size> bytes` (last size seen, starting at 0), wait `interval` s. */
export async function checkSize(path: string, checks: number, interval: number): Promise<void> {
  void path;
  void checks;
  void interval;
  throw notImplemented('checkSize');
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

/** Removes old file; starts daemon 'chequear' and thread 'escribir'; waits for the writer; removes the file. */
export async function runWithMonitor(path: string, options: MonitorOptions): Promise<MonitorRun> {
  void path;
  void options;
  throw notImplemented('runWithMonitor');
}
