// End to end on the fixture course: the commands, their reports, exit codes, and the student template
// graded with and without the key. These spawn real vitest runs, so they are grouped to share them.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, test, vi } from 'vitest';
import { main } from './cli.ts';
import type { Io } from './commands/common.ts';
import type { GradeResult } from './result.ts';
import { generateKey } from './seal.ts';
import { FIXTURE_COURSE } from './test-support/course-builder.ts';

const scratch = mkdtempSync(join(tmpdir(), 'grader-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { out: (t) => { out += t; }, err: (t) => { err += t; }, env: { ...env }, color: false };
  const code = await main(args, io);
  return { code, out, err };
}

function readResult(dir: string): GradeResult {
  return JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8')) as GradeResult;
}

describe('cli', () => {
  test('usage errors exit 2', async () => {
    expect((await run(['nope'])).code).toBe(2);
    expect((await run(['grade', '--lang', 'fr'])).err).toMatch(/--lang must be/);
    expect((await run(['grade', '--course', FIXTURE_COURSE, '--only', '42'])).err).toMatch(/no exercise matches "42"/);
  });

  test('keygen prints a key and how to store it', async () => {
    const { code, out } = await run(['keygen']);
    expect(code).toBe(0);
    expect(out).toMatch(/^[A-Za-z0-9+/]{43}=\n/);
    expect(out).toContain('do NOT store it as a secret');
    expect(out).not.toContain('gh secret set');
  });

  test('test: the student loop shows one line per exercise and the first unfinished one in detail', async () => {
    const { code, out } = await run(['test', '1', '2', '--course', FIXTURE_COURSE, '--lang', 'es']);
    expect(code).toBe(1);
    expect(out).toMatch(/· 01-add\s+Sumar {2}0\/2/);
    expect(out).toContain('✗ adds small numbers\n        add aún no está implementada.');
    expect(out).toContain('Pista 1/1: Usa el operador +.');
    expect(out).not.toContain('adds zero');
    expect(out.trimEnd().split('\n').at(-1)).toBe('0/2 ejercicios completos. Siguiente: 01-add  →  npm test -- 01');
  }, 60_000);

  test('an empty course is a clear message, exit 2', async () => {
    const { code, out } = await run(['grade', '--course', join(scratch, 'empty'), '--out', join(scratch, 'empty-out')]);
    expect(code).toBe(2);
    expect(out).toContain('There are no exercises to grade');
  });

  test('grade --solutions: full marks, every report file, exit 0', async () => {
    const out = join(scratch, 'solutions-out');
    const { code } = await run(['grade', '--course', FIXTURE_COURSE, '--solutions', '--out', out, '--only', '01', '--only', '03']);
    expect(code).toBe(0);
    for (const file of ['result.json', 'gradescope.json', 'classroom.b64', 'junit.xml', 'summary.md', 'comment.md', 'report.txt']) {
      expect(existsSync(join(out, file)), file).toBe(true);
    }
    expect(readResult(out)).toMatchObject({ version: 2, status: 'pass', score: 14, max_score: 14 });
  }, 60_000);

  test('grade --submission with an edited test: tampering reported, trusted tests used, exit 2', async () => {
    const submission = join(scratch, 'submission');
    cpSync(join(FIXTURE_COURSE, 'exercises', '02-words'), join(submission, 'exercises', '02-words'), { recursive: true });
    cpSync(join(FIXTURE_COURSE, 'solutions', '02-words', 'exercise.ts'), join(submission, 'exercises', '02-words', 'exercise.ts'));
    const testFile = join(submission, 'exercises', '02-words', 'exercise.test.ts');
    // The tampering under test: a submission that skips the course's tests (the grader must use its own copy).
    writeFileSync(testFile, readFileSync(testFile, 'utf8').replace(/test\(/g, 'test.skip('));
    const out = join(scratch, 'tamper-out');
    const { code } = await run(['grade', '--course', FIXTURE_COURSE, '--submission', submission, '--out', out, '--only', '02', '--lang', 'es']);
    const result = readResult(out);
    expect(code).toBe(2);
    expect(result.tamper.changed).toEqual(['exercises/02-words/exercise.test.ts (changed)']);
    expect(result.exercises[0]).toMatchObject({ status: 'pass', score: 6 });
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toContain('Archivos protegidos modificados');
  }, 60_000);
});

describe('export and the sealed template', () => {
  afterEach(() => vi.unstubAllEnvs());
  const key = generateKey();
  const template = join(scratch, 'template');

  test('export checks the folder first, then writes a template without solutions or plain hidden tests', async () => {
    // An occupied folder is refused at once, before any grading; a folder inside the course too.
    mkdirSync(join(template, '.git'), { recursive: true });
    writeFileSync(join(template, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    writeFileSync(join(template, 'stale.txt'), 'from an older export\n');
    const started = performance.now();
    const refused = await run(['export', template, '--course', FIXTURE_COURSE], { GRADER_KEY: key });
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/is not empty \(stale\.txt\): choose an empty folder, or add --force/);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect((await run(['export', join(FIXTURE_COURSE, 'inside'), '--course', FIXTURE_COURSE])).err).toMatch(/is inside the course/);
    // --force replaces the contents and keeps .git (a new export committed over the old one).
    // --save-key keeps the key in a new file only its owner can read, and says where.
    const keyFile = join(scratch, 'grader-key');
    const { code, out } = await run(['export', template, '--course', FIXTURE_COURSE, '--force', '--save-key', keyFile], { GRADER_KEY: key });
    expect(code).toBe(0);
    expect(existsSync(join(template, 'stale.txt'))).toBe(false);
    expect(readFileSync(join(template, '.git', 'HEAD'), 'utf8')).toBe('ref: refs/heads/main\n');
    expect(out).toContain(`also saved to ${keyFile}, mode 600`);
    expect(readFileSync(keyFile, 'utf8')).toBe(`${key}\n`);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect((await run(['export', join(scratch, 'other'), '--course', FIXTURE_COURSE, '--save-key', keyFile])).err).toMatch(/already exists: it may hold the key of an earlier template/);
    rmSync(join(template, '.git'), { recursive: true });
    expect(out).toContain('2 hidden test files sealed');
    expect(existsSync(join(template, 'solutions'))).toBe(false);
    expect(existsSync(join(template, 'exercises', '01-add', 'hidden.test.ts'))).toBe(false);
    expect(readFileSync(join(template, 'exercises', '01-add', 'hidden.sealed.json'), 'utf8')).not.toContain('adds zero');
    expect(existsSync(join(template, 'grader', 'manifest.json'))).toBe(true);
    expect(existsSync(join(template, 'grader', 'fixtures'))).toBe(false);
    // Every script the template offers runs a file it ships (verify and bench need the authors' files).
    const { scripts } = JSON.parse(readFileSync(join(template, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(Object.keys(scripts).sort()).toEqual(['grade', 'lint', 'test', 'test:runtime', 'typecheck']);
    for (const command of Object.values(scripts)) {
      for (const file of command.split(' ').filter((word) => /\.(ts|m?js)$/.test(word))) {
        expect(existsSync(join(template, file)), `${command}: ${file}`).toBe(true);
      }
    }
  }, 90_000);

  test('without the key: visible tests run, hidden ones are announced for CI', async () => {
    vi.stubEnv('GITHUB_ACTIONS', ''); // on a student's machine (this suite may itself run in GitHub Actions)
    const solved = join(scratch, 'solved');
    cpSync(join(FIXTURE_COURSE, 'solutions'), join(solved, 'exercises'), { recursive: true });
    const out = join(scratch, 'nokey-out');
    const { code, out: text } = await run(['grade', '--course', template, '--submission', solved, '--out', out, '--only', '01']);
    expect(code).toBe(1);
    expect(text).toContain('2 hidden tests will run in CI');
    expect(readResult(out).exercises[0]).toMatchObject({ score: 6, max_score: 10, hidden: { pending: 2 } });

    const withKey = join(scratch, 'key-out');
    expect((await run(['grade', '--course', template, '--submission', solved, '--out', withKey, '--only', '01'], { GRADER_KEY: key })).code).toBe(0);
    expect(readResult(withKey).exercises[0]).toMatchObject({ score: 10, hidden: { total: 2, passed: 2, pending: 0 } });
  }, 90_000);

  test('a wrong key is a grading error, exit 2', async () => {
    const { code } = await run(['grade', '--course', template, '--out', join(scratch, 'bad-out'), '--only', '01'], { GRADER_KEY: generateKey() });
    expect(code).toBe(2);
    expect(readResult(join(scratch, 'bad-out')).errors[0]).toMatch(/wrong GRADER_KEY/);
  }, 60_000);

  test('export refuses to finish when a solution line would leak', async () => {
    const leaky = join(scratch, 'leaky-course');
    cpSync(FIXTURE_COURSE, leaky, { recursive: true });
    const out = join(scratch, 'leaky-template');
    // The solution of 02 pasted into another exercise's support file (course material that is exported).
    const solution = readFileSync(join(leaky, 'solutions', '02-words', 'exercise.ts'), 'utf8');
    writeFileSync(join(leaky, 'exercises', '03-sleepy', 'support.ts'), `/*\n${solution}\n*/\nexport {};\n`);
    const { code, err } = await run(['export', out, '--course', leaky], { GRADER_KEY: key });
    expect(code).toBe(2);
    expect(err).toMatch(/would leak[\s\S]*support\.ts: contains 2 line\(s\) of solutions\/02-words\/exercise\.ts/);
    expect(existsSync(out)).toBe(false);
  }, 90_000);

  test('a student\'s checkout of the template, graded from the course repository, is not tampering; an edited test is', async () => {
    const checkout = join(scratch, 'student-checkout');
    cpSync(template, checkout, { recursive: true });
    cpSync(join(FIXTURE_COURSE, 'solutions', '01-add', 'exercise.ts'), join(checkout, 'exercises', '01-add', 'exercise.ts'));
    const honest = join(scratch, 'checkout-out');
    await run(['grade', '--course', FIXTURE_COURSE, '--submission', checkout, '--out', honest, '--only', '01']);
    expect(readResult(honest).tamper).toEqual({ checked: true, changed: [] });
    expect(readResult(honest).exercises[0]).toMatchObject({ score: 10, max_score: 10 });
    writeFileSync(join(checkout, 'exercises', '01-add', 'exercise.test.ts'), "import { test } from 'vitest';\ntest('adds small numbers', () => {});\n");
    const edited = join(scratch, 'checkout-edited');
    expect((await run(['grade', '--course', FIXTURE_COURSE, '--submission', checkout, '--out', edited, '--only', '01'])).code).toBe(2);
    expect(readResult(edited).tamper.changed).toEqual(['exercises/01-add/exercise.test.ts (changed)']);
  }, 90_000);

  test('export refuses a course with uncommitted changes, and stubs that already earn points', async () => {
    const repo = join(scratch, 'git-course');
    cpSync(FIXTURE_COURSE, repo, { recursive: true });
    const git = (...args: string[]) => spawnSync('git', args, { cwd: repo, env: { ...process.env, GIT_AUTHOR_NAME: 'a', GIT_AUTHOR_EMAIL: 'a@b', GIT_COMMITTER_NAME: 'a', GIT_COMMITTER_EMAIL: 'a@b' } });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'course');
    cpSync(join(repo, 'solutions', '01-add', 'exercise.ts'), join(repo, 'exercises', '01-add', 'exercise.ts'));
    const keyFile = join(scratch, 'never-written-key');
    const dirty = await run(['export', join(scratch, 'dirty-template'), '--course', repo, '--save-key', keyFile], { GRADER_KEY: key });
    expect(dirty.code).toBe(2);
    expect(existsSync(keyFile)).toBe(false);
    expect(dirty.err).toContain('export takes the course as committed');
    expect(dirty.err).toContain('  exercises/01-add/exercise.ts');
    // Committed, the solved stub is still refused: students would receive its points.
    git('commit', '-qam', 'oops, solved in exercises/');
    const solved = await run(['export', join(scratch, 'solved-template'), '--course', repo], { GRADER_KEY: key });
    expect(solved.code).toBe(1);
    expect(solved.err).toMatch(/the stubs in exercises\/ must score 0[\s\S]*01-add: 10\/10/);
    expect(existsSync(join(scratch, 'solved-template'))).toBe(false);
  }, 120_000);
});

describe('check', () => {
  test('solutions must pass 3 runs, stubs must score 0; the last line counts exercises', async () => {
    const { buildCourse, GOOD_ADD } = await import('./test-support/course-builder.ts');
    const course = buildCourse([
      { slug: 'good', submission: GOOD_ADD },
      { slug: 'wrong', submission: 'export function add(a: number, b: number): number { return a * b; }\n' },
    ]);
    for (const key of course.keys) {
      writeFileSync(join(course.root, 'exercises', key, 'README.md'), 'Enunciado\n');
      writeFileSync(join(course.root, 'exercises', key, 'README.en.md'), 'Statement\n');
    }
    try {
      const { code, out } = await run(['check', '--course', course.root]);
      expect(code).toBe(1);
      expect(out).toMatch(/✓ 01-good/);
      expect(out).toMatch(/✗ 02-wrong\n\s+solution run 1\/3: /);
      expect(out.trimEnd().split('\n').at(-1)).toBe('check: 1 passed, 1 failed');
    } finally {
      course.dispose();
    }
  }, 120_000);
});
