// From the scheduler's trace (runtime/testing simulate(): spawn, run, block, yield, external, finish) to
// lanes of segments. Pure and dependency-free: it also runs inside the test process, under a failing test.
import { MAX_LANES, MAX_SEGMENTS_PER_LANE, type Lane, type LaneKind, type Segment, type SegmentState, type Timeline } from './model.ts';

/** The part of a runtime TraceEvent the timeline reads. */
export interface TraceLike {
  time: number;
  fiber: string;
  fiberId: number;
  event: string;
  detail?: string;
}

interface Open {
  lane: Lane;
  state: SegmentState;
  since: number;
  detail?: string;
}

function stateOf(event: TraceLike): { state: SegmentState; detail?: string } {
  if (event.event === 'block' || event.event === 'external') {
    const detail = event.detail ?? '';
    if (/sleep/i.test(detail)) return { state: 'sleeping' };
    return { state: 'blocked', detail };
  }
  return { state: 'running' };
}

function kindOf(detail: string | undefined, name: string): LaneKind {
  if (detail === 'main' || detail === 'thread' || detail === 'task') return detail;
  return name === 'MainThread' ? 'main' : /^Task-\d+/.test(name) ? 'task' : 'thread';
}

/** Merges neighbours in the same state and drops empty ones; caps the count (the tail is what explains a timeout). */
function tidy(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const segment of segments) {
    const last = out.at(-1);
    if (last !== undefined && last.state === segment.state && last.detail === segment.detail && last.end === segment.start) last.end = segment.end;
    else out.push({ ...segment });
  }
  const visible = out.filter((segment) => segment.end > segment.start || segment.state === 'running');
  return visible.length > MAX_SEGMENTS_PER_LANE ? visible.slice(-MAX_SEGMENTS_PER_LANE) : visible;
}

export function buildTimeline(trace: readonly TraceLike[], elapsed: number, clock: 'virtual' | 'real' = 'virtual'): Timeline {
  const open = new Map<number, Open>();
  const lanes: Lane[] = [];
  const close = (entry: Open, at: number): void => {
    const segment: Segment = { start: entry.since, end: at, state: entry.state };
    if (entry.detail !== undefined) segment.detail = entry.detail;
    entry.lane.segments.push(segment);
  };
  for (const event of trace) {
    let entry = open.get(event.fiberId);
    if (entry === undefined) {
      const lane: Lane = { name: event.fiber, kind: kindOf(event.event === 'spawn' ? event.detail : undefined, event.fiber), start: event.time, end: event.time, finished: false, segments: [] };
      lanes.push(lane);
      entry = { lane, state: 'running', since: event.time };
      open.set(event.fiberId, entry);
      if (event.event === 'spawn') continue;
    }
    if (event.event === 'spawn') continue;
    if (event.event === 'finish') {
      close(entry, event.time);
      entry.lane.end = event.time;
      entry.lane.finished = true;
      open.delete(event.fiberId);
      continue;
    }
    const next = stateOf(event);
    if (next.state === entry.state && next.detail === entry.detail) continue;
    close(entry, event.time);
    entry.state = next.state;
    entry.since = event.time;
    if (next.detail === undefined) delete entry.detail;
    else entry.detail = next.detail;
  }
  const end = Math.max(elapsed, ...lanes.map((lane) => lane.end));
  for (const entry of open.values()) {
    close(entry, end);
    entry.lane.end = end;
  }
  for (const lane of lanes) lane.segments = tidy(lane.segments);
  // The main thread first, then the busiest lanes: a run with 3,000 threads still fits on a screen.
  const kept = lanes.length <= MAX_LANES ? lanes
    : [...lanes].sort((a, b) => (a.kind === 'main' ? -1 : b.kind === 'main' ? 1 : 0) || (b.end - b.start) - (a.end - a.start)).slice(0, MAX_LANES)
      .sort((a, b) => lanes.indexOf(a) - lanes.indexOf(b));
  return { clock, elapsed: end, lanes: kept, omittedLanes: lanes.length - kept.length };
}

/** Worth drawing under a failing test: more than one lane, or time that passed. */
export function isTimingPicture(timeline: Timeline): boolean {
  return timeline.elapsed > 0 || timeline.lanes.length > 1;
}
