// The reporting job trusts nothing from the grading job (it ran student code): result.json is parsed
// against the grader's schema, sizes are capped, every string is made inert again, and the total is
// recomputed from the exercises so the "Points X/Y" annotation always matches the table.
import type { Lang } from '../i18n.ts';
import {
  EXERCISE_STATES, exerciseState, overallStatus, RESULT_SCHEMA_VERSION, round2, SANDBOX_KINDS, type ErrorKind, type ExerciseResult, type GradeResult,
  type Status, type TestResult, type Timeline, type TimelineLane, type TimelineSegment,
} from '../result.ts';
import { sanitize } from '../sanitize.ts';

export class InvalidResultError extends Error {
  override name = 'InvalidResultError';
}

const STATUSES: readonly Status[] = ['pass', 'fail', 'error'];
const ERROR_KINDS: readonly ErrorKind[] = ['missing-file', 'syntax', 'missing-export', 'policy', 'load', 'timeout', 'memory',
  'processes', 'crash', 'integrity', 'no-tests', 'skipped', 'hidden-unavailable'];
export const LIMITS = { exercises: 200, tests: 500, list: 200, text: 4000, short: 300, hints: 20, lanes: 64, segments: 400, id: 64 };

type Obj = Record<string, unknown>;

function fail(path: string, what: string): never {
  throw new InvalidResultError(`result.json: ${path}: ${what}`);
}

function obj(value: unknown, path: string): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'expected an object');
  return value as Obj;
}

function arr(value: unknown, path: string, max: number): unknown[] {
  if (!Array.isArray(value)) fail(path, 'expected an array');
  if (value.length > max) fail(path, `more than ${max} entries`);
  return value;
}

function num(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1e6) fail(path, 'expected a number between 0 and 1e6');
  return value;
}

function str(value: unknown, path: string, max: number): string {
  if (typeof value !== 'string') fail(path, 'expected a string');
  return sanitize(value, max);
}

function nullableStr(value: unknown, path: string, max: number): string | null {
  return value === null ? null : str(value, path, max);
}

/** A diagnosis id: lowercase words joined by dashes, so it can key a lookup and never carries prose. */
function diagnosisId(value: unknown, path: string): string | null {
  if (value === null) return null;
  if (typeof value !== 'string' || !/^[a-z][a-z0-9-]{0,63}$/.test(value)) fail(path, 'expected null or a diagnosis id (a-z, 0-9, -)');
  return value;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], path: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) fail(path, `expected one of ${allowed.join(', ')}`);
  return value as T;
}

function test(value: unknown, path: string): TestResult {
  const t = obj(value, path);
  return {
    id: str(t['id'], `${path}.id`, LIMITS.short),
    name: str(t['name'], `${path}.name`, LIMITS.short),
    status: oneOf(t['status'], STATUSES, `${path}.status`),
    score: num(t['score'], `${path}.score`),
    max_score: num(t['max_score'], `${path}.max_score`),
    visibility: oneOf(t['visibility'], ['visible', 'hidden'] as const, `${path}.visibility`),
    message: nullableStr(t['message'], `${path}.message`, LIMITS.text),
    output: str(t['output'], `${path}.output`, 500),
    duration: num(t['duration'], `${path}.duration`),
    diagnosis: diagnosisId(t['diagnosis'], `${path}.diagnosis`),
    hint: nullableStr(t['hint'], `${path}.hint`, LIMITS.text),
  };
}

function exercise(value: unknown, path: string): ExerciseResult {
  const e = obj(value, path);
  const error = e['error'] === null ? null : obj(e['error'], `${path}.error`);
  const hidden = obj(e['hidden'], `${path}.hidden`);
  const tests = arr(e['tests'], `${path}.tests`, LIMITS.tests).map((t, i) => test(t, `${path}.tests[${i}]`));
  const maxScore = num(e['max_score'], `${path}.max_score`);
  // Never more than the exercise's maximum (the grader rounds each exercise, so its tests may add up to 0.01 less).
  const score = round2(Math.min(maxScore, num(e['score'], `${path}.score`)));
  return {
    id: str(e['id'], `${path}.id`, 20),
    key: str(e['key'], `${path}.key`, 100),
    title: str(e['title'], `${path}.title`, LIMITS.short),
    status: oneOf(e['status'], STATUSES, `${path}.status`),
    // Checked, then recomputed from the numbers like the total: a file cannot call a failing exercise complete.
    state: exerciseState({ status: oneOf(e['status'], STATUSES, `${path}.status`), tests,
      hidden: { pending: num(hidden['pending'], `${path}.hidden.pending`) } }, oneOf(e['state'], EXERCISE_STATES, `${path}.state`)),
    score: error === null ? score : 0,
    max_score: maxScore,
    error: error === null ? null : { kind: oneOf(error['kind'], ERROR_KINDS, `${path}.error.kind`), message: str(error['message'], `${path}.error.message`, LIMITS.text) },
    hint: nullableStr(e['hint'], `${path}.hint`, LIMITS.text),
    hints_available: num(e['hints_available'], `${path}.hints_available`),
    hints: arr(e['hints'], `${path}.hints`, LIMITS.hints).map((h, i) => str(h, `${path}.hints[${i}]`, LIMITS.text)),
    hidden: { total: num(hidden['total'], `${path}.hidden.total`), passed: num(hidden['passed'], `${path}.hidden.passed`), pending: num(hidden['pending'], `${path}.hidden.pending`) },
    tests,
  };
}

function segment(value: unknown, path: string): TimelineSegment {
  const s = obj(value, path);
  return {
    start: num(s['start'], `${path}.start`),
    end: num(s['end'], `${path}.end`),
    state: oneOf(s['state'], ['running', 'sleeping', 'blocked', 'ready'] as const, `${path}.state`),
    label: nullableStr(s['label'], `${path}.label`, LIMITS.short),
  };
}

function lane(value: unknown, path: string): TimelineLane {
  const l = obj(value, path);
  return {
    name: str(l['name'], `${path}.name`, LIMITS.short),
    kind: oneOf(l['kind'], ['thread', 'task', 'process'] as const, `${path}.kind`),
    segments: arr(l['segments'], `${path}.segments`, LIMITS.segments).map((s, i) => segment(s, `${path}.segments[${i}]`)),
  };
}

function timeline(value: unknown, path: string): Timeline | null {
  if (value === null || value === undefined) return null;
  const t = obj(value, path);
  return {
    exercise: str(t['exercise'], `${path}.exercise`, LIMITS.short),
    test: str(t['test'], `${path}.test`, LIMITS.short),
    clock: oneOf(t['clock'], ['virtual', 'real'] as const, `${path}.clock`),
    elapsed: num(t['elapsed'], `${path}.elapsed`),
    lanes: arr(t['lanes'], `${path}.lanes`, LIMITS.lanes).map((l, i) => lane(l, `${path}.lanes[${i}]`)),
  };
}

export function validateResult(raw: unknown): GradeResult {
  const r = obj(raw, '$');
  if (r['version'] !== RESULT_SCHEMA_VERSION) fail('$.version', `expected ${RESULT_SCHEMA_VERSION}`);
  const tamper = obj(r['tamper'], '$.tamper');
  if (typeof tamper['checked'] !== 'boolean') fail('$.tamper.checked', 'expected a boolean');
  const exercises = arr(r['exercises'], '$.exercises', LIMITS.exercises).map((e, i) => exercise(e, `$.exercises[${i}]`));
  const partial = {
    tamper: { checked: tamper['checked'], changed: arr(tamper['changed'], '$.tamper.changed', LIMITS.list + 1).map((p, i) => str(p, `$.tamper.changed[${i}]`, LIMITS.short)) },
    errors: arr(r['errors'], '$.errors', LIMITS.list).map((p, i) => str(p, `$.errors[${i}]`, LIMITS.text)),
    exercises,
    score: round2(exercises.reduce((sum, e) => sum + e.score, 0)),
    max_score: round2(exercises.reduce((sum, e) => sum + e.max_score, 0)),
  };
  return {
    version: RESULT_SCHEMA_VERSION,
    // Never better than the grader said, and never better than the numbers allow.
    status: worst(oneOf(r['status'], STATUSES, '$.status'), overallStatus(partial)),
    ...partial,
    lang: oneOf<Lang>(r['lang'], ['es', 'en'], '$.lang'),
    source: str(r['source'], '$.source', LIMITS.short),
    duration: num(r['duration'], '$.duration'),
    sandbox: oneOf(r['sandbox'], SANDBOX_KINDS, '$.sandbox'),
    timeline: timeline(r['timeline'], '$.timeline'),
  };
}

function worst(a: Status, b: Status): Status {
  const rank: Record<Status, number> = { pass: 0, fail: 1, error: 2 };
  return rank[a] >= rank[b] ? a : b;
}

export function parseResultText(text: string): GradeResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new InvalidResultError(`result.json is not JSON: ${(error as Error).message}`);
  }
  return validateResult(raw);
}
