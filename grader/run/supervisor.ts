// Runs one vitest process under watch: a time limit per test file (counted from when a worker picks it
// up), a wall-clock limit for the whole run, a cap on memory and on the number of processes, and the
// signed result channel. Whatever the student code does, this returns, with the reason if it had to kill.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RUN_DIR } from '../paths.ts';
import { ChannelReader, type ChannelMessage } from './channel.ts';
import type { VitestLaunch } from './workspace.ts';
import { descendants, freezeTree, killAll, processesWithEnv, procSupported, rssOf, type ProcInfo } from './proctree.ts';
import { bwrapArgs, type SandboxView } from './sandbox.ts';

/** Marks every process of a run (inherited through the environment) so strays can be found and killed. */
export const RUN_MARKER_ENV = 'COURSE_GRADER_RUN';

export type KillReason =
  | { kind: 'timeout'; files: string[]; seconds: number }
  | { kind: 'wall'; seconds: number }
  | { kind: 'memory'; megabytes: number }
  | { kind: 'processes'; count: number }
  | { kind: 'crashed'; detail: string }
  | { kind: 'corrupted'; detail: string };

export interface SupervisedRun {
  messages: ChannelMessage[];
  /** Files whose module finished and reported (their results are complete). */
  finished: Set<string>;
  /** Per file, the test still running when the run ended (a test that blocked its worker, if it was killed). */
  running: Map<string, string>;
  /** Undefined when the run ended on its own with a complete, valid report. */
  failure: KillReason | undefined;
  stderrTail: string;
  seconds: number;
}

export interface SupervisorOptions {
  cwd: string;
  /** vitest's options for this run, handed to vitest-main.mjs. */
  launch: VitestLaunch;
  /** Seconds each test file may run, keyed by absolute path. */
  fileLimits: Map<string, number>;
  /**
   * Per-test deadline of each file, in seconds. A test the course kit reports as a hang (it waited until its
   * deadline, then its file went on) costs at most this much, and that time is not charged to the file's limit
   * nor to the wall-clock limit: one hung function costs only its own tests, never the whole exercise.
   */
  hangCredits?: Map<string, number>;
  /**
   * Per test file, the file where the course kit writes the full name of the test it is running (emptied when
   * the test ends). Written synchronously by the test process itself, so it is current even when that process
   * is blocked, unlike vitest's batched reports.
   */
  runningFiles?: Map<string, string>;
  wallSeconds: number;
  memoryMb: number;
  maxProcesses: number;
  env: NodeJS.ProcessEnv;
  /** Heap limit of the vitest main process. */
  mainHeapMb?: number;
  /** Run vitest inside bubblewrap (see sandbox.ts) with this view of the file system. */
  sandbox?: { bwrap: string; view: SandboxView };
}

const TICK_MS = 100;
/** Diagnoses of a test that waited until its deadline (see exercises/_kit/isolation.ts). */
const HANG_DIAGNOSES = new Set(['hang', 'deadlock']);
/** Seconds past a test's deadline after which its worker counts as blocked (its own timeout never fired). */
const STUCK_GRACE = 3;
const MONITOR_EVERY_TICKS = 3;

export function superviseVitest(options: SupervisorOptions): Promise<SupervisedRun> {
  const started = performance.now();
  const key = randomBytes(32);
  const reader = new ChannelReader(key);
  const finished = new Set<string>();
  const queuedAt = new Map<string, number>();
  const timedOut = new Map<string, number>();
  /** The test each file is running and since when (see `started`); cleared when its result arrives. */
  const running = new Map<string, { name: string; since: number }>();
  /** Seconds of reported hangs per file (see hangCredits), and over the whole run. */
  const credited = new Map<string, number>();
  let creditedTotal = 0;
  let sawEnd = false;
  let failure: KillReason | undefined;
  let stderrTail = '';
  const known = new Map<number, ProcInfo>();
  const monitor = procSupported();

  const marker = randomBytes(8).toString('hex');
  const main = join(RUN_DIR, 'vitest-main.mjs');
  const nodeArgs = [`--max-old-space-size=${options.mainHeapMb ?? 1024}`, main, JSON.stringify(options.launch)];
  const env = { ...options.env, [RUN_MARKER_ENV]: marker };
  // In the sandbox the environment is rebuilt inside (--clearenv, --setenv): bwrap itself only needs PATH.
  const [command, args, spawnEnv] = options.sandbox === undefined
    ? [process.execPath, nodeArgs, env]
    : [options.sandbox.bwrap, [...bwrapArgs(options.sandbox.view, env), '--', process.execPath, ...nodeArgs], { PATH: process.env['PATH'] ?? '/usr/bin:/bin' }];
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: spawnEnv,
    stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
    detached: true,
  });

  const killTree = (reason: KillReason): void => {
    failure ??= reason;
    if (child.pid !== undefined) {
      freezeTree(child.pid, known);
      killAll(known.values());
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // The group is already gone.
      }
    }
    child.kill('SIGKILL');
  };

  const onMessages = (messages: ChannelMessage[]): void => {
    for (const message of messages) {
      if (message.type === 'queued' && message.file !== undefined) queuedAt.set(message.file, performance.now());
      if (message.type === 'module' && message.file !== undefined) finished.add(message.file);
      if (message.type === 'end') sawEnd = true;
      if (message.type === 'case' && HANG_DIAGNOSES.has(message.diagnosis ?? '')) {
        const cap = options.hangCredits?.get(message.file) ?? 0;
        const seconds = Math.min(cap + 1, Math.max(0, message.duration / 1000));
        credited.set(message.file, (credited.get(message.file) ?? 0) + seconds);
        creditedTotal += seconds;
      }
    }
    if (reader.corrupted !== undefined) killTree({ kind: 'corrupted', detail: reader.corrupted });
  };

  child.stdio[3]?.on('data', (chunk: Buffer) => onMessages(reader.push(chunk)));
  child.stdout?.on('data', () => undefined);
  child.stderr?.on('data', (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString()).slice(-4000);
  });
  child.stdin?.on('error', () => undefined);
  child.stdin?.end(key);

  const noteRunning = (file: string, now: number): void => {
    const path = options.runningFiles?.get(file);
    if (path === undefined) return;
    let name = '';
    try {
      name = readFileSync(path, 'utf8').slice(0, 2000);
    } catch {
      // not written yet
    }
    if (name === '') running.delete(file);
    else if (running.get(file)?.name !== name) running.set(file, { name, since: now });
  };

  let ticks = 0;
  const timer = setInterval(() => {
    ticks += 1;
    const now = performance.now();
    // A file over its limit holds its worker forever; let the other workers finish what they can and
    // kill only when nothing is progressing any more.
    let progressing = 0;
    for (const [file, at] of queuedAt) {
      if (finished.has(file) || timedOut.has(file)) continue;
      noteRunning(file, now);
      const limit = options.fileLimits.get(file) ?? options.wallSeconds;
      // A test still running well past its own deadline has blocked its worker (a loop that never awaits): no
      // timer can fire in that process, so waiting for the file's whole limit would only cost time.
      const test = running.get(file);
      const deadline = options.hangCredits?.get(file);
      const stuck = test !== undefined && deadline !== undefined && now - test.since > (deadline + STUCK_GRACE) * 1000;
      if (stuck || now - at - (credited.get(file) ?? 0) * 1000 > limit * 1000) timedOut.set(file, limit);
      else progressing += 1;
    }
    if (timedOut.size > 0 && progressing === 0) {
      killTree({ kind: 'timeout', files: [...timedOut.keys()], seconds: Math.max(...timedOut.values()) });
      return;
    }
    if (now - started - creditedTotal * 1000 > options.wallSeconds * 1000) {
      killTree({ kind: 'wall', seconds: options.wallSeconds });
      return;
    }
    if (monitor && child.pid !== undefined && ticks % MONITOR_EVERY_TICKS === 0) {
      const tree = descendants(child.pid);
      for (const info of tree) known.set(info.pid, info);
      const rss = tree.reduce((sum, info) => sum + info.rssBytes, rssOf(child.pid));
      if (rss > options.memoryMb * 1024 * 1024) killTree({ kind: 'memory', megabytes: options.memoryMb });
      else if (tree.length > options.maxProcesses) killTree({ kind: 'processes', count: tree.length });
    }
  }, TICK_MS);

  return new Promise((resolve) => {
    let settled = false;
    const finish = (): void => {
      if (settled) return;
      settled = true;
      clearInterval(timer);
      for (const file of queuedAt.keys()) if (!finished.has(file)) noteRunning(file, performance.now());
      // Orphans the run left behind (a detached process, reparented away from the tree) die with it.
      killAll(known.values());
      killAll(processesWithEnv(RUN_MARKER_ENV, marker));
      for (const stream of [child.stdio[3], child.stdout, child.stderr]) stream?.destroy();
      reader.end();
      if (failure === undefined && reader.corrupted !== undefined) failure = { kind: 'corrupted', detail: reader.corrupted };
      if (failure === undefined && !sawEnd) {
        failure = { kind: 'crashed', detail: stderrTail.trim().split('\n').slice(-5).join('\n') };
      }
      resolve({ messages: reader.messages, finished, running: new Map([...running].map(([file, test]) => [file, test.name])), failure, stderrTail, seconds: (performance.now() - started) / 1000 });
    };
    child.on('error', (error) => {
      failure ??= { kind: 'crashed', detail: error.message };
      finish();
    });
    child.on('exit', () => {
      if (child.pid !== undefined) {
        for (const info of descendants(child.pid)) known.set(info.pid, info);
      }
      // Give the pipes a moment to drain; a grandchild holding them open must not keep us waiting.
      const grace = setTimeout(finish, 500);
      child.on('close', () => {
        clearTimeout(grace);
        finish();
      });
    });
  });
}
