// The sandbox, judged from inside: tests (course material, so not gated) that look for what student code
// could reach. With bubblewrap working here, every look comes back empty; where it does not (no bwrap, user
// namespaces blocked), the same grading runs without it and records sandbox "none". The fallback is also
// tested on every machine by forcing the probe to fail (the test-only override).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { main } from '../cli.ts';
import type { Io } from '../commands/common.ts';
import { grade } from '../grading.ts';
import { TOOL_ROOT } from '../paths.ts';
import { buildCourse, GOOD_ADD } from '../test-support/course-builder.ts';
import { overrideSandboxProbeForTests, probeSandbox } from './sandbox.ts';

const secrets = mkdtempSync(join(tmpdir(), 'grader-secrets-'));
const KEY_FILE = join(secrets, 'grader.key');
writeFileSync(KEY_FILE, 'not-a-real-key\n', { mode: 0o600 });
// A new file in the course's node_modules (never an existing file: without a sandbox the write succeeds).
const PROBE_FILE = join(TOOL_ROOT, 'node_modules', `.sandbox-probe-${process.pid}`);
afterAll(() => {
  rmSync(secrets, { recursive: true, force: true });
  rmSync(PROBE_FILE, { force: true });
});

/** Tests run inside the grading: each passes only if the sandbox hides or refuses what it looks for. */
function isolationTests(courseRoot: string): string {
  return [
    "import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';",
    "import { connect } from 'node:net';",
    "import { test, expect } from 'vitest';",
    "test('no ancestor process is visible', () => {",
    "  const pids = readdirSync('/proc').filter((name) => /^\\d+$/.test(name)).map(Number);",
    "  expect(Math.max(...pids)).toBeLessThan(200);",
    "  expect(readFileSync('/proc/1/cmdline', 'utf8')).toMatch(/bwrap/);",
    '});',
    "test('files outside the workspace are not there', () => {",
    `  expect(existsSync(${JSON.stringify(KEY_FILE)})).toBe(false);`,
    `  expect(existsSync(${JSON.stringify(join(courseRoot, 'solutions'))})).toBe(false);`,
    "  expect(existsSync('/root/.bash_history') || existsSync('/etc/shadow')).toBe(false);",
    '});',
    "test('the course is read-only', () => {",
    `  expect(() => writeFileSync(${JSON.stringify(PROBE_FILE)}, 'x')).toThrow();`,
    '});',
    "test('the environment holds only what the run needs', () => {",
    "  expect(process.env['HARDEN_PLANTED']).toBeUndefined();",
    "  expect(Object.keys(process.env).filter((name) => /KEY|TOKEN|SECRET/.test(name))).toEqual([]);",
    '});',
    "test('there is no network but loopback', async () => {",
    "  const error = await new Promise<string>((resolve) => {",
    "    const socket = connect(53, '192.0.2.1');",
    "    socket.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));",
    "    socket.on('connect', () => { socket.destroy(); resolve('connected'); });",
    '  });',
    "  expect(error).toMatch(/ENETUNREACH|EHOSTUNREACH|EACCES/);",
    '});',
  ].join('\n');
}

afterEach(() => overrideSandboxProbeForTests(undefined));

describe('the sandbox probe on this machine', () => {
  const probe = probeSandbox();

  test('either bubblewrap works here, or the reason it cannot is given', () => {
    if (probe.kind === 'none') expect(probe.reason).toMatch(/bubblewrap|bwrap|no sandbox on/);
    else expect(probe.bwrap).toMatch(/\/bwrap$/);
  });

  test('grading records the sandbox in use; inside bubblewrap, nothing outside the run is reachable', async () => {
    const tests = await lookAround(probe.kind);
    if (probe.kind === 'bubblewrap') expect(tests.filter((t) => t.status !== 'pass').map((t) => `${t.name}: ${t.message}`)).toEqual([]);
    else expectUnsandboxed(tests);
  }, 90_000);
});

/** Grades the look-around tests; checks the sandbox recorded and returns the verdict of each look. */
async function lookAround(expected: 'none' | 'bubblewrap'): Promise<{ name: string; status: string; message: string | null }[]> {
  const course = buildCourse([{ slug: 'look-around', submission: GOOD_ADD, withHidden: false }]);
  writeFileSync(join(course.root, 'exercises', course.keys[0] as string, 'exercise.test.ts'), isolationTests(course.root));
  process.env['HARDEN_PLANTED'] = 'visible-without-a-sandbox';
  try {
    const result = await grade({ courseRoot: course.root, source: { kind: 'solutions' }, lang: 'en', hidden: true });
    expect(result.sandbox).toBe(expected);
    const tests = result.exercises[0]?.tests ?? [];
    expect(tests).toHaveLength(5);
    return tests;
  } finally {
    delete process.env['HARDEN_PLANTED'];
    course.dispose();
  }
}

/** Without a sandbox the same looks find the grader's world: its ancestors and the planted variable. */
function expectUnsandboxed(tests: { name: string; status: string }[]): void {
  expect(tests.find((t) => t.name === 'no ancestor process is visible')?.status).toBe('fail');
  expect(tests.find((t) => t.name === 'the environment holds only what the run needs')?.status).toBe('fail');
  expect(tests.find((t) => t.name === 'the course is read-only')?.status).toBe('fail');
  rmSync(PROBE_FILE, { force: true });
}

describe('without a working sandbox (the probe forced to fail)', () => {
  test('the run is not sandboxed, and the looks around show it', async () => {
    overrideSandboxProbeForTests(() => ({ kind: 'none', reason: 'forced by the test' }));
    expectUnsandboxed(await lookAround('none'));
  }, 90_000);

  test('grading still works, records sandbox "none", and `grade` says so once', async () => {
    overrideSandboxProbeForTests(() => ({ kind: 'none', reason: 'bubblewrap cannot start a sandbox here (forced by the test)' }));
    const course = buildCourse([{ slug: 'plain', submission: GOOD_ADD }, { slug: 'other', submission: GOOD_ADD }]);
    const out = join(secrets, 'fallback-out');
    let text = '';
    const io: Io = { out: () => undefined, err: (t) => { text += t; }, env: {}, color: false };
    try {
      const code = await main(['grade', '--course', course.root, '--solutions', '--out', out, '--lang', 'en'], io);
      expect(code, text).toBe(0);
      expect(text.match(/no sandbox: bubblewrap cannot start a sandbox here \(forced by the test\)\. The graded code runs with your user's rights/g)).toHaveLength(1);
      const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')) as { sandbox: string; score: number };
      expect(result).toMatchObject({ sandbox: 'none', score: 20 });
      expect(existsSync(join(out, 'report.txt'))).toBe(true);
    } finally {
      course.dispose();
    }
  }, 90_000);
});

describe('containment: no process started by the run outlives it', () => {
  /** A test that starts a detached tree (setsid, its own session) and returns at once, leaving it running. */
  function detachedTree(tag: string, env: 'cleared' | 'inherited'): string {
    return [
      "import { spawn } from 'node:child_process';",
      "import { test } from 'vitest';",
      "test('leaves a detached tree behind', async () => {",
      `  const child = spawn('setsid', ['sh', '-c', 'sleep ${tag} & (setsid sleep ${tag} &) ; sleep ${tag}'], { detached: true, stdio: 'ignore'${env === 'cleared' ? ', env: {}' : ''} });`,
      '  child.unref();',
      '  await new Promise((resolve) => setTimeout(resolve, 300));',
      '});',
    ].join('\n');
  }

  /** Pids of the processes still running `sleep <tag>`. */
  const survivors = (tag: string): number[] => execFileSync('ps', ['-eo', 'pid=,args=']).toString().split('\n')
    .filter((line) => line.endsWith(`sleep ${tag}`)).map((line) => Number.parseInt(line, 10));

  async function gradeTree(tag: string, env: 'cleared' | 'inherited'): Promise<string> {
    const course = buildCourse([{ slug: 'detach', submission: GOOD_ADD, withHidden: false, visibleTest: detachedTree(tag, env) }]);
    try {
      const result = await grade({ courseRoot: course.root, source: { kind: 'solutions' }, lang: 'en', hidden: true });
      return result.sandbox;
    } finally {
      course.dispose();
    }
  }

  test('inside the sandbox, a setsid tree with its environment cleared dies with the run (PID namespace)', async () => {
    const tag = '97.41';
    const kind = await gradeTree(tag, 'cleared');
    const left = survivors(tag);
    // Without bubblewrap nothing marks such a tree as the run's: the threat model says so; clean up here.
    for (const pid of left) process.kill(pid, 'SIGKILL');
    if (kind === 'bubblewrap') expect(left).toEqual([]);
    else expect(left.length).toBeGreaterThan(0);
  }, 90_000);

  test('without the sandbox, a setsid tree that keeps the run\'s environment is found and killed', async () => {
    overrideSandboxProbeForTests(() => ({ kind: 'none', reason: 'forced by the test' }));
    const tag = '97.42';
    expect(await gradeTree(tag, 'inherited')).toBe('none');
    expect(survivors(tag)).toEqual([]);
  }, 90_000);
});
