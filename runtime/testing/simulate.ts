// simulate(): runs a function as the main thread of a fresh scheduler (virtual clock by default) and reports
// its value, the virtual time it took, what it printed, and a trace of who ran when.
import { DeadlockError, Scheduler, buildDeadlockReport, parseChoices, type ClockKind, type StrategyName, type TraceEvent } from '../core/index.ts';
import { RuntimeError } from '../python/index.ts';
import { installConsoleCapture } from './capture.ts';

/** Everything needed to run the same schedule again. */
export interface Schedule {
  strategy: StrategyName;
  seed: number | undefined;
  /** Fiber ids chosen at each decision, joined by dots. */
  choices: string;
}

export interface SimulateOptions {
  /** Seed of the random or PCT strategy; giving one without a strategy selects 'random'. */
  seed?: number;
  clock?: ClockKind;
  strategy?: StrategyName;
  /** Replay a recorded schedule (from a failure's `schedule`, or its choice string). */
  schedule?: Schedule | string;
  /** Virtual seconds after which the run is stopped as runaway (default 1,000,000). */
  maxTime?: number;
  /** time.time() at the start, in seconds since the epoch (default: 2026-01-01T09:00:00Z, reproducible). */
  epoch?: number;
  /** Record the trace (default true; benchmarks turn it off). */
  trace?: boolean;
}

export interface SimulationResult<T> {
  value: T;
  /** Seconds on the simulation's clock when the main thread and all non-daemon threads had finished. */
  elapsed: number;
  /** Lines printed (console.log, print, logging) by any thread, in order. */
  output: string[];
  trace: TraceEvent[];
  schedule: Schedule;
  /** Non-daemon threads still running when the main thread finished (a missing join, unless intended). */
  unjoined: string[];
  /** Daemon threads still alive at the end, abandoned as Python abandons them at exit. */
  abandoned: string[];
}

/** What a failed simulation attaches to the error it throws, as `error.simulation`. */
export interface SimulationFailure {
  schedule: Schedule;
  trace: TraceEvent[];
  output: string[];
  elapsed: number;
}

export const DEFAULT_EPOCH = Date.UTC(2026, 0, 1, 9, 0, 0) / 1000;

let active = 0;
/** The schedulers of the simulations running now (hang reports describe their waits too: boundary.ts). */
const running = new Set<Scheduler>();

/** @internal The schedulers of the simulations still running. */
export function runningSimulations(): Scheduler[] {
  return [...running];
}

/** The latest simulation that ended, pass or fail: the grader draws its timeline under a failing test. */
let latest: SimulationFailure | undefined;

/** The trace, output and elapsed time of the simulation that ended last in this process (or undefined). */
export function lastSimulation(): SimulationFailure | undefined {
  return latest;
}

/** Forgets the last simulation (the grader calls it before each test, so a test never shows another's). */
export function clearLastSimulation(): void {
  latest = undefined;
}

export function simulate<T>(main: () => T | Promise<T>, options: SimulateOptions = {}): Promise<SimulationResult<Awaited<T>>> {
  if (typeof main !== 'function') {
    throw new TypeError('simulate() needs a function to run as the main thread: simulate(async () => { ... })');
  }
  installConsoleCapture();
  const schedule: Schedule | undefined =
    typeof options.schedule === 'string'
      ? { strategy: options.strategy ?? 'random', seed: options.seed, choices: options.schedule }
      : options.schedule;
  const strategy: StrategyName =
    schedule?.strategy ?? options.strategy ?? (options.seed !== undefined ? 'random' : 'fifo');
  const seed = schedule?.seed ?? options.seed;
  const scheduler = new Scheduler({
    clock: options.clock ?? 'virtual',
    strategy,
    seed,
    trace: options.trace ?? true,
    epoch: options.epoch ?? DEFAULT_EPOCH,
    timeLimit: options.maxTime ?? 1_000_000,
    ...(schedule !== undefined ? { replay: parseChoices(schedule.choices) } : {}),
  });
  scheduler.capture = [];
  active++;
  running.add(scheduler);

  return new Promise((resolve, reject) => {
    let unjoined: string[] = [];
    let settled = false;
    const summary = (): SimulationFailure => ({
      schedule: { strategy, seed, choices: scheduler.choices.join('.') },
      trace: scheduler.trace ?? [],
      output: scheduler.capture ?? [],
      elapsed: scheduler.now(),
    });
    const fail = (error: unknown): void => {
      if (settled) return;
      settled = true;
      scheduler.close();
      active--;
      running.delete(scheduler);
      latest = summary();
      if (error !== null && typeof error === 'object') {
        Object.defineProperty(error, 'simulation', { value: summary(), enumerable: false, configurable: true });
      }
      reject(error);
    };
    const succeed = (): void => {
      if (settled) return;
      settled = true;
      const abandoned = [...scheduler.fibers].filter((f) => f.kind === 'thread' && f.state !== 'done').map((f) => f.name);
      scheduler.close();
      active--;
      running.delete(scheduler);
      latest = summary();
      const { schedule: sched, trace, output, elapsed } = latest;
      resolve({ value: main_.result as Awaited<T>, elapsed, output, trace, schedule: sched, unjoined, abandoned });
    };
    const finishedAll = (): boolean => main_.state === 'done' && scheduler.liveNonDaemonThreads === 0;

    scheduler.onFiberDone = (fiber) => {
      if (fiber === main_) {
        unjoined = [...scheduler.fibers].filter((f) => f.kind === 'thread' && !f.daemon).map((f) => f.name);
      }
      if (!finishedAll()) return;
      if (main_.failed) fail(main_.error);
      else succeed();
    };
    scheduler.onIdle = () => {
      if (settled) return;
      if (finishedAll()) return main_.failed ? fail(main_.error) : succeed();
      if (main_.failed) return fail(main_.error);
      const blocked = scheduler.blockedFibers();
      fail(new DeadlockError(buildDeadlockReport(blocked, main_.state === 'done')));
    };
    scheduler.onTimeLimit = () => {
      const alive = [...scheduler.fibers].map((f) => `${f.name} (${f.blockedOn?.what ?? f.state})`).join(', ');
      fail(
        new RuntimeError(
          `the simulation passed ${scheduler.timeLimit} virtual seconds and was stopped: a thread that never ` +
            `ends? Still alive: ${alive}`,
        ),
      );
    };
    const main_ = scheduler.spawn(main, { name: 'MainThread', kind: 'main' });
  });
}

/** How many simulations are running now (tests use it to check that none leaks). */
export function activeSimulations(): number {
  return active;
}
