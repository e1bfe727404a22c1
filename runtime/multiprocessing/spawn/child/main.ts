// The child side of a process: runs inside the worker, from the bundle built for the target's module.
// Order matters, as in Python's spawn: set who we are (so `currentProcess().name` is already 'Process-1'
// while the module loads, and the main guard is false), route printed text to the parent, import the module of
// the Process subclass or of the target (re-running its top level), find the class and the target by name,
// rebuild the Process object with its arguments and fields (Python unpickles it), and call its run().
import { parentPort } from 'node:worker_threads';
import { markAtRest, processInfo, programParked, programWaits, progressCount, trackOutsideTimers } from '../../../core/index.ts';
import { anyChildAlive } from '../../children.ts';
import { AttributeError } from '../../errors.ts';
import { Process, type Target } from '../../process.ts';
import { loads } from '../../reduction.ts';
import type { BootData } from '../../state.ts';
import { attributeError } from '../target.ts';
import { formatTraceback } from '../../traceback.ts';
import { adopt, loadGuarded } from './adopt.ts';
import type { AskWaitsMessage, FunctionRef, StartMessage, WaitsMessage } from './protocol.ts';
import '../../index.ts';

export { adopt, loadGuarded } from './adopt.ts';
export { runPoolWorker } from './pool-worker.ts';

type StartOk = Extract<StartMessage, { kind: 'start' }>;
type Module = Record<string, unknown>;

interface Bundle {
  adopt(boot: BootData): void;
  loadGuarded<T>(load: () => Promise<T>): Promise<T>;
  loadTarget: (() => Promise<Module>) | null;
}

function printError(error: unknown, header: boolean): void {
  const text = `${header ? `Process ${processInfo.name}:\n` : ''}${formatTraceback(error)}`;
  process.stderr.write(text);
}

function missing(ref: FunctionRef): AttributeError {
  const error = attributeError(() => undefined, ref.modulePath);
  error.message = error.message.replace("'<lambda>'", `'${ref.exportName}'`);
  return error;
}

/** The module of a function that lives in another bundle (a target apart from its Process subclass). */
async function loadOther(boot: BootData, entryUrl: string): Promise<Module> {
  const bundle = (await import(entryUrl)) as Bundle;
  // That bundle carries its own copy of the runtime: give it our identity too.
  bundle.adopt(boot);
  return bundle.loadTarget === null ? {} : bundle.loadGuarded(bundle.loadTarget);
}

/**
 * Answers the parent's "what do you wait on?" (hang reports) without keeping the child alive; asked with a
 * horizon, also whether it is parked for good as far as it can tell (the whole-program hang check). That
 * answer waits one turn of the event loop first, so a wake-up already delivered to this process counts.
 */
function answerWaits(): void {
  if (parentPort === null) return;
  const port = parentPort;
  port.on('message', (message: Partial<AskWaitsMessage> | null) => {
    if (message?.kind !== 'ask-waits') return;
    const { horizonMs } = message;
    if (horizonMs === undefined) {
      port.postMessage({ kind: 'waits', waits: programWaits() } satisfies WaitsMessage);
      return;
    }
    setImmediate(() => {
      // A child with children of its own cannot vouch for them (they are not asked): never "parked".
      const parked = anyChildAlive() ? { parked: false, progress: progressCount(), why: 'it has running children' } : programParked(horizonMs);
      port.postMessage({ kind: 'waits', waits: programWaits(), parked } satisfies WaitsMessage);
    });
  });
  port.unref();
}

export async function runChild(boot: BootData, start: StartOk, loadTarget: (() => Promise<Module>) | null): Promise<void> {
  adopt(boot);
  answerWaits();
  // Before the student's module loads: its timers are known to the hang check (and the child at rest now).
  trackOutsideTimers();
  markAtRest();
  let cls: typeof Process = Process;
  let target: Target | null = null;
  try {
    const main = loadTarget === null ? {} : await loadGuarded(loadTarget);
    if (start.cls !== null) {
      const found = main[start.cls.exportName];
      // Python cannot unpickle the object: the traceback has no "Process N:" header.
      if (typeof found !== 'function') throw missing(start.cls);
      cls = found as typeof Process;
    }
    if (start.target !== null) {
      const ns = start.target.entryUrl === start.entryUrl ? main : await loadOther(boot, start.target.entryUrl);
      const found = ns[start.target.exportName];
      if (typeof found !== 'function') {
        printError(missing(start.target), true);
        process.exitCode = 1;
        return;
      }
      target = found as Target;
    }
  } catch (error) {
    printError(error, false);
    process.exitCode = 1;
    return;
  }

  try {
    const self = Process._rebuildInChild(cls, {
      boot,
      target,
      args: loads(start.args) as unknown[],
      kwargs: loads(start.kwargs) as Record<string, unknown> | undefined,
      fields: loads(start.fields) as Record<string, unknown>,
    });
    await self.run();
    process.exitCode = 0;
  } catch (error) {
    printError(error, true);
    process.exitCode = 1;
  }
}
