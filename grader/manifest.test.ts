import { cpSync, mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { compareWithManifest, buildManifest, protectedPaths, tamperCheck, writeManifest } from './manifest.ts';
import { loadCourse } from './model/course.ts';
import { FIXTURE_COURSE } from './test-support/course-builder.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function copyOfFixture(): string {
  const root = mkdtempSync(join(tmpdir(), 'grader-manifest-'));
  dirs.push(root);
  cpSync(FIXTURE_COURSE, root, { recursive: true });
  writeFileSync(join(root, 'package.json'), '{"name":"x"}\n');
  mkdirSync(join(root, 'runtime'));
  writeFileSync(join(root, 'runtime', 'index.ts'), 'export {};\n');
  return root;
}

describe('tamper manifest', () => {
  test('protects tests, support files, runtime and configs, never the changeable files', () => {
    const root = copyOfFixture();
    const paths = protectedPaths(root, loadCourse(root).exercises);
    expect(paths).toContain('exercises/02-words/support.ts');
    expect(paths).toContain('exercises/01-add/hidden.test.ts');
    expect(paths).toContain('runtime/index.ts');
    expect(paths).toContain('package.json');
    expect(paths).not.toContain('exercises/01-add/exercise.ts');
    expect(paths.some((p) => p.startsWith('solutions/'))).toBe(false);
  });

  test('reports changed, deleted and added files by path; edits to exercise.ts are fine', () => {
    const root = copyOfFixture();
    const { exercises } = loadCourse(root);
    writeManifest(root, exercises);
    writeFileSync(join(root, 'exercises', '01-add', 'exercise.ts'), 'export function add() { return 0; }\n');
    writeFileSync(join(root, 'exercises', '01-add', 'exercise.test.ts'), '// emptied\n');
    unlinkSync(join(root, 'exercises', '02-words', 'support.ts'));
    writeFileSync(join(root, 'exercises', '02-words', 'extra.test.ts'), '// sneaky\n');
    mkdirSync(join(root, '.github', 'workflows'), { recursive: true });
    writeFileSync(join(root, '.github', 'workflows', 'evil.yml'), 'on: push\n');
    expect(tamperCheck(root, undefined, exercises)).toEqual({
      checked: true,
      changed: [
        '.github/workflows/evil.yml (added)',
        'exercises/01-add/exercise.test.ts (changed)',
        'exercises/02-words/extra.test.ts (added)',
        'exercises/02-words/support.ts (deleted)',
      ],
    });
  });

  test('the course test kit (exercises/_kit) is protected material, never an exercise', () => {
    const root = copyOfFixture();
    mkdirSync(join(root, 'exercises', '_kit', 'diagnoses'), { recursive: true });
    writeFileSync(join(root, 'exercises', '_kit', 'index.ts'), 'export {};\n');
    writeFileSync(join(root, 'exercises', '_kit', 'diagnoses', 'deadlock.ts'), 'export {};\n');
    const course = loadCourse(root);
    expect(course.exercises.map((ex) => ex.key)).toEqual(['01-add', '02-words', '03-sleepy']);
    expect(course.problems).toEqual([]);
    writeManifest(root, course.exercises);
    writeFileSync(join(root, 'exercises', '_kit', 'diagnoses', 'deadlock.ts'), 'export const x = 1;\n');
    writeFileSync(join(root, 'exercises', '_kit', 'diagnoses', 'mine.ts'), 'export {};\n');
    expect(tamperCheck(root, undefined, course.exercises).changed).toEqual([
      'exercises/_kit/diagnoses/deadlock.ts (changed)',
      'exercises/_kit/diagnoses/mine.ts (added)',
    ]);
  });

  test('without a manifest the repository itself is not checked', () => {
    const root = copyOfFixture();
    expect(tamperCheck(root, undefined, loadCourse(root).exercises)).toEqual({ checked: false, changed: [] });
  });

  test('a partial submission is only compared on the files it has', () => {
    const root = copyOfFixture();
    const { exercises } = loadCourse(root);
    const submission = mkdtempSync(join(tmpdir(), 'grader-submission-'));
    dirs.push(submission);
    cpSync(join(root, 'exercises', '01-add'), join(submission, 'exercises', '01-add'), { recursive: true });
    expect(compareWithManifest(buildManifest(root, exercises), submission, exercises, true)).toEqual([]);
    expect(compareWithManifest(buildManifest(root, exercises), submission, exercises, false).length).toBeGreaterThan(3);
  });
});
