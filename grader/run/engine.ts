// Runs the tests of many exercises in as few vitest processes as possible (start-up dominates), and
// isolates the damage when one exercise misbehaves: results of exercises that finished are kept, a
// known culprit (a file over its time limit) is charged, and the rest are re-run — together when the
// culprit is known, one by one when it is not (memory, process count, a crash, a corrupted channel).
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { TOOL_ROOT } from '../paths.ts';
import type { Exercise } from '../model/course.ts';
import type { CaseEvent, ChannelMessage } from './channel.ts';
import type { Sandbox } from './sandbox.ts';
import { superviseVitest, type KillReason } from './supervisor.ts';
import { buildWorkspace, RUNNING_FILE, vitestLaunch, type TestFilePlan, type Visibility, type Workspace, type WorkspaceItem } from './workspace.ts';

export interface RawFile {
  visibility: Visibility;
  /** Path relative to the exercise folder, e.g. "exercise.test.ts". */
  name: string;
  moduleErrors: string[];
  cases: CaseEvent[];
  /** False when the canary test did not fail as planted: `expect` was tampered with. */
  canaryOk: boolean;
  /** The canary was skipped: a `.only` or `.skip` in the file (reported as skipped tests, not tampering). */
  canarySkipped?: boolean;
}

export interface RawExercise {
  key: string;
  files: RawFile[];
  /** Set when the run had to be killed because of this exercise. */
  failure?: KillReason;
}

export interface EngineOptions {
  lang: 'es' | 'en';
  memoryMb?: number;
  maxProcesses?: number;
  heapMb?: number;
  testTimeoutMs?: number;
  workers?: number;
  /** Extra seconds allowed on top of time limits for vitest's start-up. */
  startupSeconds?: number;
  /**
   * Reuse transformed runtime and grader modules across runs (vitest's file-system module cache). Only for
   * the student loop (`npm test`): the cache is a folder student code could write to, so gradings that
   * count (grade, check, export) never read it.
   */
  moduleCache?: boolean;
  /** Run the test processes in this sandbox (see sandbox.ts); none: plain child processes. */
  sandbox?: Sandbox;
  /** After an exercise's first failing test, its later tests fail at once (mutation testing: see workspace.ts). */
  stopAtFirstFailure?: boolean;
}

/** Variables a sandboxed run keeps from the grader's environment: the rest is never seen inside. */
const SANDBOX_ENV_KEEP = ['PATH', 'LANG', 'LC_ALL', 'LC_MESSAGES', 'LC_CTYPE', 'TZ', 'TERM'];

/** The environment inside the sandbox: built from nothing, plus what node, vitest and the tests need. */
export function sandboxEnv(lang: 'es' | 'en', workspaceRoot: string, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of SANDBOX_ENV_KEEP) if (base[name] !== undefined) env[name] = base[name];
  return { ...env, HOME: workspaceRoot, TMPDIR: '/tmp', COURSE_LANG: lang, NO_COLOR: '1', CI: 'true' };
}

/** The environment of the process that runs student code: no secrets, no inherited Node options. */
export function studentEnv(lang: 'es' | 'en', base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(base)) {
    if (/KEY|TOKEN|SECRET|PASSWORD|CREDENTIAL/i.test(name) || name.startsWith('NODE_') || name.startsWith('VITEST')) continue;
    if (name.startsWith('GITHUB_') || name.startsWith('ACTIONS_') || name.startsWith('RUNNER_')) continue;
    env[name] = value;
  }
  env['COURSE_LANG'] = lang;
  env['NO_COLOR'] = '1';
  env['CI'] = 'true';
  return env;
}

function emptyFiles(plan: TestFilePlan): RawFile[] {
  return plan.sections.map((section) => ({ visibility: section.visibility, name: section.name, moduleErrors: [], cases: [], canaryOk: false }));
}

/** Splits each finished entry file's events back into its sections (visible and hidden test files). */
function collect(workspace: Workspace, plans: TestFilePlan[], messages: ChannelMessage[], finished: Set<string>): Map<string, RawFile[]> {
  const files = new Map<string, RawFile[]>();
  const byPath = new Map(plans.map((plan) => [plan.path, plan]));
  for (const plan of plans) if (finished.has(plan.path)) files.set(plan.path, emptyFiles(plan));
  for (const message of messages) {
    if (message.file === undefined) continue;
    const sections = files.get(message.file);
    const plan = byPath.get(message.file);
    if (sections === undefined || plan === undefined) continue;
    const sectionOf = (fullName: string): number => plan.sections.findIndex((section) => fullName === section.prefix || fullName.startsWith(`${section.prefix} > `));
    if (message.type === 'case') {
      const event = message as CaseEvent;
      if (event.name === workspace.canary && event.fullName === workspace.canary) {
        const text = event.errors.join('\n');
        const ok = event.state === 'failed' && text.includes(`${workspace.canaryToken}-a`) && text.includes(`${workspace.canaryToken}-b`);
        const skipped = event.state === 'skipped' || event.state === 'pending';
        for (const file of sections) {
          file.canaryOk = ok;
          file.canarySkipped = skipped;
        }
        continue;
      }
      const index = sectionOf(event.fullName);
      const file = sections[index];
      if (file === undefined) continue;
      const prefix = plan.sections[index]?.prefix ?? '';
      file.cases.push({ ...event, fullName: event.fullName.slice(prefix.length + 3) });
    } else if (message.type === 'module') {
      for (const file of sections) file.moduleErrors.push(...(message.errors ?? []));
      for (const { suite, errors } of message.suiteErrors ?? []) {
        const file = sections[sectionOf(suite)];
        if (file !== undefined) file.moduleErrors.push(...errors);
      }
    }
  }
  return files;
}

/** Tests of one exercise that may each block a worker (each costs a re-run) before the exercise is charged a timeout. */
const MAX_STUCK_TESTS = 6;

/** What a run reads from the course inside the sandbox: code and dependencies, never .git, --out or a key file. */
function toolView(toolRoot: string): string[] {
  return ['node_modules', 'runtime', 'grader', 'package.json', 'tsconfig.json'].map((name) => join(toolRoot, name));
}

export async function runExercises(items: WorkspaceItem[], options: EngineOptions): Promise<Map<string, RawExercise>> {
  const results = new Map<string, RawExercise>();
  if (items.length === 0) return results;
  const workspace = buildWorkspace(items, TOOL_ROOT, { stopAtFirstFailure: options.stopAtFirstFailure });
  const byKey = new Map(items.map((item) => [item.exercise.key, item.exercise]));
  const workers = Math.max(1, options.workers ?? availableParallelism());
  let runs = 0;
  /** Per exercise, the tests that blocked their worker in an earlier run (see Workspace.markStuck). */
  const stuck = new Map<string, string[]>();
  const sandboxed = options.sandbox?.kind === 'bubblewrap'
    ? { bwrap: options.sandbox.bwrap, view: {
      readOnly: toolView(TOOL_ROOT), writable: workspace.root, cwd: workspace.root,
      // Where the runtime bundles the targets of Process and Pool (runtime/multiprocessing/spawn/bundler.ts).
      scratch: [join(TOOL_ROOT, 'node_modules', '.cache', 'concurrency-mp')],
    } } : undefined;

  const runGroup = async (keys: string[]): Promise<void> => {
    const plans = workspace.tests.filter((plan) => keys.includes(plan.exercise));
    if (plans.length === 0) {
      for (const key of keys) results.set(key, { key, files: [] });
      return;
    }
    const limits = new Map<string, number>();
    const deadlines = new Map<string, number>();
    for (const plan of plans) {
      const meta = (byKey.get(plan.exercise) as Exercise).meta;
      limits.set(plan.path, meta.timeLimit);
      deadlines.set(plan.path, meta.testDeadline);
    }
    const total = [...limits.values()].reduce((a, b) => a + b, 0);
    const longest = Math.max(...limits.values());
    const startup = options.startupSeconds ?? 15;
    runs += 1;
    const launch = vitestLaunch(workspace, {
      files: plans.map((plan) => plan.path),
      // A backstop: each entry file sets its exercise's own per-test deadline (testDeadline) before its tests load.
      testTimeoutMs: options.testTimeoutMs ?? Math.max(5000, (longest * 1000) / 2),
      workers: Math.min(workers, plans.length),
      heapMb: options.heapMb ?? 512,
      moduleCache: options.moduleCache === true,
    });
    const run = await superviseVitest({
      cwd: workspace.root,
      launch,
      fileLimits: limits,
      hangCredits: deadlines,
      runningFiles: new Map(plans.map((plan) => [plan.path, join(dirname(plan.path), RUNNING_FILE)])),
      wallSeconds: longest + total / workers + startup,
      memoryMb: options.memoryMb ?? 2560,
      maxProcesses: options.maxProcesses ?? 32,
      env: sandboxed === undefined ? studentEnv(options.lang) : sandboxEnv(options.lang, workspace.root),
      sandbox: sandboxed,
    });
    if (process.env['GRADER_DEBUG'] !== undefined) {
      process.stderr.write(`[grader] run ${runs}: ${keys.join(' ')} -> ${run.seconds.toFixed(1)} s ${JSON.stringify(run.failure ?? 'ok')}`
        + `${run.failure === undefined ? '' : ` running: ${JSON.stringify(Object.fromEntries(run.running))}`}\n`);
    }
    const files = collect(workspace, plans, run.messages, run.finished);
    const unfinished: string[] = [];
    for (const key of keys) {
      const own = plans.filter((plan) => plan.exercise === key);
      if (own.every((plan) => files.has(plan.path))) {
        results.set(key, { key, files: own.flatMap((plan) => files.get(plan.path) ?? []) });
      } else {
        unfinished.push(key);
      }
    }
    if (unfinished.length === 0) return;
    const failure = run.failure ?? { kind: 'crashed', detail: run.stderrTail.slice(-500) };
    const culprits = failure.kind === 'timeout'
      ? new Set(plans.filter((plan) => failure.files.includes(plan.path)).map((plan) => plan.exercise)) : new Set<string>();
    if (culprits.size > 0) {
      // A test that blocked its worker costs that test: its exercise runs again with the test failing at once.
      const retry: string[] = [];
      for (const culprit of culprits) {
        const test = plans.filter((plan) => plan.exercise === culprit).map((plan) => run.running.get(plan.path)).find((name) => name !== undefined);
        const known = stuck.get(culprit) ?? [];
        if (test !== undefined && test !== '' && !known.includes(test) && known.length < MAX_STUCK_TESTS) {
          stuck.set(culprit, [...known, test]);
          workspace.markStuck(culprit, [...known, test]);
          retry.push(culprit);
        } else {
          results.set(culprit, { key: culprit, files: [], failure });
        }
      }
      const rest = unfinished.filter((key) => !culprits.has(key) || retry.includes(key));
      if (rest.length > 0) await runGroup(rest);
    } else if (unfinished.length === 1 || keys.length === 1) {
      for (const key of unfinished) results.set(key, { key, files: [], failure });
    } else {
      // Culprit unknown: run each remaining exercise on its own, as many at a time as there are cores.
      const queue = [...unfinished];
      const lane = async (): Promise<void> => {
        for (let key = queue.shift(); key !== undefined; key = queue.shift()) await runGroup([key]);
      };
      await Promise.all(Array.from({ length: Math.min(workers, queue.length) }, lane));
    }
  };

  try {
    await runGroup(items.map((item) => item.exercise.key));
  } finally {
    workspace.dispose();
  }
  return results;
}
