// Where a child process's printed text goes.
//
// A worker's own console is relayed by Node through the main thread and shows up late (node-runtime-facts.md),
// so the child replaces process.stdout/stderr.write with a relay that posts each chunk to its parent right away.
// The parent hands every chunk, in arrival order (so in order per process), to:
//   1. the sink installed with setChildOutputSink (#runtime/testing, or a test), else
//   2. the capture buffer of the simulation that started the process (core/output.ts), else
//   3. its own parent, when it is itself a child, else
//   4. file descriptor 1 or 2 with fs.writeSync (synchronous, so it stays in order with the parent's prints).
import { writeSync } from 'node:fs';

export type Stream = 'stdout' | 'stderr';

export interface ChildOutput {
  stream: Stream;
  text: string;
  /** Name of the process that printed it (Process-1, Process-1:2, ...). */
  processName: string;
}

export type ChildOutputSink = (output: ChildOutput) => void;

let sink: ChildOutputSink | null = null;
let upstream: ChildOutputSink | null = null;

/** Install (or remove with null) the receiver of every child's output; returns the previous one. */
export function setChildOutputSink(fn: ChildOutputSink | null): ChildOutputSink | null {
  const previous = sink;
  sink = fn;
  return previous;
}

/** Called in a child: output of its own children goes up to its parent. */
export function setUpstream(fn: ChildOutputSink | null): void {
  upstream = fn;
}

/** Deliver a chunk printed by a child process (or by this process, when it is a child, via the relay). */
export function deliverChildOutput(output: ChildOutput, capture: string[] | null = null): void {
  if (sink !== null) {
    sink(output);
  } else if (capture !== null) {
    const body = output.text.endsWith('\n') ? output.text.slice(0, -1) : output.text;
    for (const line of body.split('\n')) capture.push(line);
  } else if (upstream !== null) {
    upstream(output);
  } else {
    writeFd(output.stream === 'stdout' ? 1 : 2, output.text);
  }
}

/** Write all of `text`, retrying while a non-blocking pipe is full; a closed pipe (EPIPE) drops the text. */
function writeFd(fd: number, text: string): void {
  let bytes = Buffer.from(text);
  for (let attempts = 0; bytes.length > 0 && attempts < 100_000; attempts++) {
    try {
      bytes = bytes.subarray(writeSync(fd, bytes));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') continue;
      if (code === 'EPIPE') return;
      throw error;
    }
  }
}
