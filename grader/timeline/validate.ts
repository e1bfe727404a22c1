// A timeline arrives from the test process (or from result.json in the reporting job): student code ran
// there, so its shape is checked field by field, sizes are capped and strings made inert before any use.
import type { Timeline as RunTimeline } from '../result.ts';
import { sanitize } from '../sanitize.ts';
import { MAX_LANES, MAX_SEGMENTS_PER_LANE, type Lane, type LaneKind, type Segment, type SegmentState, type Timeline } from './model.ts';

const KINDS: readonly LaneKind[] = ['thread', 'task', 'process'];
const STATES: readonly SegmentState[] = ['running', 'ready', 'sleeping', 'blocked'];
const MAX_TIME = 1e7;

type Obj = Record<string, unknown>;
const isObj = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);
const time = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= MAX_TIME ? value : undefined);

function segment(value: unknown): Segment | undefined {
  if (!isObj(value)) return undefined;
  const start = time(value['start']);
  const end = time(value['end']);
  const state = value['state'];
  if (start === undefined || end === undefined || end < start || !STATES.includes(state as SegmentState)) return undefined;
  return { start, end, state: state as SegmentState, label: typeof value['label'] === 'string' ? sanitize(value['label'], 200) : null };
}

function lane(value: unknown): Lane | undefined {
  if (!isObj(value) || typeof value['name'] !== 'string' || !Array.isArray(value['segments'])) return undefined;
  if (!KINDS.includes(value['kind'] as LaneKind)) return undefined;
  const segments = value['segments'].slice(0, MAX_SEGMENTS_PER_LANE).map(segment);
  if (segments.some((s) => s === undefined)) return undefined;
  return { name: sanitize(value['name'], 200), kind: value['kind'] as LaneKind, finished: value['finished'] === true, segments: segments as Segment[] };
}

/** The timeline if `value` is a well-formed one, else null (a broken picture is dropped, never an error). */
export function parseTimeline(value: unknown): Timeline | null {
  if (!isObj(value) || !Array.isArray(value['lanes'])) return null;
  const elapsed = time(value['elapsed']);
  const clock = value['clock'];
  if (elapsed === undefined || (clock !== 'virtual' && clock !== 'real')) return null;
  const lanes = value['lanes'].slice(0, MAX_LANES).map(lane);
  if (lanes.some((l) => l === undefined)) return null;
  const omitted = time(value['omittedLanes']) ?? 0;
  return { clock, elapsed, lanes: lanes as Lane[], omittedLanes: Math.floor(omitted) };
}

/** The picture result.json carries: schema fields only, with its place (exercise and test). */
export function runTimeline(timeline: Timeline, exercise: string, test: string): RunTimeline {
  return {
    exercise, test, clock: timeline.clock, elapsed: timeline.elapsed,
    lanes: timeline.lanes.map((lane) => ({ name: lane.name, kind: lane.kind, segments: lane.segments.map((s) => ({ ...s })) })),
  };
}
