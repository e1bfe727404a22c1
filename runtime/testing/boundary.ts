// A boundary between tests that run code at top level (no simulate()): what the program is waiting on when a
// test overruns its deadline, and a fresh program afterwards. Without it, a test that hangs leaves MainThread
// parked in its wait, and every later test's first wait fails with "MainThread is already waiting".
import { runningSimulations } from './simulate.ts';
import { askChildren, buildDeadlockReport, describeProgramResources, freshProgram, programScheduler, userSite, type ChildWaits, type Fiber } from '../core/index.ts';

export type { ChildWait, ChildWaits } from '../core/index.ts';

/** One thread or task of the program and the call it waits in. */
export interface ProgramWait {
  /** "MainThread", "Thread-2 (worker)", or "Task-3 (task in MainThread)". */
  who: string;
  /** The call, e.g. "Process.join() on Process-3", "Queue.get()", "time.sleep()". */
  what: string;
  /** The caller's line outside the runtime, e.g. "exercises/09-queue-pipe/exercise.ts:53:34". */
  site: string | null;
  /** Who holds what it waits for (a lock's owner, the thread being joined). */
  holder: string | null;
  /** True when it waits on something outside this process's scheduler (another process, I/O). */
  outside: boolean;
}

/** What a program is doing when it should have finished. */
export interface ProgramState {
  waits: ProgramWait[];
  /** Threads or tasks ready to run or running (a busy loop): not waiting, but not finishing either. */
  busy: string[];
  /** Other resources still busy, e.g. "Process-3 (target consumer)" (see onDescribeProgram). */
  resources: string[];
  /** Thread names along a wait-for cycle among the waits (first repeated at the end): a deadlock. */
  cycle: string[] | null;
  /** What each running child process waits on, when asked (childWaits): filled in by the caller. */
  children?: ChildWaits[];
}

/**
 * Asks every running child process what its threads wait on (the call and the student's line), each within
 * `timeoutMs`: a hang report can then name the child's blocked Queue.get() or recv(), not only "still running".
 */
export function childWaits(timeoutMs = 500): Promise<ChildWaits[]> {
  return askChildren(timeoutMs);
}

function label(fiber: Fiber): string {
  return fiber.kind === 'task' ? `${fiber.name} (task in ${fiber.thread.name})` : fiber.thread.name;
}

/**
 * The program's threads and tasks and what each waits in, and those of any simulate() still running (a test
 * on simulate that overran its deadline waits there); empty when the test never used the runtime.
 */
export function programState(): ProgramState {
  const scheduler = programScheduler();
  const waits: ProgramWait[] = [];
  const busy: string[] = [];
  const fibers = [...(scheduler?.fibers ?? []), ...runningSimulations().flatMap((simulation) => [...simulation.fibers])];
  for (const fiber of fibers) {
    if (fiber.state === 'blocked' || (fiber.state === 'external' && fiber.blockedOn !== null)) {
      const holder = fiber.blockedOn?.holder?.() ?? null;
      waits.push({
        who: label(fiber),
        what: fiber.blockedOn?.what ?? fiber.lastWait,
        site: userSite(fiber.blockedSite),
        holder: holder === null ? null : label(holder),
        outside: fiber.state === 'external',
      });
    } else if (fiber.state === 'runnable' || fiber.state === 'running') {
      // A main thread "running" with nothing else alive is the test's own code between runtime calls.
      if (fiber.kind !== 'main') busy.push(label(fiber));
    }
  }
  const cycle = [scheduler, ...runningSimulations()].reduce<string[] | null>((found, each) =>
    found ?? (each === null ? null : buildDeadlockReport(each.blockedFibers(), false).cycle), null);
  return { waits, busy, resources: describeProgramResources(), cycle };
}

/**
 * Ends the current program: its scheduler is closed (its waits stay parked, never resumed), child processes,
 * pools and managers it left running are stopped, and the next top-level runtime call starts a new MainThread.
 */
export function endProgram(): void {
  freshProgram();
}
