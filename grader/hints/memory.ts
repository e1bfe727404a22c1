// The local memory of the student loop: per exercise, how many runs failed and which hint the student asked
// for, so hints come one by one and a stuck student gets the next one without asking. It lives in a
// git-ignored file of the student's checkout (CI never sees it: there the instructor's level applies).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const MEMORY_FILE = join('.course', 'hints.json');

/** Failed runs of one exercise after which one more hint is released without asking. */
export const RUNS_PER_HINT = 3;

export interface ExerciseMemory {
  /** Runs of `npm test`/watch in which this exercise was the one shown and failed. */
  failedRuns: number;
  /** The highest hint the student asked for (--hint, h in watch). */
  asked: number;
}

export interface Memory {
  /** The exercise the loop showed last: where `npm test -- --hint` and watch start. */
  current?: string;
  exercises: Record<string, ExerciseMemory>;
}

export function memoryPath(courseRoot: string): string {
  return join(courseRoot, MEMORY_FILE);
}

/** A missing or unreadable file is an empty memory: losing it only means hints start again from 1. */
export function readMemory(courseRoot: string): Memory {
  const memory: Memory = { exercises: {} };
  try {
    const raw = JSON.parse(readFileSync(memoryPath(courseRoot), 'utf8')) as { current?: unknown; exercises?: unknown };
    if (typeof raw.current === 'string') memory.current = raw.current;
    if (typeof raw.exercises !== 'object' || raw.exercises === null) return memory;
    for (const [key, value] of Object.entries(raw.exercises as Record<string, Partial<ExerciseMemory> | null>)) {
      memory.exercises[key] = { failedRuns: Number(value?.failedRuns) || 0, asked: Number(value?.asked) || 0 };
    }
  } catch {
    // Missing or unreadable: start again.
  }
  return memory;
}

export function writeMemory(courseRoot: string, memory: Memory): void {
  const path = memoryPath(courseRoot);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(`${path}.${process.pid}.tmp`, `${JSON.stringify(memory, null, 2)}\n`);
    renameSync(`${path}.${process.pid}.tmp`, path);
  } catch {
    // A read-only checkout only loses the memory, never the run.
  }
}

/** How many exercise hints are released now: the first always, one more per RUNS_PER_HINT failed runs, or what was asked. */
export function releasedLevel(entry: ExerciseMemory | undefined, available: number): number {
  const failedRuns = entry?.failedRuns ?? 0;
  const automatic = 1 + Math.floor(Math.max(0, failedRuns - 1) / RUNS_PER_HINT);
  return Math.min(available, Math.max(automatic, entry?.asked ?? 0));
}

export function entryOf(memory: Memory, key: string): ExerciseMemory {
  memory.exercises[key] ??= { failedRuns: 0, asked: 0 };
  return memory.exercises[key];
}
