// The scheduler the calling code belongs to: the one of its fiber, or else the program's own, created on first
// use for the code running at top level (which becomes MainThread). RUNTIME_CLOCK, RUNTIME_STRATEGY,
// RUNTIME_SEED and RUNTIME_SCHEDULE configure a whole program.
import { Scheduler, fiberStorage, type ClockKind } from './scheduler.ts';
import type { Fiber } from './fiber.ts';
import type { StrategyName } from './strategy.ts';
import { parseChoices } from './strategy.ts';
import { buildDeadlockReport } from './deadlock.ts';

let program: Scheduler | null = null;

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
export function awaitExternal<T>(work: PromiseLike<T>, what: string): Promise<T> {
  return currentScheduler().awaitExternal(work, what);
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
  // beforeExit fires only when Node has nothing left to do: no outside work can come back, so a main thread
  // still counted as external has finished its top-level code, and a blocked thread is blocked forever.
  process.on('beforeExit', () => {
    if (scheduler.closed) return;
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
  return scheduler;
}
