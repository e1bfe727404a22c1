// Per-test isolation for every exercise's tests (visible and hidden alike). The grader's generated entry file
// calls isolateTests() before it imports the exercise's test files, so each test:
// - starts with a fresh program: a MainThread left waiting by an earlier test (a hang, a leftover wait) is
//   dropped, and the child processes, pools and managers it started are stopped;
// - has the exercise's deadline (meta.json `testDeadline`); a test that overruns it fails alone, with a report
//   of what is blocked, where, and this exercise's typical causes (meta.json `hangCauses`) instead of vitest's
//   timeout text, and the diagnosis id `hang` (or `deadlock`) on the error, as setup.ts records its own;
// - ends at once, with that same report, when the whole program is parked for good: every thread of this
//   process and of every child waits with no timeout and nothing can wake any of them (programStuck, in
//   #runtime/testing; grader/README.md "Per-test isolation"). A hang then costs about a second, not the deadline.
import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, vi } from 'vitest';
import { courseLang } from './lang.ts';
import { beginTest, childWaits, endProgram, programStuck, programState, trackOutsideTimers, untrackedTimers, type ChildWaits, type ProgramState } from '#runtime/testing';
import { hangId, hangText, stuckText, type HangCauses } from './diagnoses/hang.ts';

export interface IsolationOptions {
  /** Seconds a test may run (it should be far below the exercise's whole time limit). */
  deadline: number;
  causes: HangCauses;
  /**
   * Full names of tests that blocked their worker in an earlier run of this grading (a loop that never lets a
   * timer fire): they fail at once with an explanation, so the exercise's other tests can run.
   */
  stuck?: readonly string[];
  /** Where to write the full name of the running test (emptied when it ends), for the grader's supervisor. */
  runningFile?: string;
}

/** How long a child process may take to say what it waits on (it answers from its event loop: milliseconds). */
const CHILD_ANSWER_MS = 1000;

/** The whole-program hang check: first look this long after a test starts, then this often while it runs. */
const FIRST_LOOK_MS = 500;
const LOOK_EVERY_MS = 400;

/** The error vitest raises when a test overruns its timeout. */
const VITEST_TIMEOUT = /^Test timed out in \d+ms/;

interface SerializedError {
  name?: string;
  message?: string;
  stack?: string;
  [key: string]: unknown;
}

/** Carries its diagnosis id and hint as the kit's diagnosed errors do (see setup.ts): the reporter reads them. */
class HangError extends Error {
  override name = 'HangError';
  readonly diagnosis: 'hang' | 'deadlock';
  readonly hint: string | null;
  constructor(message: string, hint: string | null, diagnosis: 'hang' | 'deadlock' = 'hang') {
    super(message);
    this.hint = hint;
    this.diagnosis = diagnosis;
    if (diagnosis === 'deadlock') this.name = 'DeadlockError';
  }
}

/**
 * Ends the running test now with `error`, as its timeout would: vitest rejects a test when its context's signal
 * fires 'abort' (withCancel). The signal's controller is vitest's own, so the event is dispatched directly and
 * the reason given on the signal itself.
 */
function endTestNow(signal: AbortSignal, error: Error): void {
  Object.defineProperty(signal, 'reason', { value: error, configurable: true });
  signal.dispatchEvent(new Event('abort'));
}

/** The hint of a hang: this exercise's first typical cause, in the course language. */
function firstCause(causes: HangCauses): string | null {
  return causes[courseLang()][0] ?? null;
}

/** The test's name with its suites, as the grader's reporter sees it ("suite > test"). */
function fullName(task: { name: string; suite?: { name: string; suite?: unknown; filepath?: string } }): string {
  const names = [task.name];
  for (let suite = task.suite; suite !== undefined && suite.filepath === undefined; suite = suite.suite as typeof suite) {
    names.unshift(suite.name);
  }
  return names.join(' > ');
}

/** Installs the boundary for every test of the file that calls it; call it before the tests are defined. */
export function isolateTests(options: IsolationOptions): void {
  // Read when each test is collected: the tests imported after this call get this exercise's deadline.
  vi.setConfig({ testTimeout: options.deadline * 1000 });
  // Before any test file (and student module) loads: the hang check knows when their timers are due.
  trackOutsideTimers();
  let atTimeout: ProgramState | null = null;
  let childrenAtTimeout: Promise<ChildWaits[]> | null = null;
  let stopLooking: (() => void) | null = null;

  const stuck = new Set(options.stuck ?? []);

  beforeEach((context) => {
    endProgram();
    beginTest();
    atTimeout = null;
    childrenAtTimeout = null;
    const name = fullName(context.task);
    // Synchronous on purpose: if this test blocks its process, the grader still learns which test it was.
    if (options.runningFile !== undefined) writeFileSync(options.runningFile, name);
    if (stuck.has(name)) {
      throw new HangError(stuckText({ deadline: options.deadline, causes: options.causes }, courseLang()), firstCause(options.causes));
    }
    stopLooking = lookForStuckProgram(context.signal, options);
    // Aborted synchronously when the timeout fires, before anything (a test's own afterEach) cleans up.
    context.signal.addEventListener('abort', () => {
      stopLooking?.();
      if (context.signal.reason instanceof HangError) return; // ended early: its report is already written
      atTimeout = programState();
      // Asked now, before the test's own afterEach terminates them: each child says which call it is parked in.
      childrenAtTimeout = childWaits(CHILD_ANSWER_MS);
    }, { once: true });
  });

  afterEach(async (context) => {
    stopLooking?.();
    stopLooking = null;
    const errors = (context.task.result?.errors ?? []) as SerializedError[];
    const index = errors.findIndex((error) => VITEST_TIMEOUT.test(error.message ?? ''));
    if (index >= 0) {
      const state = atTimeout ?? programState();
      state.children = await (childrenAtTimeout ?? childWaits(CHILD_ANSWER_MS));
      const text = hangText({ deadline: options.deadline, state, causes: options.causes }, courseLang());
      const id = hangId(state);
      const name = id === 'deadlock' ? 'DeadlockError' : 'HangError';
      errors[index] = { ...errors[index], name, message: text, stack: '', diagnosis: id, hint: firstCause(options.causes) };
    }
    endProgram();
    if (options.runningFile !== undefined) writeFileSync(options.runningFile, '');
  });
}

/**
 * While a test runs, checks now and then whether the whole program is stuck for good (programStuck); if so,
 * ends the test at once with the hang report it would get at its deadline, saying when it was stopped. Returns
 * the function that stops looking (the test ended).
 */
function lookForStuckProgram(signal: AbortSignal, options: IsolationOptions): () => void {
  const { setTimeout, clearTimeout } = untrackedTimers();
  const started = performance.now();
  const deadlineMs = options.deadline * 1000;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const look = async (): Promise<void> => {
    if (stopped) return;
    // A timer due after the deadline cannot change the outcome: the deadline ends the test first (one set in
    // the test for exactly the deadline, such as 09's within(10, ...), fires after vitest's, set before it).
    const horizonMs = deadlineMs - (performance.now() - started);
    const verdict = await programStuck({ horizonMs });
    if (stopped) return;
    if (!verdict.stuck) {
      timer = setTimeout(() => void look(), LOOK_EVERY_MS);
      return;
    }
    stopped = true;
    const state = programState();
    state.children = verdict.children;
    const early = (performance.now() - started) / 1000;
    const lang = courseLang();
    const text = hangText({ deadline: options.deadline, state, causes: options.causes, early }, lang);
    endTestNow(signal, new HangError(text, firstCause(options.causes), hangId(state)));
  };
  timer = setTimeout(() => void look(), FIRST_LOOK_MS);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
