// explore(): runs a program under many schedules (seeded random or PCT) and returns the first failing one —
// an exception, a failed assertion or a deadlock — with what is needed to replay it and a readable interleaving.
import type { StrategyName, TraceEvent } from '../core/index.ts';
import { simulate, type Schedule, type SimulateOptions, type SimulationFailure, type SimulationResult } from './simulate.ts';
import { formatInterleaving } from './interleaving.ts';

export interface ExploreOptions {
  /** How many schedules to try (default 100). */
  runs?: number;
  /** Base seed: run i uses seed + i (default 1). */
  seed?: number;
  /** 'pct' (default) or 'random'. */
  strategy?: Exclude<StrategyName, 'fifo'>;
  maxTime?: number;
}

export interface FailingSchedule {
  /** 1-based number of the run that failed. */
  run: number;
  schedule: Schedule;
  error: unknown;
  /** Per-thread table of the failing run. */
  interleaving: string;
  trace: TraceEvent[];
  output: string[];
  /** Whether replaying the schedule failed the same way (it should: report it if not). */
  replays: boolean;
  /** A one-paragraph summary to print in a failing test. */
  message: string;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

export async function explore(
  program: () => unknown,
  options: ExploreOptions = {},
): Promise<FailingSchedule | null> {
  const runs = options.runs ?? 100;
  const base = options.seed ?? 1;
  const strategy = options.strategy ?? 'pct';
  for (let run = 0; run < runs; run++) {
    const simOptions: SimulateOptions = { seed: base + run, strategy };
    if (options.maxTime !== undefined) simOptions.maxTime = options.maxTime;
    try {
      await simulate(program, simOptions);
    } catch (error) {
      const failure = (error as { simulation?: SimulationFailure }).simulation;
      if (failure === undefined) throw error;
      let replays = false;
      try {
        await replay(program, failure.schedule);
      } catch (again) {
        replays = describe(again) === describe(error);
      }
      const interleaving = formatInterleaving(failure.trace);
      const { seed, choices } = failure.schedule;
      return {
        run: run + 1,
        schedule: failure.schedule,
        error,
        interleaving,
        trace: failure.trace,
        output: failure.output,
        replays,
        message:
          `Run ${run + 1} of ${runs} failed with ${describe(error)}\n` +
          `Replay: strategy ${strategy}, seed ${seed}, schedule "${choices}"\n${interleaving}`,
      };
    }
  }
  return null;
}

/** Runs the program again under a recorded schedule (a failure's `schedule`, or `{ strategy, seed, choices }`). */
export function replay<T>(program: () => T | Promise<T>, schedule: Schedule): Promise<SimulationResult<Awaited<T>>> {
  return simulate(program, { schedule });
}
