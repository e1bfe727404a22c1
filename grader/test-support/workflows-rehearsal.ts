// What the grading rehearsal needs to play GitHub: a tiny course (two exercises, one with sealed hidden
// tests) in a git "origin" with pull requests under refs/pull/N/head, a fresh base checkout per run, the
// runner's files (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, the event payload), a fake REST API for comments,
// and the workflow's steps run as separate processes with the environment grade.yml gives each.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { seal } from '../seal.ts';

export const TOOL_ROOT = resolve(import.meta.dirname, '..', '..');
export const REPOSITORY = 'classroom/student-repo';
const TSX = join(TOOL_ROOT, 'node_modules', '.bin', 'tsx');
const CLI = join(TOOL_ROOT, 'grader', 'workflows', 'cli.ts');

function meta(id: string, slug: string, en: string, points: number): string {
  return `${JSON.stringify({
    id, slug, title: { es: en, en }, points, topics: ['functions'], section: 'Rehearsal',
    hints: { es: [`Pista de ${slug}.`], en: [`Hint for ${slug}.`] }, files: ['exercise.ts'], timeLimit: 10,
  }, null, 2)}\n`;
}

export const STUB_ADD = "export function add(a: number, b: number): number {\n  void a;\n  void b;\n  throw new Error('Not implemented yet: add');\n}\n";
export const SOLVED_ADD = 'export function add(a: number, b: number): number {\n  return a + b;\n}\n';
export const STUB_GREET = "export function greet(name: string): string {\n  void name;\n  throw new Error('Not implemented yet: greet');\n}\n";
export const SOLVED_GREET = 'export function greet(name: string): string {\n  return `Hello, ${name}!`;\n}\n';
const ADD_TEST = [
  "import { expect, test } from 'vitest';",
  "import { add } from './exercise.ts';",
  "test('adds small numbers', () => { expect(add(1, 2)).toBe(3); });",
  "test('adds negatives', () => { expect(add(-1, -2)).toBe(-3); });",
  '',
].join('\n');
export const ADD_HIDDEN_TEST = [
  "import { expect, test } from 'vitest';",
  "import { add } from './exercise.ts';",
  "test('adds large numbers', () => { expect(add(1e9, 1e9)).toBe(2e9); });",
  '',
].join('\n');
const GREET_TEST = [
  "import { expect, test } from 'vitest';",
  "import { greet } from './exercise.ts';",
  "test('greets by name', () => { expect(greet('Ada')).toBe('Hello, Ada!'); });",
  '',
].join('\n');

export function git(cwd: string, ...args: string[]): string {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'r', GIT_AUTHOR_EMAIL: 'r@example.com', GIT_COMMITTER_NAME: 'r', GIT_COMMITTER_EMAIL: 'r@example.com' } });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
}

function write(root: string, path: string, content: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}

export interface Origin {
  root: string;
  /** A work tree of the origin, where pull request branches are made. */
  work: string;
  bare: string;
  key: Buffer;
}

/** The student template as exported: stubs, visible tests, sealed hidden tests, the real grade.yml. */
export function createOrigin(): Origin {
  const root = mkdtempSync(join(tmpdir(), 'rehearsal-'));
  const work = join(root, 'work');
  const key = randomBytes(32);
  mkdirSync(work);
  write(work, 'README.md', '# Exercises\n');
  write(work, 'exercises/01-add/meta.json', meta('01', 'add', 'Add', 10));
  write(work, 'exercises/01-add/exercise.ts', STUB_ADD);
  write(work, 'exercises/01-add/exercise.test.ts', ADD_TEST);
  write(work, 'exercises/01-add/hidden.sealed.json', `${JSON.stringify(seal(ADD_HIDDEN_TEST, key, '01-add', 1, 1), null, 2)}\n`);
  write(work, 'exercises/02-greet/meta.json', meta('02', 'greet', 'Greet', 5));
  write(work, 'exercises/02-greet/exercise.ts', STUB_GREET);
  write(work, 'exercises/02-greet/exercise.test.ts', GREET_TEST);
  mkdirSync(join(work, '.github', 'workflows'), { recursive: true });
  copyFileSync(join(TOOL_ROOT, '.github', 'workflows', 'grade.yml'), join(work, '.github', 'workflows', 'grade.yml'));
  git(work, 'init', '-q', '-b', 'main');
  git(work, 'add', '-A');
  git(work, 'commit', '-q', '-m', 'template');
  const bare = join(root, 'origin.git');
  git(root, 'clone', '-q', '--bare', work, bare);
  return { root, work, bare, key };
}

/**
 * Commits `files` (null deletes) on the pull request's branch (made off main the first time) and publishes
 * it as refs/pull/<number>/head: a first push opens the pull request, later ones are new pushes to it.
 */
export function openPullRequest(origin: Origin, number: number, files: Record<string, string | null>): string {
  const branch = `pr-${number}`;
  const exists = spawnSync('git', ['rev-parse', '--verify', '-q', branch], { cwd: origin.work }).status === 0;
  git(origin.work, 'checkout', '-q', ...(exists ? [branch] : ['-b', branch, 'main']));
  for (const [path, content] of Object.entries(files)) {
    if (content === null) git(origin.work, 'rm', '-q', path);
    else write(origin.work, path, content);
  }
  git(origin.work, 'add', '-A');
  git(origin.work, 'commit', '-q', '-m', `pull request ${number}`);
  const sha = git(origin.work, 'rev-parse', 'HEAD');
  git(origin.work, 'push', '-q', origin.bare, `+HEAD:refs/pull/${number}/head`);
  git(origin.work, 'checkout', '-q', 'main');
  return sha;
}

export interface Comment { id: number; body: string; user: { login: string; type: string } }

/** The slice of GitHub's REST API the publish step uses: list, create and update issue comments. */
export class FakeGitHub {
  readonly comments = new Map<number, Comment[]>();
  readonly token = `ghs_${randomBytes(8).toString('hex')}`;
  private nextId = 1000;
  private server: Server | undefined;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const reply = (status: number, body: unknown): void => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        };
        if (req.headers.authorization !== `Bearer ${this.token}`) return reply(401, { message: 'Bad credentials' });
        const url = new URL(req.url ?? '/', 'http://localhost');
        const list = /^\/repos\/([^/]+\/[^/]+)\/issues\/(\d+)\/comments$/.exec(url.pathname);
        const one = /^\/repos\/([^/]+\/[^/]+)\/issues\/comments\/(\d+)$/.exec(url.pathname);
        const body = chunks.length > 0 ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { body: string }) : undefined;
        if (list !== null && list[1] === REPOSITORY) {
          const issue = Number(list[2]);
          const comments = this.comments.get(issue) ?? [];
          if (req.method === 'GET') {
            const page = Number(url.searchParams.get('page') ?? '1');
            const perPage = Number(url.searchParams.get('per_page') ?? '30');
            return reply(200, comments.slice((page - 1) * perPage, page * perPage));
          }
          if (req.method === 'POST' && body !== undefined) {
            const comment = { id: this.nextId++, body: body.body, user: { login: 'github-actions[bot]', type: 'Bot' } };
            this.comments.set(issue, [...comments, comment]);
            return reply(201, comment);
          }
        }
        if (one !== null && one[1] === REPOSITORY && req.method === 'PATCH' && body !== undefined) {
          for (const comments of this.comments.values()) {
            const comment = comments.find((c) => c.id === Number(one[2]));
            if (comment === undefined) continue;
            if (comment.user.login !== 'github-actions[bot]') return reply(403, { message: 'not yours' });
            comment.body = body.body;
            return reply(200, comment);
          }
        }
        return reply(404, { message: 'Not Found' });
      });
    });
    await new Promise<void>((done) => this.server!.listen(0, '127.0.0.1', done));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((done) => this.server?.close(() => done()) ?? done());
  }

  /** A comment by someone else that copies the marker: the bot must never pick it. */
  seedStudentComment(issue: number, body: string): void {
    this.comments.set(issue, [...(this.comments.get(issue) ?? []), { id: this.nextId++, body, user: { login: 'student', type: 'User' } }]);
  }
}

export interface StepRun {
  status: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
}

/** Parses GITHUB_OUTPUT (name=value lines and name<<DELIM heredocs). */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    const heredoc = /^([\w-]+)<<(.+)$/.exec(line);
    if (heredoc !== null) {
      const end = lines.indexOf(heredoc[2]!, i + 1);
      outputs[heredoc[1]!] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (line.includes('=')) {
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return outputs;
}

export interface JobContext {
  /** The job's base checkout (GITHUB_WORKSPACE). */
  workspace: string;
  /** The job's RUNNER_TEMP. */
  temp: string;
  summary: string;
  base: NodeJS.ProcessEnv;
}

/** A job on a fresh runner: its own checkout of main, temp folder, summary file and runner variables. */
export function startJob(origin: Origin, name: string, event: { name: string; payload: object }, api: FakeGitHub): JobContext {
  const dir = mkdtempSync(join(origin.root, `${name}-`));
  const workspace = join(dir, 'workspace');
  git(dir, 'clone', '-q', origin.bare, workspace);
  const temp = join(dir, 'temp');
  mkdirSync(temp);
  const eventPath = join(dir, 'event.json');
  writeFileSync(eventPath, JSON.stringify(event.payload));
  const summary = join(dir, 'summary.md');
  writeFileSync(summary, '');
  return {
    workspace, temp, summary,
    base: {
      PATH: process.env['PATH'], HOME: process.env['HOME'], CI: 'true', GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: workspace, RUNNER_TEMP: temp, GITHUB_EVENT_NAME: event.name, GITHUB_EVENT_PATH: eventPath,
      GITHUB_REPOSITORY: REPOSITORY, GITHUB_SERVER_URL: 'https://github.com', GITHUB_API_URL: api.url, GITHUB_RUN_ID: '4242',
      GITHUB_STEP_SUMMARY: summary, COURSE_LANG: 'en',
    },
  };
}

/**
 * One `run:` step: `npx tsx grader/workflows/cli.ts <command>` in the workspace with the step's env.
 * Asynchronous on purpose: the fake API lives in this process and must answer while the step runs.
 */
export async function runStep(job: JobContext, command: string, stepEnv: NodeJS.ProcessEnv = {}): Promise<StepRun> {
  const outputFile = join(job.temp, '..', `output-${command}-${randomBytes(4).toString('hex')}`);
  writeFileSync(outputFile, '');
  const child = spawn(TSX, [CLI, command], { cwd: job.workspace, env: { ...job.base, GITHUB_OUTPUT: outputFile, ...stepEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
  const killer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  const status = await new Promise<number | null>((done) => child.on('close', (code) => done(code)));
  clearTimeout(killer);
  return { status, stdout, stderr, outputs: parseOutputs(readFileSync(outputFile, 'utf8')) };
}

export function pullRequestEvent(number: number, headSha: string, headRepository = REPOSITORY): { name: string; payload: object } {
  return {
    name: 'pull_request_target',
    payload: { action: 'synchronize', number, pull_request: { number, head: { sha: headSha, repo: { full_name: headRepository } }, base: { repo: { full_name: REPOSITORY } } }, repository: { full_name: REPOSITORY } },
  };
}
