// The child side of a process: runs inside the worker, from the bundle built for the target's module.
// Order matters, as in Python's spawn: set who we are (so `currentProcess().name` is already 'Process-1'
// while the module loads, and the main guard is false), route printed text to the parent, import the target's
// module (re-running its top level), find the target by name, rebuild the arguments, run it.
import { processInfo } from '../../core/process-info.ts';
import { AttributeError } from '../errors.ts';
import { loads } from '../reduction.ts';
import type { BootData } from '../state.ts';
import { attributeError } from '../target.ts';
import { formatTraceback } from '../traceback.ts';
import { adopt, loadGuarded } from './adopt.ts';
import type { StartMessage } from './protocol.ts';
import '../index.ts';

export { adopt, loadGuarded } from './adopt.ts';
export { runPoolWorker } from './pool-worker.ts';

type StartOk = Extract<StartMessage, { kind: 'start' }>;

function printError(error: unknown, header: boolean): void {
  const text = `${header ? `Process ${processInfo.name}:\n` : ''}${formatTraceback(error)}`;
  process.stderr.write(text);
}

export async function runChild(
  boot: BootData,
  start: StartOk,
  loadTarget: () => Promise<Record<string, unknown>>,
): Promise<void> {
  adopt(boot);
  let module: Record<string, unknown>;
  try {
    module = await loadGuarded(loadTarget);
  } catch (error) {
    printError(error, false);
    process.exitCode = 1;
    return;
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
