// The child side of a process: runs inside the worker, from the bundle built for the target's module.
// Order matters, as in Python's spawn: set who we are (so `currentProcess().name` is already 'Process-1'
// while the module loads, and the main guard is false), route printed text to the parent, import the target's
// module (re-running its top level), find the target by name, rebuild the arguments, run it.
import { parentPort } from 'node:worker_threads';
import { processInfo } from '../../core/process-info.ts';
import { AttributeError } from '../errors.ts';
import { setUpstream, type ChildOutput, type Stream } from '../output.ts';
import { loads } from '../reduction.ts';
import { adoptBootData, state, type BootData } from '../state.ts';
import { attributeError } from '../target.ts';
import { formatTraceback } from '../traceback.ts';
import type { OutputMessage, StartMessage } from './protocol.ts';
import '../index.ts';

type StartOk = Extract<StartMessage, { kind: 'start' }>;

function post(output: ChildOutput): void {
  parentPort?.postMessage({ kind: 'out', ...output } satisfies OutputMessage);
}

/** Replace the worker's stdout/stderr with a relay to the parent (Node's own relay shows output late). */
function relayOutput(): void {
  for (const stream of ['stdout', 'stderr'] as const satisfies readonly Stream[]) {
    const target = process[stream];
    target.write = ((chunk: string | Uint8Array, encodingOrCallback?: unknown, callback?: unknown): boolean => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      post({ stream, text, processName: processInfo.name });
      const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
      if (typeof done === 'function') queueMicrotask(() => (done as () => void)());
      return true;
    }) as typeof target.write;
  }
  // Output of our own children goes up the tree.
  setUpstream(post);
}

function printError(error: unknown, header: boolean): void {
  const text = `${header ? `Process ${processInfo.name}:\n` : ''}${formatTraceback(error)}`;
  process.stderr.write(text);
}

export async function runChild(
  boot: BootData,
  start: StartOk,
  loadTarget: () => Promise<Record<string, unknown>>,
): Promise<void> {
  adoptBootData(boot);
  relayOutput();

  let module: Record<string, unknown>;
  state.bootstrapping = true;
  try {
    module = await loadTarget();
  } catch (error) {
    printError(error, false);
    process.exitCode = 1;
    return;
  } finally {
    state.bootstrapping = false;
  }

  const target = module[start.exportName];
  if (typeof target !== 'function') {
    const error: AttributeError = attributeError(() => undefined, start.modulePath);
    error.message = error.message.replace("'<lambda>'", `'${start.exportName}'`);
    printError(error, true);
    process.exitCode = 1;
    return;
  }

  try {
    const args = loads(start.args) as unknown[];
    const kwargs = loads(start.kwargs) as Record<string, unknown> | undefined;
    const all = kwargs === undefined ? args : [...args, kwargs];
    await (target as (...a: unknown[]) => unknown)(...all);
    process.exitCode = 0;
  } catch (error) {
    printError(error, true);
    process.exitCode = 1;
  }
}
