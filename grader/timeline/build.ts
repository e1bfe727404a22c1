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
  label: string | null;
}

function stateOf(event: TraceLike): { state: SegmentState; label: string | null } {
  if (event.event === 'block' || event.event === 'external') {
    const detail = event.detail ?? '';
    if (/sleep/i.test(detail)) return { state: 'sleeping', label: null };
    return { state: 'blocked', label: detail };
  }
  return { state: 'running', label: null };
}

function kindOf(detail: string | undefined, name: string): LaneKind {
  if (detail === 'task') return 'task';
  if (detail === 'main' || detail === 'thread') return 'thread';
  return /^Task-\d+/.test(name) ? 'task' : 'thread';
}

/** Merges neighbours in the same state and drops empty ones; caps the count (the tail is what explains a timeout). */
function tidy(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const segment of segments) {
    const last = out.at(-1);
    if (last !== undefined && last.state === segment.state && last.label === segment.label && last.end === segment.start) last.end = segment.end;
    else out.push({ ...segment });
  }
  const visible = out.filter((segment) => segment.end > segment.start || segment.state === 'running');
  return visible.length > MAX_SEGMENTS_PER_LANE ? visible.slice(-MAX_SEGMENTS_PER_LANE) : visible;
}

export function buildTimeline(trace: readonly TraceLike[], elapsed: number, clock: 'virtual' | 'real' = 'virtual'): Timeline {
  const open = new Map<number, Open>();
  const lanes: Lane[] = [];
  const span = new Map<Lane, { start: number; end: number }>();
  const close = (entry: Open, at: number): void => {
    entry.lane.segments.push({ start: entry.since, end: at, state: entry.state, label: entry.label });
  };
  for (const event of trace) {
    let entry = open.get(event.fiberId);
    if (event.event === 'process-start' || (entry === undefined && event.event === 'process-exit')) {
      // A child process: one lane from its start to its exit (another isolate: what it did inside is not traced).
      const lane: Lane = { name: event.fiber, kind: 'process', finished: false, segments: [] };
      lanes.push(lane);
      span.set(lane, { start: event.time, end: event.time });
      open.set(event.fiberId, { lane, state: 'running', since: event.time, label: null });
      if (event.event === 'process-start') continue;
      entry = open.get(event.fiberId) as Open;
    }
    if (entry === undefined) {
      const lane: Lane = { name: event.fiber, kind: kindOf(event.event === 'spawn' ? event.detail : undefined, event.fiber), finished: false, segments: [] };
      lanes.push(lane);
      span.set(lane, { start: event.time, end: event.time });
      entry = { lane, state: 'running', since: event.time, label: null };
      open.set(event.fiberId, entry);
      if (event.event === 'spawn') continue;
    }
    if (event.event === 'spawn') continue;
    if (event.event === 'finish' || event.event === 'process-exit') {
      close(entry, event.time);
      (span.get(entry.lane) as { end: number }).end = event.time;
      entry.lane.finished = true;
      open.delete(event.fiberId);
      continue;
    }
    const next = stateOf(event);
    if (next.state === entry.state && next.label === entry.label) continue;
    close(entry, event.time);
    entry.state = next.state;
    entry.since = event.time;
    entry.label = next.label;
  }
  const end = Math.max(elapsed, ...[...span.values()].map((s) => s.end));
  for (const entry of open.values()) {
    close(entry, end);
    (span.get(entry.lane) as { end: number }).end = end;
  }
  const length = (lane: Lane): number => {
    const s = span.get(lane) as { start: number; end: number };
    return s.end - s.start;
  };
  for (const lane of lanes) lane.segments = tidy(lane.segments);
  // The first lane (the main thread) first, then the longest-lived: a run with 3,000 threads still fits on a screen.
  const kept = lanes.length <= MAX_LANES ? lanes
    : [...lanes].sort((a, b) => (a === lanes[0] ? -1 : b === lanes[0] ? 1 : 0) || length(b) - length(a)).slice(0, MAX_LANES)
      .sort((a, b) => lanes.indexOf(a) - lanes.indexOf(b));
  return { clock, elapsed: end, lanes: kept, omittedLanes: lanes.length - kept.length };
}

/** Worth drawing under a failing test: more than one lane, or time that passed. */
export function isTimingPicture(timeline: Timeline): boolean {
  return timeline.elapsed > 0 || timeline.lanes.length > 1;
}
