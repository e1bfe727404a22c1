// The scheduler the calling code belongs to: the one of its fiber, or else the program's own, created on first
// use for the code running at top level (which becomes MainThread). RUNTIME_CLOCK, RUNTIME_STRATEGY,
// RUNTIME_SEED and RUNTIME_SCHEDULE configure a whole program.
import { Scheduler, fiberStorage, type ClockKind, type ExternalWait } from './scheduler.ts';
import type { Fiber } from './fiber.ts';
import type { StrategyName } from './strategy.ts';
import { parseChoices } from './strategy.ts';
import { buildDeadlockReport } from './deadlock.ts';

let program: Scheduler | null = null;
/** Called by freshProgram() before the program scheduler is dropped (e.g. multiprocessing stops its children). */
const resetHooks = new Set<() => void>();
/** Lines describing program-wide resources still busy (e.g. child processes still running), for hang reports. */
const describeHooks = new Set<() => string[]>();

export function currentScheduler(): Scheduler {
  const fiber = fiberStorage.getStore();
  if (fiber !== undefined) return fiber.scheduler;
  return (program ??= createProgramScheduler());
}

/** The caller's fiber: one AsyncLocalStorage lookup (the hot path of every uncontended primitive). */
export function currentFiber(): Fiber {
  const fiber = fiberStorage.getStore();
  if (fiber !== undefined) return fiber;
  return (program ??= createProgramScheduler()).current();
}

/** Awaits work the runtime does not control; see Scheduler.awaitExternal. */
export function awaitExternal<T>(work: PromiseLike<T>, what: string, wait?: ExternalWait<T>): Promise<T> {
  return currentScheduler().awaitExternal(work, what, wait);
}

/** The program's scheduler if top-level code has used the runtime since the last reset, else null. */
export function programScheduler(): Scheduler | null {
  return program;
}

/**
 * Registers cleanup to run when a test boundary starts a fresh program (see freshProgram). Modules that own
 * program-wide resources (child processes, pools) register here, so the boundary needs no import of them.
 */
export function onFreshProgram(hook: () => void): void {
  resetHooks.add(hook);
}

/** Registers a description of program-wide resources still busy, e.g. "Process-3 (consumer) is still running". */
export function onDescribeProgram(hook: () => string[]): void {
  describeHooks.add(hook);
}

/** What the registered modules report as still busy (see onDescribeProgram). */
export function describeProgramResources(): string[] {
  return [...describeHooks].flatMap((hook) => hook());
}

/**
 * Drops the program's scheduler (closed: whatever waited in it stays parked forever, its timers are dropped) and
 * runs the registered cleanups, so the next top-level runtime call starts a new MainThread. A test boundary: one
 * test's hang or leftover wait cannot make the next test's MainThread "already waiting". Returns the old one.
 */
export function freshProgram(): Scheduler | null {
  const old = program;
  program = null;
  old?.close();
  for (const hook of resetHooks) hook();
  return old;
}

function envStrategy(): StrategyName | undefined {
  const name = process.env['RUNTIME_STRATEGY'];
  if (name === undefined || name === '') return process.env['RUNTIME_SEED'] ? 'random' : undefined;
  if (name !== 'fifo' && name !== 'random' && name !== 'pct') {
    throw new Error(`RUNTIME_STRATEGY must be fifo, random or pct, not ${JSON.stringify(name)}`);
  }
  return name;
}

function envClock(): ClockKind {
  const clock = process.env['RUNTIME_CLOCK'] ?? 'real';
  if (clock !== 'real' && clock !== 'virtual') {
    throw new Error(`RUNTIME_CLOCK must be "real" or "virtual", not ${JSON.stringify(clock)}`);
  }
  return clock;
}

function envSeed(): number | undefined {
  const raw = process.env['RUNTIME_SEED'];
  if (raw === undefined || raw === '') return undefined;
  const seed = Number(raw);
  if (!Number.isInteger(seed)) throw new Error(`RUNTIME_SEED must be an integer, not ${JSON.stringify(raw)}`);
  return seed;
}

function createProgramScheduler(): Scheduler {
  const schedule = process.env['RUNTIME_SCHEDULE'];
  const scheduler = new Scheduler({
    clock: envClock(),
    strategy: envStrategy(),
    seed: envSeed(),
    ...(schedule ? { replay: parseChoices(schedule) } : {}),
  });
  scheduler.adoptMain('MainThread');
  scheduler.onFiberDone = () => {
    // Python's exit: once the main thread and every non-daemon thread are done, daemons are abandoned.
    if (scheduler.main.state === 'done' && scheduler.liveNonDaemonThreads === 0) scheduler.close();
  };
  listenBeforeExit();
  return scheduler;
}

let listening = false;

/** One listener for every program scheduler (a test run may create many through freshProgram). */
function listenBeforeExit(): void {
  if (listening) return;
  listening = true;
  // beforeExit fires only when Node has nothing left to do: no outside work can come back, so a main thread
  // still counted as external has finished its top-level code, and a blocked thread is blocked forever.
  process.on('beforeExit', () => {
    const scheduler = program;
    if (scheduler === null || scheduler.closed) return;
    scheduler.finishMain();
    if (scheduler.closed || scheduler.running !== null) return;
    const blocked = scheduler.blockedFibers().filter((f) => !f.daemon || f.kind === 'main');
    if (blocked.length > 0) {
      const report = buildDeadlockReport(scheduler.blockedFibers(), scheduler.main.state === 'done');
      process.stderr.write(`${report.text}\n`);
      process.exitCode = 1;
      scheduler.close();
    }
  });
}
