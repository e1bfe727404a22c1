// Discovers the exercises of a course folder (exercises/<NN-slug>/ with meta.json).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadMeta, MetaError, type Meta } from './meta.ts';

export const HIDDEN_TEST_FILE = 'hidden.test.ts';
export const SEALED_FILE = 'hidden.sealed.json';
/** The course test kit (`#course/kit`): protected course material every exercise's tests share, never an exercise. */
export const KIT_DIR = '_kit';

/** Folders of exercises/ that are not exercises: hidden ones and those starting with `_` (the kit). */
export function isExerciseFolder(name: string): boolean {
  return !name.startsWith('.') && !name.startsWith('_');
}

export type HiddenTests =
  | { kind: 'none' }
  | { kind: 'plain'; file: string }
  | { kind: 'sealed'; file: string };

export interface Exercise {
  /** Folder name, e.g. "01-threads-args". */
  key: string;
  /** Absolute path of the exercise folder in the course. */
  dir: string;
  meta: Meta;
  /** Visible test files, relative to `dir`. */
  visibleTests: string[];
  hidden: HiddenTests;
}

export interface Course {
  root: string;
  exercises: Exercise[];
  problems: MetaError[];
}

export function exercisesDir(root: string): string {
  return join(root, 'exercises');
}

function isTestFile(name: string): boolean {
  return name.endsWith('.test.ts') && name !== HIDDEN_TEST_FILE;
}

export function loadExercise(dir: string, key: string): Exercise {
  const metaFile = join(dir, 'meta.json');
  const meta = loadMeta(metaFile);
  const expectedKey = `${meta.id}-${meta.slug}`;
  if (key !== expectedKey) {
    throw new MetaError(metaFile, [`field "id"/"slug": folder is "${key}" but id-slug gives "${expectedKey}"`]);
  }
  const names = readdirSync(dir);
  let hidden: HiddenTests = { kind: 'none' };
  if (names.includes(HIDDEN_TEST_FILE)) hidden = { kind: 'plain', file: HIDDEN_TEST_FILE };
  else if (names.includes(SEALED_FILE)) hidden = { kind: 'sealed', file: SEALED_FILE };
  return { key, dir, meta, visibleTests: names.filter(isTestFile).sort(), hidden };
}

/** Every exercise folder (sorted); folders with a broken meta.json become `problems`. */
export function loadCourse(root: string): Course {
  const base = exercisesDir(root);
  const exercises: Exercise[] = [];
  const problems: MetaError[] = [];
  if (!existsSync(base)) return { root, exercises, problems };
  const keys = readdirSync(base)
    .filter((name) => isExerciseFolder(name) && statSync(join(base, name)).isDirectory())
    .sort();
  const seenIds = new Map<string, string>();
  for (const key of keys) {
    try {
      const exercise = loadExercise(join(base, key), key);
      const previous = seenIds.get(exercise.meta.id);
      if (previous !== undefined) {
        problems.push(new MetaError(join(base, key, 'meta.json'), [`field "id": "${exercise.meta.id}" is also used by ${previous}`]));
        continue;
      }
      seenIds.set(exercise.meta.id, key);
      exercises.push(exercise);
    } catch (error) {
      if (error instanceof MetaError) problems.push(error);
      else throw error;
    }
  }
  return { root, exercises, problems };
}

/** Matches `--only` / `npm test -- NN`: an id ("3" or "03"), a folder name or a slug. */
export function selectExercises(exercises: Exercise[], wanted: string[]): { selected: Exercise[]; unknown: string[] } {
  if (wanted.length === 0) return { selected: exercises, unknown: [] };
  const selected = new Set<Exercise>();
  const unknown: string[] = [];
  for (const raw of wanted) {
    const want = raw.trim();
    const match = exercises.filter((ex) =>
      ex.key === want || ex.meta.slug === want || ex.meta.id === want ||
      (/^\d+$/.test(want) && Number(ex.meta.id) === Number(want)));
    if (match.length === 0) unknown.push(raw);
    for (const ex of match) selected.add(ex);
  }
  return { selected: exercises.filter((ex) => selected.has(ex)), unknown };
}
