// Reading a pull request as data: only the changeable files come from its head, as plain bytes; what
// cannot be a student's file (a symlink, a huge file) and everything outside the exercises is reported.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { loadCourse } from '../model/course.ts';
import { collectSubmission, MAX_SUBMISSION_FILE_BYTES } from './collect.ts';
import { git } from '../test-support/workflows-rehearsal.ts';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function write(root: string, path: string, content: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}

/** A repository with two exercises on main, and a branch made by `edit`. */
function repoWithBranch(edit: (work: string) => void): { repo: string; base: string; head: string; out: string } {
  const root = mkdtempSync(join(tmpdir(), 'collect-'));
  roots.push(root);
  const repo = join(root, 'repo');
  for (const [key, files] of [['01-a', ['exercise.ts']], ['02-b', ['exercise.ts', 'extra.ts']]] as const) {
    const id = key.slice(0, 2);
    write(repo, `exercises/${key}/meta.json`, JSON.stringify({ id, slug: key.slice(3), title: { es: key, en: key }, points: 1, topics: ['t'], section: 's', hints: { es: ['h'], en: ['h'] }, files }));
    for (const file of files) write(repo, `exercises/${key}/${file}`, `// stub ${key}/${file}\n`);
    write(repo, `exercises/${key}/exercise.test.ts`, '// test\n');
  }
  git(root, 'init', '-q', '-b', 'main', repo);
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'base');
  const base = git(repo, 'rev-parse', 'HEAD');
  git(repo, 'checkout', '-q', '-b', 'pr');
  edit(repo);
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'pr');
  const head = git(repo, 'rev-parse', 'HEAD');
  git(repo, 'checkout', '-q', 'main');
  return { repo, base, head, out: join(root, 'submission') };
}

function collect(setup: ReturnType<typeof repoWithBranch>) {
  return collectSubmission({ repo: setup.repo, baseSha: setup.base, headSha: setup.head, exercises: loadCourse(setup.repo).exercises, outDir: setup.out });
}

describe('collectSubmission', () => {
  test('changed exercise files come from the head, untouched ones from the base, the rest is tampering', () => {
    const setup = repoWithBranch((work) => {
      write(work, 'exercises/02-b/extra.ts', '// my helper\n');
      write(work, 'exercises/02-b/exercise.test.ts', '// easier test\n');
      write(work, 'package.json', '{"scripts":{"test":"true"}}\n');
    });
    const collected = collect(setup);
    expect(collected).toEqual({
      fromPullRequest: ['exercises/02-b/extra.ts'],
      exercisesChanged: ['02-b'],
      tampered: ['exercises/02-b/exercise.test.ts (changed)', 'package.json (added)'],
    });
    expect(readFileSync(join(setup.out, 'exercises/02-b/extra.ts'), 'utf8')).toBe('// my helper\n');
    expect(readFileSync(join(setup.out, 'exercises/01-a/exercise.ts'), 'utf8')).toBe('// stub 01-a/exercise.ts\n');
    // Only changeable files are in the submission folder: never a test.
    expect(existsSync(join(setup.out, 'exercises/02-b/exercise.test.ts'))).toBe(false);
  });

  test('a symlink or an oversized file in place of an exercise file is not graded, and says why', () => {
    const setup = repoWithBranch((work) => {
      rmSync(join(work, 'exercises/01-a/exercise.ts'));
      symlinkSync('../../solutions/01-a/exercise.ts', join(work, 'exercises/01-a/exercise.ts'));
      write(work, 'exercises/02-b/exercise.ts', 'x'.repeat(MAX_SUBMISSION_FILE_BYTES + 1));
    });
    const collected = collect(setup);
    expect(collected.fromPullRequest).toEqual([]);
    expect(collected.tampered).toEqual([
      'exercises/01-a/exercise.ts (not a regular file (mode 120000), not graded)',
      `exercises/02-b/exercise.ts (${MAX_SUBMISSION_FILE_BYTES + 1} bytes, over the ${MAX_SUBMISSION_FILE_BYTES} byte limit, not graded)`,
    ]);
    expect(existsSync(join(setup.out, 'exercises/01-a/exercise.ts'))).toBe(false);
  });

  test('a deleted exercise file stays missing (the grader explains it); a rename counts as delete plus add', () => {
    const setup = repoWithBranch((work) => {
      git(work, 'mv', 'exercises/01-a/exercise.ts', 'exercises/01-a/renamed.ts');
    });
    const collected = collect(setup);
    expect(collected.exercisesChanged).toEqual(['01-a']);
    expect(collected.tampered).toEqual(['exercises/01-a/renamed.ts (added)']);
    expect(existsSync(join(setup.out, 'exercises/01-a/exercise.ts'))).toBe(false);
  });
});
