// What a parent sends a new child to start it (Python pickles the Process object for spawn): where its class
// and target live (found by name, bundled to plain JS) and its arguments and fields, reduced for postMessage.
// The async part (finding modules, bundling) is apart from the reduction: arguments are reduced right before
// postMessage, so a Connection's port is never detached from its listener while messages can still arrive.
import type { TransferListItem } from 'node:worker_threads';
import { bundleFor, runtimeBundle } from './bundler.ts';
import type { FunctionRef, StartMessage } from './child/protocol.ts';
import { dumps } from '../reduction.ts';
import type { BootData } from '../state.ts';
import { locateTarget, type TargetRef } from './target.ts';
import { typeName } from '../../python/index.ts';

type Fn = (...args: never[]) => unknown;

export const BOOTSTRAP_MESSAGE = `
        An attempt has been made to start a new process before the
        current process has finished its bootstrapping phase.

        This probably means that you are not using fork to start your
        child processes and you have forgotten to use the proper idiom
        in the main module:

            if (mp.currentProcess().name === 'MainProcess') {
                ...
            }

        The child process imports the target's module again: code at its top level runs in
        every child. Put the code that starts processes inside that guard (or in a main() that only
        the program's entry point calls).
        `;

export interface Located {
  entryUrl: string;
  cls: FunctionRef | null;
  target: FunctionRef | null;
}

/**
 * Find the Process subclass (null for Process itself) and the target, and bundle their modules. The subclass's
 * module is the one the child imports first (its top level runs again there), else the target's.
 * Throws AttributeError (not found), TypeError (a target that is not callable) or esbuild's error.
 */
export async function locateStart(
  cls: Fn | null,
  target: unknown,
  explicitModule: string | null,
  caller: string | null,
): Promise<Located> {
  // Python's child fails in run(); without a target it runs nothing and exits 0.
  if (cls === null && target !== null && typeof target !== 'function') {
    throw new TypeError(`'${typeName(target)}' object is not callable`);
  }
  const clsRef = cls === null ? null : await locateTarget(cls, explicitModule, caller);
  const targetRef = typeof target === 'function' ? await locateTarget(target as Fn, explicitModule, caller) : null;
  const main: TargetRef | null = clsRef ?? targetRef;
  const entryUrl = main === null ? await runtimeBundle() : await bundleFor(main.modulePath);
  let targetUrl = entryUrl;
  if (targetRef !== null && targetRef.modulePath !== main?.modulePath) targetUrl = await bundleFor(targetRef.modulePath);
  return {
    entryUrl,
    cls: clsRef === null ? null : { entryUrl, ...clsRef },
    target: targetRef === null ? null : { entryUrl: targetUrl, ...targetRef },
  };
}

/** The start message with the arguments and a subclass's fields reduced (call right before postMessage). */
export function startMessage(
  boot: BootData,
  located: Located,
  args: readonly unknown[],
  kwargs: Record<string, unknown> | undefined,
  fields: Record<string, unknown>,
): { message: StartMessage; transfer: TransferListItem[] } {
  const a = dumps(args);
  const k = dumps(kwargs);
  const f = dumps(fields);
  return {
    message: { kind: 'start', boot, ...located, args: a.pickled, kwargs: k.pickled, fields: f.pickled },
    transfer: [...a.transfer, ...k.transfer, ...f.transfer],
  };
}

/** How a Pool worker starts: the runtime's bundle, or the initializer's module's. */
export async function poolStartMessage(
  boot: BootData,
  initializer: Fn | null,
  initargs: readonly unknown[],
  caller: string | null,
): Promise<StartMessage> {
  if (initializer === null) {
    return { kind: 'pool', boot, entryUrl: await runtimeBundle(), initializer: null, initargs: dumps([]).pickled };
  }
  const ref = await locateTarget(initializer, null, caller);
  const entryUrl = await bundleFor(ref.modulePath);
  const pickled = dumps(initargs);
  if (pickled.transfer.length > 0) throw new TypeError('initargs cannot hold objects that move (Connections)');
  return { kind: 'pool', boot, entryUrl, initializer: { entryUrl, ...ref }, initargs: pickled.pickled };
}

/** A module esbuild could not bundle, shown as the child's import error. */
export function bundleError(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  const wrapped = new SyntaxError(`cannot load the target's module for the child process:\n${message}`);
  wrapped.stack = `${wrapped.name}: ${wrapped.message}`;
  return wrapped;
}
