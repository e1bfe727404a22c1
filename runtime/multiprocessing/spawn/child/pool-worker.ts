// The loop of a Pool worker process (Python's multiprocessing.pool.worker): run the initializer, then take
// chunks of work from the parent one by one and send back each chunk's results or its error with the
// formatted traceback. Functions travel by reference (module bundle + export name), as Process targets do.
import { parentPort } from 'node:worker_threads';
import { processInfo } from '../../../core/index.ts';
import { attributeError } from '../target.ts';
import { loads } from '../../reduction.ts';
import { pickleChunk } from '../../pool/chunks.ts';
import { formatTraceback } from '../../traceback.ts';
import type { BootData } from '../../state.ts';
import { adopt } from './adopt.ts';
import type { FunctionRef, PoolMessage, ResultMessage, StartMessage, TaskMessage } from './protocol.ts';

type PoolStart = Extract<StartMessage, { kind: 'pool' }>;

interface Bundle {
  adopt(boot: BootData): void;
  loadGuarded<T>(load: () => Promise<T>): Promise<T>;
  loadTarget: (() => Promise<Record<string, unknown>>) | null;
}

type Fn = (...args: unknown[]) => unknown;

export async function runPoolWorker(boot: BootData, start: PoolStart): Promise<void> {
  adopt(boot);
  const port = parentPort;
  if (port === null) return;
  const modules = new Map<string, Promise<Record<string, unknown>>>();

  const loadFunction = async (ref: FunctionRef): Promise<Fn> => {
    let ns = modules.get(ref.entryUrl);
    if (ns === undefined) {
      ns = (async () => {
        const bundle = (await import(ref.entryUrl)) as Bundle;
        // Each bundle carries its own copy of the runtime: give that copy our identity too.
        bundle.adopt(boot);
        if (bundle.loadTarget === null) return {};
        return bundle.loadGuarded(bundle.loadTarget);
      })();
      modules.set(ref.entryUrl, ns);
    }
    const fn = (await ns)[ref.exportName];
    if (typeof fn !== 'function') {
      const error = attributeError(() => undefined, ref.modulePath);
      error.message = error.message.replace("'<lambda>'", `'${ref.exportName}'`);
      throw error;
    }
    return fn as Fn;
  };

  if (start.initializer !== null) {
    try {
      const init = await loadFunction(start.initializer);
      await init(...(loads(start.initargs) as unknown[]));
    } catch (error) {
      process.stderr.write(`Process ${processInfo.name}:\n${formatTraceback(error)}`);
      process.exit(1);
    }
  }

  const runTask = async (task: TaskMessage): Promise<void> => {
    let reply: ResultMessage;
    let transfer: ReturnType<typeof pickleChunk>['transfer'] = [];
    try {
      const fn = await loadFunction(task.fn);
      const items = loads(task.items) as unknown[];
      const results: unknown[] = [];
      for (let next = 0; next < items.length; ) {
        next = callUntilPromise(fn, items, task.star, results, next);
        const last = results.length - 1;
        if (results[last] instanceof Promise) results[last] = await results[last];
      }
      let out: ReturnType<typeof pickleChunk>;
      try {
        out = pickleChunk(results);
      } catch (error) {
        throw unsendable(results, error);
      }
      transfer = out.transfer;
      reply = { kind: 'result', job: task.job, chunk: task.chunk, ok: true, value: out.pickled };
    } catch (error) {
      const info =
        error instanceof Error
          ? { name: error.name, message: error.message, traceback: formatTraceback(error) }
          : { name: 'Error', message: String(error), traceback: formatTraceback(error) };
      reply = { kind: 'result', job: task.job, chunk: task.chunk, ok: false, error: info };
    }
    try {
      port.postMessage(reply, transfer);
    } catch (error) {
      // A result that cannot be copied back (a function...): the task fails, as an unpicklable result does.
      const wrapped = unsendable(reply.ok ? '<result>' : reply.error.message, error);
      const info = { name: wrapped.name, message: wrapped.message, traceback: formatTraceback(error) };
      port.postMessage({ kind: 'result', job: task.job, chunk: task.chunk, ok: false, error: info } satisfies ResultMessage);
    }
  };

  const inbox: PoolMessage[] = [];
  let running = false;
  const drain = async (): Promise<void> => {
    running = true;
    while (inbox.length > 0) {
      const message = inbox.shift() as PoolMessage;
      if (message.kind === 'stop') {
        port.removeAllListeners('message');
        process.exit(0);
      }
      await runTask(message);
    }
    running = false;
  };
  port.on('message', (message: PoolMessage) => {
    inbox.push(message);
    if (!running) void drain();
  });
  port.postMessage({ kind: 'ready' });
}

/**
 * Calls fn on items[from], items[from + 1]... pushing each result, until a call returns a promise (pushed too,
 * for the caller to await before the next call: a worker runs its tasks one after another) or the items end.
 * Returns the index of the next item. A plain function, not part of the async runTask: V8 optimizes a hot
 * loop in a plain function while it runs, and a loop inside an async function only once that function has been
 * called often (a chunk of 25,000 items ran ~2x slower).
 */
function callUntilPromise(fn: Fn, items: readonly unknown[], star: boolean, results: unknown[], from: number): number {
  for (let i = from; i < items.length; i++) {
    const result = star ? fn(...(items[i] as unknown[])) : fn(items[i]);
    results.push(result);
    if (result instanceof Promise) return i + 1;
  }
  return items.length;
}

/** CPython's MaybeEncodingError: a worker's result that cannot be sent back fails its task with this error. */
function unsendable(value: unknown, error: unknown): Error {
  const reason = error instanceof Error ? `${error.name}(${JSON.stringify(error.message)})` : String(error);
  const shown = typeof value === 'string' ? value : Array.isArray(value) ? `[${value.map(describeResult).join(', ')}]` : describeResult(value);
  const wrapped = new Error(`Error sending result: '${shown}'. Reason: '${reason}'`);
  wrapped.name = 'MaybeEncodingError';
  return wrapped;
}

function describeResult(value: unknown): string {
  if (typeof value === 'function') return `<function ${value.name || '<lambda>'}>`;
  return typeof value === 'string' ? `'${value}'` : String(value);
}
