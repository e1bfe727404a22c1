// Starting the manager's server isolate: its code (managers/server/) is bundled once per process with
// esbuild into one plain script, so the worker needs no TypeScript loader on any Node version, then run as
// an eval'd worker. The worker is unref'd: an idle manager never keeps a program alive.
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { join } from 'node:path';
import { packageDir } from '../paths.ts';
import { awaitExternal } from '../synchronize/external.ts';

let serverCode: Promise<string> | null = null;

function bundleServer(): Promise<string> {
  serverCode ??= (async () => {
    const esbuild = await import('esbuild');
    const result = await esbuild.build({
      entryPoints: [join(packageDir(), 'managers', 'server', 'main.ts')],
      bundle: true,
      write: false,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      logLevel: 'silent',
    });
    const file = result.outputFiles[0];
    if (file === undefined) throw new Error('bundling the manager server produced no output');
    return file.text;
  })();
  return serverCode;
}

export interface StartedServer {
  worker: Worker;
  /** The manager's own connection to the server. */
  port: MessagePort;
}

export async function startServer(): Promise<StartedServer> {
  const code = await awaitExternal(bundleServer(), 'Manager()');
  const worker = new Worker(code, { eval: true, name: 'SyncManager' });
  const { port1, port2 } = new MessageChannel();
  const ready = new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the manager's server exited with code ${code} while starting`)));
  });
  worker.postMessage({ port: port2 }, [port2]);
  await awaitExternal(ready, 'Manager()');
  worker.removeAllListeners('exit');
  worker.removeAllListeners('error');
  worker.on('error', () => { /* reported to callers as a closed connection */ });
  worker.unref();
  return { worker, port: port1 };
}
