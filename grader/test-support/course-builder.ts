// Test helper: builds throw-away courses from the fixture exercise 01-add, one exercise per submission,
// so many hostile submissions are graded in a single run (which also proves they cannot hurt each other).
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/**
 * The fixture course is stored with its test files named `*.test.fixture.ts`, so the repository's own
 * vitest run (which includes grader/**\/*.test.ts) does not pick up tests that are meant to fail against
 * the stubs. This materialises it once per process as a real course folder (`*.test.ts`).
 */
function materialiseFixture(): string {
  const root = mkdtempSync(join(tmpdir(), 'grader-fixture-'));
  cpSync(join(import.meta.dirname, '..', 'fixtures', 'course'), root, { recursive: true });
  const rename = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) rename(path);
      else if (name.endsWith('.test.fixture.ts')) renameSync(path, join(dir, name.replace(/\.test\.fixture\.ts$/, '.test.ts')));
    }
  };
  rename(join(root, 'exercises'));
  // Removed when the test file ends: vitest stops its fork workers with a signal, so an 'exit' handler
  // alone left one folder per test file behind in the temporary directory.
  const remove = (): void => rmSync(root, { recursive: true, force: true });
  afterAll(remove);
  process.on('exit', remove);
  return root;
}

export const FIXTURE_COURSE = materialiseFixture();

export interface SyntheticExercise {
  slug: string;
  /** The submitted exercise.ts (placed in solutions/<key>/). */
  submission: string;
  /** Replaces the visible test file. */
  visibleTest?: string;
  timeLimit?: number;
  withHidden?: boolean;
}

export interface SyntheticCourse {
  root: string;
  keys: string[];
  dispose(): void;
}

export function buildCourse(exercises: SyntheticExercise[], base = '01-add'): SyntheticCourse {
  const root = mkdtempSync(join(tmpdir(), 'grader-course-'));
  const keys: string[] = [];
  exercises.forEach((spec, index) => {
    const id = String(index + 1).padStart(2, '0');
    const key = `${id}-${spec.slug}`;
    keys.push(key);
    const dir = join(root, 'exercises', key);
    cpSync(join(FIXTURE_COURSE, 'exercises', base), dir, { recursive: true });
    const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as Record<string, unknown>;
    meta['id'] = id;
    meta['slug'] = spec.slug;
    meta['timeLimit'] = spec.timeLimit ?? 10;
    writeFileSync(join(dir, 'meta.json'), JSON.stringify(meta, null, 2));
    if (spec.visibleTest !== undefined) writeFileSync(join(dir, 'exercise.test.ts'), spec.visibleTest);
    if (spec.withHidden === false) rmSync(join(dir, 'hidden.test.ts'));
    mkdirSync(join(root, 'solutions', key), { recursive: true });
    writeFileSync(join(root, 'solutions', key, 'exercise.ts'), spec.submission);
  });
  return { root, keys, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

export const GOOD_ADD = 'export function add(a: number, b: number): number {\n  return a + b;\n}\n';
