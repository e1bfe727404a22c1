// Where printed text goes: to the real stdout/stderr, or to the capture of a #runtime/testing simulation when
// the printing fiber belongs to one. Keeping this in the core lets print, logging and child processes share it.
import { fiberStorage } from './scheduler.ts';

export type Stream = 'stdout' | 'stderr';

/** The capture buffer of the simulation the calling code runs in, if any. */
export function activeCapture(): string[] | null {
  return fiberStorage.getStore()?.scheduler.capture ?? null;
}

type Gate = (deliver: () => void) => void;

let gate: Gate | null = null;

/**
 * Install what decides when a captured line is stored (multiprocessing orders it after child processes' lines
 * printed before it that are still on their way); null: at once.
 */
export function setOutputGate(fn: Gate | null): void {
  gate = fn;
}

/** Writes text (normally ending in "\n"), captured line by line inside a simulation. */
export function writeOutput(text: string, stream: Stream = 'stdout'): void {
  const capture = activeCapture();
  if (capture === null) {
    process[stream].write(text);
    return;
  }
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  const store = (): void => {
    for (const line of body.split('\n')) capture.push(line);
  };
  if (gate === null) store();
  else gate(store);
}

/** A chunk of text a child process printed (or the parent printed for it, such as a traceback of a failed start). */
export interface ChildChunk {
  stream: Stream;
  text: string;
  /** Process-1, Process-1:2, ... */
  processName: string;
}

const childTaps = new Set<(chunk: ChildChunk) => void>();

/**
 * Observe every chunk child processes print, wherever it is routed (a simulation's capture, a sink, the
 * terminal): a test kit collects the tracebacks of children that died during a test. Returns the unsubscribe.
 */
export function tapChildOutput(tap: (chunk: ChildChunk) => void): () => void {
  childTaps.add(tap);
  return () => childTaps.delete(tap);
}

/** @internal Called by multiprocessing for every chunk it shows. A failing tap never disturbs the output. */
export function notifyChildOutput(chunk: ChildChunk): void {
  for (const tap of childTaps) {
    try {
      tap(chunk);
    } catch {
      // an observer's bug must not lose the program's output
    }
  }
}
