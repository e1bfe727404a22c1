// The whole-program hang check: is every process of the program parked for good? A test that waits on other
// processes (a Process.join(), a Queue.get()) can only be woken by them, and each child alone cannot know
// whether another process will wake it; together they can. When this process has every thread parked with no
// timeout and nothing due before the test's deadline (core/quiescence.ts), each running child is asked the
// same (core/child-waits.ts). Only when every process says "parked" on several consecutive probes some
// hundreds of milliseconds apart, with no process's progress count changed in between (no wake-up, no
// message taken: Mattern's counting idea for termination detection), is the program stuck: nothing can ever
// happen again, so waiting out the deadline would only cost time. Any doubt — a child that does not answer
// (busy, starting, exiting, or a pool worker), a wait with a timeout, a timer, a Manager call, outside I/O —
// means "not stuck", never "stuck".
import { appendFileSync } from 'node:fs';
import { askChildren, programParked, untrackedTimers, type ChildWaits } from '../core/index.ts';

/**
 * RUNTIME_QUIESCE_LOG=<file>: one line per check, its verdict, why, and how many probes asked the children
 * (0: this process was not parked), to see how often the check had a chance to be wrong (grader/README.md).
 */
function log(verdict: StuckVerdict, probes: number): StuckVerdict {
  const file = process.env['RUNTIME_QUIESCE_LOG'];
  if (file !== undefined && file !== '') {
    appendFileSync(file, `${JSON.stringify({ stuck: verdict.stuck, probes, why: verdict.stuck ? null : verdict.why })}\n`);
  }
  return verdict;
}

export interface StuckOptions {
  /** Timers due later than this many ms from now cannot change the outcome (the test's deadline comes first). */
  horizonMs: number;
  /** Consecutive probes that must agree (default 3). */
  probes?: number;
  /** Real milliseconds between probes (default 250). */
  gapMs?: number;
  /** How long each child may take to answer a probe (default 500 ms); no answer means "not stuck". */
  answerMs?: number;
}

export type StuckVerdict =
  | { stuck: true; children: ChildWaits[] }
  | { stuck: false; why: string };

function pause(ms: number): Promise<void> {
  const { setTimeout } = untrackedTimers();
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Probes the program (this process and every running child) until it is sure it is stuck for good or finds
 * a sign of life. Costs a few hundred milliseconds when stuck; returns at once when this process is not parked.
 */
export async function programStuck(options: StuckOptions): Promise<StuckVerdict> {
  const probes = options.probes ?? 3;
  const gapMs = options.gapMs ?? 250;
  const answerMs = options.answerMs ?? 500;
  const started = performance.now();
  let previous: string | null = null;
  let children: ChildWaits[] = [];
  for (let probe = 0; probe < probes; probe++) {
    if (probe > 0) await pause(gapMs);
    const horizonMs = options.horizonMs - (performance.now() - started);
    const here = programParked(horizonMs);
    if (!here.parked) return log({ stuck: false, why: `this process: ${here.why ?? ''}` }, probe);
    children = await askChildren(answerMs, horizonMs);
    const busy = children.find((child) => child.parked?.parked !== true);
    if (busy !== undefined) return log({ stuck: false, why: `${busy.name}: ${busy.parked?.why ?? 'no answer'}` }, probe + 1);
    const signature = JSON.stringify([here.progress, ...children.map((child) => [child.name, child.parked?.progress])]);
    if (previous !== null && signature !== previous) return log({ stuck: false, why: 'progress between probes' }, probe + 1);
    previous = signature;
  }
  return log({ stuck: true, children }, probes);
}
