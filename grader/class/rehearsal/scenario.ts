// The rehearsal's class: a tiny grading repository (two exercises, hidden tests in plain text, the class
// configuration and a GitHub Classroom roster export), the student template, and one bare repository
// per student on a file:// "server", each push recorded in the fake API with the time GitHub would
// show. Commits carry fixed dates, so their ids — and the expected gradebook — are the same every run.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { toCsv } from '../csv.ts';
import type { FakeGitHub } from './fake-github.ts';

export const ORG = 'rehearsal-class';
export const DEADLINE = '2026-03-01T23:59:00+01:00';
const DEADLINE_MS = new Date(DEADLINE).getTime();
const HOUR = 3_600_000;
export const at = (hoursFromDeadline: number): string => new Date(DEADLINE_MS + hoursFromDeadline * HOUR).toISOString();

function meta(id: string, slug: string, points: number): string {
  return `${JSON.stringify({ id, slug, title: { es: slug, en: slug }, points, topics: ['functions'], section: 'Rehearsal', hints: { es: [`Pista de ${slug}.`], en: [`Hint for ${slug}.`] }, files: ['exercise.ts'], timeLimit: 10 }, null, 2)}\n`;
}

export const STUB_ADD = "export function add(a: number, b: number): number {\n  void a;\n  void b;\n  throw new Error('Not implemented yet: add');\n}\n";
export const SOLVED_ADD = 'export function add(a: number, b: number): number {\n  return a + b;\n}\n';
export const WRONG_ADD = 'export function add(a: number, b: number): number {\n  return a * b;\n}\n';
export const BROKEN_ADD = 'export function add(a: number, b: number): number {\n  return a + ;\n}\n';
export const STUB_GREET = "export function greet(name: string): string {\n  void name;\n  throw new Error('Not implemented yet: greet');\n}\n";
export const SOLVED_GREET = 'export function greet(name: string): string {\n  return `Hello, ${name}!`;\n}\n';
const ADD_TEST = "import { expect, test } from 'vitest';\nimport { add } from './exercise.ts';\ntest('adds small numbers', () => { expect(add(1, 2)).toBe(3); });\ntest('adds negatives', () => { expect(add(-1, -2)).toBe(-3); });\n";
const ADD_HIDDEN = "import { expect, test } from 'vitest';\nimport { add } from './exercise.ts';\ntest('adds large numbers', () => { expect(add(1e9, 1e9)).toBe(2e9); });\n";
const GREET_TEST = "import { expect, test } from 'vitest';\nimport { greet } from './exercise.ts';\ntest('greets by name', () => { expect(greet('Ada')).toBe('Hello, Ada!'); });\n";
export const FORGED_ADD_TEST = "import { test } from 'vitest';\ntest('adds small numbers', () => {});\ntest('adds negatives', () => {});\n";

export const ADD = 'exercises/01-add/exercise.ts';
export const GREET = 'exercises/02-greet/exercise.ts';

/** What a student did: pushes in order (files changed; `force` replaces the history), or no repository. */
export interface StudentScript {
  login: string;
  /** Roster identifier (the name in the gradebook). */
  name: string;
  /** false: the roster names a repository that does not exist; null: no GitHub account linked. */
  repository?: false | null;
  pushes: { hours: number; files: Record<string, string>; force?: boolean; commitHours?: number }[];
}

function write(root: string, path: string, content: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}

export function git(cwd: string, args: string[], when = '2026-02-01T10:00:00Z'): string {
  const env = { ...process.env, GIT_AUTHOR_NAME: 'r', GIT_AUTHOR_EMAIL: 'r@example.com', GIT_COMMITTER_NAME: 'r', GIT_COMMITTER_EMAIL: 'r@example.com', GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when, GIT_CONFIG_NOSYSTEM: '1', HOME: cwd };
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', env });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
}

export interface Scenario {
  root: string;
  /** The grading repository's checkout (GITHUB_WORKSPACE of the plan job). */
  grading: string;
  /** file:// URL standing for https://github.com. */
  serverUrl: string;
  students: StudentScript[];
}

/** The dozen students of the verify rehearsal: honest, partial, late, back-dated, cut off, tampering, broken, missing. */
export const DOZEN: StudentScript[] = [
  { login: 'ana', name: 'Ana', pushes: [{ hours: -30, files: { [ADD]: SOLVED_ADD, [GREET]: SOLVED_GREET } }] },
  { login: 'ben', name: 'Ben', pushes: [{ hours: -2, files: { [ADD]: SOLVED_ADD } }] },
  { login: 'carla', name: 'Carla', pushes: [{ hours: -5, files: { [ADD]: SOLVED_ADD } }, { hours: 20, files: { [GREET]: SOLVED_GREET } }] },
  { login: 'dani', name: 'Dani', pushes: [{ hours: 40, commitHours: -48, files: { [ADD]: SOLVED_ADD, [GREET]: SOLVED_GREET } }] },
  { login: 'eva', name: 'Eva', pushes: [{ hours: 24 * 5, files: { [ADD]: SOLVED_ADD } }] },
  { login: 'fede', name: 'Fede', pushes: [{ hours: -1, files: { 'exercises/01-add/exercise.test.ts': FORGED_ADD_TEST, [GREET]: SOLVED_GREET } }] },
  { login: 'gabi', name: 'Gabi', pushes: [{ hours: -3, files: { [ADD]: SOLVED_ADD, 'package.json': '{"name":"mine","scripts":{"test":"echo ok"}}\n' } }] },
  { login: 'hugo', name: 'Hugo', pushes: [{ hours: -4, files: { [ADD]: BROKEN_ADD, [GREET]: SOLVED_GREET } }] },
  { login: 'ines', name: 'Ines', repository: false, pushes: [] },
  { login: 'juan', name: 'Juan', pushes: [] },
  { login: 'kira', name: 'Kira', pushes: [{ hours: -6, files: { [ADD]: SOLVED_ADD, [GREET]: SOLVED_GREET } }, { hours: 24 * 4, force: true, files: { [ADD]: WRONG_ADD } }] },
  { login: 'leo', name: 'Leo', repository: null, pushes: [] },
];

export function repositoryOf(student: StudentScript): string {
  return `${ORG}/concurrency-${student.login}`;
}

/** Builds the grading repository, the template and every student repository, and records the pushes. */
export function buildScenario(api: FakeGitHub, students: StudentScript[], config: Record<string, unknown>): Scenario {
  const root = mkdtempSync(join(tmpdir(), 'class-rehearsal-'));
  const grading = join(root, 'grading');
  for (const [path, content] of Object.entries({
    'exercises/01-add/meta.json': meta('01', 'add', 10), 'exercises/01-add/exercise.ts': STUB_ADD, 'exercises/01-add/exercise.test.ts': ADD_TEST,
    'exercises/01-add/hidden.test.ts': ADD_HIDDEN, 'exercises/02-greet/meta.json': meta('02', 'greet', 5), 'exercises/02-greet/exercise.ts': STUB_GREET,
    'exercises/02-greet/exercise.test.ts': GREET_TEST,
  })) write(grading, path, content);
  write(grading, 'class/config.json', `${JSON.stringify({ assignment: 'rehearsal', roster: 'class/roster.csv', template: { repository: `${ORG}/template`, ref: 'main' }, ...config }, null, 2)}\n`);
  const header = ['assignment_name', 'assignment_url', 'starter_code_url', 'github_username', 'roster_identifier', 'student_repository_name', 'student_repository_url', 'submission_timestamp', 'points_awarded', 'points_available'];
  write(grading, 'class/roster.csv', toCsv([header, ...students.map((s) => ['rehearsal', 'https://classroom.github.com/a/x', `https://github.com/${ORG}/template`, s.repository === null ? '' : s.login, s.name,
    s.repository === null ? '' : `concurrency-${s.login}`, s.repository === null ? '' : `https://github.com/${repositoryOf(s)}`, '', '', '15'])]));

  const server = join(root, 'server');
  // The template: what every student repository starts from (the grading repository without hidden tests and class/).
  const template = join(root, 'template-work');
  for (const [path, content] of Object.entries({
    'README.md': '# Exercises\n', 'package.json': '{"name":"course","private":true}\n', 'exercises/01-add/meta.json': meta('01', 'add', 10), 'exercises/01-add/exercise.ts': STUB_ADD,
    'exercises/01-add/exercise.test.ts': ADD_TEST, 'exercises/02-greet/meta.json': meta('02', 'greet', 5), 'exercises/02-greet/exercise.ts': STUB_GREET, 'exercises/02-greet/exercise.test.ts': GREET_TEST,
  })) write(template, path, content);
  git(template, ['init', '-q', '-b', 'main']);
  git(template, ['add', '-A']);
  git(template, ['commit', '-q', '-m', 'template']);
  mkdirSync(join(server, ORG), { recursive: true });
  git(root, ['clone', '-q', '--bare', template, join(server, ORG, 'template.git')]);
  api.addRepository(`${ORG}/template`);

  for (const student of students) {
    if (student.repository === false || student.repository === null) continue;
    const repository = repositoryOf(student);
    const bare = join(server, `${repository}.git`);
    git(root, ['init', '-q', '--bare', '-b', 'main', bare]);
    // GitHub serves any commit of a repository by its id, even one a force push left behind.
    git(bare, ['config', 'uploadpack.allowAnySHA1InWant', 'true']);
    api.addRepository(repository);
    const work = join(root, 'work', student.login);
    mkdirSync(work, { recursive: true });
    git(work, ['init', '-q', '-b', 'main']);
    git(work, ['--git-dir', join(template, '.git'), '--work-tree', work, 'checkout', '-f', 'main', '--', '.']);
    git(work, ['add', '-A']);
    git(work, ['commit', '-q', '-m', 'Initial commit'], '2026-02-01T09:00:00Z');
    git(work, ['push', '-q', bare, 'HEAD:refs/heads/main']);
    api.recordPush(repository, 'refs/heads/main', git(work, ['rev-parse', 'HEAD']), '2026-02-01T09:00:05Z', 'github-classroom[bot]');
    for (const push of student.pushes) {
      if (push.force === true) git(work, ['reset', '-q', '--hard', 'HEAD~1']);
      for (const [path, content] of Object.entries(push.files)) write(work, path, content);
      git(work, ['add', '-A']);
      git(work, ['commit', '-q', '-m', `work at ${push.hours} h`], at(push.commitHours ?? push.hours - 0.5));
      git(work, ['push', '-q', ...(push.force === true ? ['--force'] : []), bare, 'HEAD:refs/heads/main']);
      api.recordPush(repository, 'refs/heads/main', git(work, ['rev-parse', 'HEAD']), at(push.hours), student.login, push.force === true ? 'force_push' : 'push');
    }
  }
  return { root, grading, serverUrl: `file://${server}`, students };
}
