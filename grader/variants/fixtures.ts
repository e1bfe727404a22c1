// Mistake fixtures: wrong submissions of an exercise, each written from a warning of its statement, with the
// verdict it must keep. One JSON file per mistake in solutions/<NN-slug>/mistakes/ (never exported):
//
//   {
//     "mistake": { "es": "...", "en": "..." },            what the student got wrong, in their words
//     "file": "exercise.ts",                               optional: the changeable file edited (default: the first)
//     "edits": [{ "find": "...", "replace": "..." }],      applied to the reference solution, each `find` exactly once
//     "keywords": { "es": ["..."], "en": ["..."] },        words the first failure message must contain (any case)
//     "expect": { "score", "failing", "first", "diagnosis" }   recorded by `tsx grader/cli.ts mistakes --record`
//     "awaiting": "..."                                    optional: why the message does not name the mistake yet
//                                                          (its keyword problems are then notes, not failures)
//   }
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Exercise } from '../model/course.ts';
import type { Variant } from './engine.ts';

export const MISTAKES_DIR = 'mistakes';

export interface Edit {
  find: string;
  replace: string;
}

export interface ExpectedVerdict {
  score: number;
  /** Ids of the failing tests, sorted. */
  failing: string[];
  /** Id of the first failing test (or the exercise error kind, e.g. "timeout"). */
  first: string;
  /** Diagnosis id of the first failure, or null when none is recognised. */
  diagnosis: string | null;
}

export interface Fixture {
  /** "<NN-slug>/<name>" */
  id: string;
  name: string;
  path: string;
  exercise: Exercise;
  mistake: { es: string; en: string };
  file: string;
  edits: Edit[];
  keywords: { es: string[]; en: string[] };
  expect: ExpectedVerdict | null;
  /** Set while the first message is known not to name the mistake yet (who fixes it): message checks only warn. */
  awaiting: string | null;
}

export class FixtureError extends Error {
  override name = 'FixtureError';
}

function strings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function parseFixture(path: string, name: string, exercise: Exercise): Fixture {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new FixtureError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  const problems: string[] = [];
  const mistake = raw['mistake'] as { es?: unknown; en?: unknown } | undefined;
  if (typeof mistake?.es !== 'string' || typeof mistake.en !== 'string') problems.push('"mistake" needs "es" and "en" texts');
  const file = raw['file'] ?? exercise.meta.files[0];
  if (typeof file !== 'string' || !exercise.meta.files.includes(file)) problems.push(`"file" must be one of ${exercise.meta.files.join(', ')}`);
  const edits = raw['edits'];
  if (!Array.isArray(edits) || edits.length === 0 || !edits.every((e) => typeof e?.find === 'string' && typeof e?.replace === 'string' && e.find !== '')) {
    problems.push('"edits" must be a non-empty list of { "find": "...", "replace": "..." }');
  }
  const keywords = raw['keywords'] as { es?: unknown; en?: unknown } | undefined;
  if (!strings(keywords?.es) || !strings(keywords?.en) || keywords.es.length === 0 || keywords.en.length === 0) {
    problems.push('"keywords" needs at least one word in "es" and in "en" (what the first failure message must say)');
  }
  const expected = raw['expect'] as ExpectedVerdict | undefined | null;
  if (expected != null && (typeof expected.score !== 'number' || !strings(expected.failing) || typeof expected.first !== 'string')) {
    problems.push('"expect" must be { "score", "failing", "first", "diagnosis" } (re-record it: tsx grader/cli.ts mistakes --record)');
  }
  // The course check grades every fixture now (a hang ends as soon as the whole program is parked): the old
  // "slow" exemption is refused rather than silently ignored.
  if ('slow' in raw) problems.push('"slow" is gone: the course check grades every fixture (remove the field)');
  if (problems.length > 0) throw new FixtureError(`${path}: ${problems.join('; ')}`);
  return {
    id: `${exercise.key}/${name}`,
    name,
    path,
    exercise,
    mistake: mistake as { es: string; en: string },
    file: file as string,
    edits: edits as Edit[],
    keywords: keywords as { es: string[]; en: string[] },
    expect: expected ?? null,
    awaiting: typeof raw['awaiting'] === 'string' ? raw['awaiting'] : null,
  };
}

/** The fixtures of the given exercises (sorted by exercise, then name). */
export function loadFixtures(courseRoot: string, exercises: Exercise[]): Fixture[] {
  const fixtures: Fixture[] = [];
  for (const exercise of exercises) {
    const dir = join(courseRoot, 'solutions', exercise.key, MISTAKES_DIR);
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
      fixtures.push(parseFixture(join(dir, entry), entry.slice(0, -'.json'.length), exercise));
    }
  }
  return fixtures;
}

/** The wrong submission: the reference solution with the fixture's edits (each must match exactly once). */
export function fixtureVariant(courseRoot: string, fixture: Fixture): Variant {
  const files: Record<string, string> = {};
  for (const file of fixture.exercise.meta.files) {
    const path = join(courseRoot, 'solutions', fixture.exercise.key, file);
    if (existsSync(path)) files[file] = readFileSync(path, 'utf8');
  }
  let text = files[fixture.file];
  if (text === undefined) throw new FixtureError(`${fixture.path}: solutions/${fixture.exercise.key}/${fixture.file} does not exist`);
  for (const edit of fixture.edits) {
    const count = text.split(edit.find).length - 1;
    if (count !== 1) {
      throw new FixtureError(`${fixture.path}: "find" must match the solution exactly once, found ${count} times: ${JSON.stringify(edit.find.slice(0, 80))}`
        + ' (did the solution change? update the fixture\'s edits)');
    }
    text = text.replace(edit.find, () => edit.replace);
  }
  files[fixture.file] = text;
  return { id: fixture.id, exercise: fixture.exercise, files };
}

/** Writes the recorded verdict into the fixture file, keeping everything else. */
export function recordExpect(fixture: Fixture, expected: ExpectedVerdict): void {
  const raw = JSON.parse(readFileSync(fixture.path, 'utf8')) as Record<string, unknown>;
  raw['expect'] = expected;
  writeFileSync(fixture.path, `${JSON.stringify(raw, null, 2)}\n`);
}
