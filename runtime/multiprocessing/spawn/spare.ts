// A worker booted ahead of time for the next Process.start().
//
// Most of a child's start is Node booting the worker isolate (~35-45 ms of a ~60 ms start on a quiet machine,
// before any of our code runs). Once a program has started a process it usually starts more (the course
// starts three in a row; a Pool starts several), so after each start one more worker boots in the background
// and waits, unreferenced (it never keeps a program alive), for the parent to tell it who it is: the boot data
// travels in the start message (for every child, spare or not: one way to boot). As with CPython's
// forkserver, the cost moves out of the start, it does not vanish: one idle isolate (a few MB) stays ready
// while the program runs, and a burst of N starts boots N + 1 workers.
// The start message carries the parent's environment at start(), which the child's entry puts in place.
import { Worker } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { childEntryFile } from '../paths.ts';

/**
 * workerData of a spare: it learns its identity from the start message. `prefetch`: the bundle the last start
 * used, which the spare imports while it waits (only the runtime is evaluated: the target's module is loaded
 * by the bundle's loadTarget() thunk, after the start), so a program starting the same kind of process again
 * skips that import too (~15 ms).
 */
export interface SpareData {
  spare: true;
  prefetch: string | null;
}

let lastEntryUrl: string | null = null;

/** The bundle a child was just started from: the next spare imports it while it waits. */
export function noteBundle(entryUrl: string): void {
  lastEntryUrl = entryUrl;
}

let spare: { worker: Worker; onExit: () => void; onError: () => void } | null = null;

function bootWorker(): Worker {
  const workerData: SpareData = { spare: true, prefetch: lastEntryUrl };
  return new Worker(pathToFileURL(childEntryFile()), { workerData, execArgv: [], stdout: false, stderr: false });
}

function prepareSpare(): void {
  const worker = bootWorker();
  worker.unref();
  const entry = {
    worker,
    // A spare that dies (out of memory, killed with the program) is simply not used.
    onExit: () => {
      if (spare?.worker === worker) spare = null;
    },
    onError: () => undefined,
  };
  worker.once('exit', entry.onExit);
  worker.on('error', entry.onError);
  spare = entry;
}

/** A worker for a new process: the spare, if one is booting or ready, else a new one. Leaves a new spare. */
export function workerForStart(): Worker {
  const taken = spare;
  spare = null;
  let worker: Worker;
  if (taken === null) {
    worker = bootWorker();
  } else {
    taken.worker.off('exit', taken.onExit);
    taken.worker.off('error', taken.onError);
    taken.worker.ref();
    worker = taken.worker;
  }
  // At once: on 2 cores it boots beside the starting child (the parent is mostly idle meanwhile). Booting it
  // later (100 ms) was measured worse: back-to-back starts then rarely found it ready.
  prepareSpare();
  return worker;
}

/** Stop the spare (tests; a program's exit stops it anyway). */
export async function dropSpare(): Promise<void> {
  const taken = spare;
  spare = null;
  if (taken !== null) await taken.worker.terminate();
}
