// A timeline: who ran when on the clock of one run, as lanes (threads, asyncio tasks, child processes) of
// segments. Built from the scheduler's trace (build.ts), drawn for the terminal (gantt.ts) and as a Mermaid
// gantt for GitHub (mermaid.ts). Lane names and details are student-chosen text: renderers sanitise them.

export type LaneKind = 'main' | 'thread' | 'task' | 'process';

/** running: on the CPU or ready for it; sleeping: time.sleep/asyncio.sleep; blocked: waiting for something named. */
export type SegmentState = 'running' | 'sleeping' | 'blocked';

export interface Segment {
  /** Seconds on the run's clock. */
  start: number;
  end: number;
  state: SegmentState;
  /** What it waited for ("Thread.join() on Thread-1"), for blocked segments. */
  detail?: string;
}

export interface Lane {
  name: string;
  kind: LaneKind;
  /** From its start to its end (or the end of the run). */
  start: number;
  end: number;
  /** False when it was still alive when the run ended. */
  finished: boolean;
  segments: Segment[];
}

export interface Timeline {
  clock: 'virtual' | 'real';
  /** Seconds the run took. */
  elapsed: number;
  lanes: Lane[];
  /** Lanes left out to keep the picture readable. */
  omittedLanes: number;
}

export const MAX_LANES = 12;
export const MAX_SEGMENTS_PER_LANE = 60;
