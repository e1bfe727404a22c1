// Where a child process's printed text goes.
//
// A worker's own console is relayed by Node through the main thread and shows up late (node-runtime-facts.md),
// so the child replaces process.stdout/stderr.write with a relay that posts each chunk to its parent right away.
// Every chunk carries the number it took when printed (output/order.ts); the main program shows chunks in
// number order, so output of different processes keeps the order it was printed in. The parent hands every
// chunk to:
//   1. the sink installed with setChildOutputSink (#runtime/testing, or a test), else
//   2. the capture buffer of the simulation that started the process (core/output.ts), else
//   3. its own parent, when it is itself a child, else
//   4. file descriptor 1 or 2 with fs.writeSync (synchronous, so it stays in order with the parent's prints).
import { writeSync } from 'node:fs';
import { notifyChildOutput } from '../../core/index.ts';
import { OutputOrder } from './order.ts';
import { state } from '../state.ts';

export type Stream = 'stdout' | 'stderr';

export interface ChildOutput {
  stream: Stream;
  text: string;
  /** Name of the process that printed it (Process-1, Process-1:2, ...). */
  processName: string;
  /** The number the chunk took when printed, shared by the whole process tree (absent: not ordered). */
  seq?: number;
  /** @internal Not a chunk: the number `seq` was consumed below (a child's own capture) and never comes. */
  skip?: true;
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

/** True in the main program: the process that orders the tree's output (a child passes it up). */
export function ordersOutput(): boolean {
  return upstream === null;
}

/** Called in a child: output of its own children goes up to its parent. */
export function setUpstream(fn: ChildOutputSink | null): void {
  upstream = fn;
}

/** Deliver a chunk printed by a child process (or by this process, when it is a child, via the relay). */
export function deliverChildOutput(output: ChildOutput, capture: string[] | null = null): void {
  if (sink === null && capture === null && upstream !== null) {
    upstream(output); // ordered by the main program
    return;
  }
  if (output.seq === undefined) {
    // Text the parent writes for a child (a traceback it could not start): after what is already in flight.
    if (output.skip !== true) inTurn(() => consume(output, capture));
  } else if (upstream !== null) {
    // Consumed here, in a child: tell the main program not to wait for this number.
    if (output.skip !== true) consume(output, capture);
    upstream({ stream: output.stream, text: '', processName: output.processName, seq: output.seq, skip: true });
  } else if (output.skip === true) {
    order().giveUp(output.seq);
  } else {
    order().accept(output.seq, () => consume(output, capture));
  }
}

let ordering: OutputOrder | null = null;

/** @internal The main program's ordering of the process tree's output (created on first use). */
export function order(): OutputOrder {
  if (ordering === null) {
    const created = new OutputOrder();
    ordering = created;
    // Whatever is still held when the program ends is shown, in order.
    process.once('exit', () => created.flush());
  }
  return ordering;
}

/**
 * Run `deliver` (text this process writes) in its turn: at once when every number taken so far has been shown
 * (nothing printed earlier is still on its way: the usual case, and no number is needed), else with a number
 * of its own, after the chunks printed before it. Only the main program orders; a child's text is numbered
 * by its relay.
 */
export function inTurn(deliver: () => void): void {
  if (upstream !== null || ordering === null) {
    deliver();
    return;
  }
  const taken = Atomics.load(state.outputSeq, 0);
  if (ordering.shownThrough((taken - 1) | 0)) {
    deliver();
    return;
  }
  ordering.accept(Atomics.add(state.outputSeq, 0, 1), deliver);
}

/** @internal For tests: how long a chunk waits for a missing earlier number (ms); returns the previous value. */
export function setMissingOutputWait(ms: number): number {
  const previous = order().waitMs;
  order().waitMs = ms;
  return previous;
}

/**
 * A child has exited: nothing more comes from it. `lastTaken` is the number it took last (if that chunk never
 * arrived, it died before posting it: given up now); resolves once everything it sent (`lastReceived`) is shown.
 */
export function childOutputDone(lastReceived: number | null, lastTaken: number | null): Promise<void> {
  if (upstream !== null || ordering === null) return Promise.resolve();
  if (lastTaken !== null) ordering.giveUp(lastTaken);
  return lastReceived === null ? Promise.resolve() : ordering.whenShown(lastReceived);
}

function consume(output: ChildOutput, capture: string[] | null): void {
  notifyChildOutput({ stream: output.stream, text: output.text, processName: output.processName });
  if (sink !== null) {
    sink(output);
  } else if (capture !== null) {
    const body = output.text.endsWith('\n') ? output.text.slice(0, -1) : output.text;
    for (const line of body.split('\n')) capture.push(line);
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
