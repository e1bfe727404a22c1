// A timeline: who ran when on the clock of one run, as lanes (threads, asyncio tasks, child processes) of
// segments. Built from the scheduler's trace (build.ts), drawn for the terminal (gantt.ts) and as a Mermaid
// gantt for GitHub (mermaid.ts). Lane names and details are student-chosen text: renderers sanitise them.

// The shapes are those of result.json's `timeline` (grader/result.ts, schema v2), written out here because
// build.ts and this file are also copied into the test workspace, which has no grader/result.ts.

export type LaneKind = 'thread' | 'task' | 'process';

/** running: on the CPU; ready: waiting for its turn; sleeping: a sleep; blocked: waiting for something named. */
export type SegmentState = 'running' | 'sleeping' | 'blocked' | 'ready';

export interface Segment {
  /** Seconds on the run's clock. */
  start: number;
  end: number;
  state: SegmentState;
  /** What it waited for ("Thread.join() on Thread-1"), for blocked segments; else null. */
  label: string | null;
}

export interface Lane {
  name: string;
  kind: LaneKind;
  segments: Segment[];
  /** Whether it ended before the run did (drawn as ┤); absent in result.json. */
  finished?: boolean;
}

/** A timeline without its place (result.json's run-level `timeline` adds `exercise` and `test`). */
export interface Timeline {
  clock: 'virtual' | 'real';
  /** Seconds the run took. */
  elapsed: number;
  lanes: Lane[];
  /** Lanes left out to keep the picture readable (absent in result.json). */
  omittedLanes?: number;
}

export const MAX_LANES = 12;
export const MAX_SEGMENTS_PER_LANE = 60;
