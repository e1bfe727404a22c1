// Starting the manager's server isolate: its code (managers/server/) is bundled once per process with
// esbuild into one plain script, so the worker needs no TypeScript loader on any Node version, then run as
// an eval'd worker. The worker is unref'd: an idle manager never keeps a program alive.
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageDir } from '../paths.ts';
import { awaitExternal } from '../synchronize/external.ts';

let serverCode: Promise<string> | null = null;

/** The server's entry: the TypeScript source, or its compiled JavaScript when the runtime ships compiled. */
function serverEntry(): string {
  const dir = join(packageDir(), 'managers', 'server');
  const source = join(dir, 'main.ts');
  return existsSync(source) ? source : join(dir, 'main.js');
}

function bundleServer(): Promise<string> {
  serverCode ??= (async () => {
    const esbuild = await import('esbuild');
    const result = await esbuild.build({
      entryPoints: [serverEntry()],
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

/** Start the server of the manager named `id`; resolves once it listens for clients. */
export async function startServer(id: string): Promise<Worker> {
  const code = await awaitExternal(bundleServer(), 'Manager()');
  const worker = new Worker(code, { eval: true, name: 'SyncManager', workerData: { id } });
  const ready = new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the manager's server exited with code ${code} while starting`)));
  });
  await awaitExternal(ready, 'Manager()');
  worker.removeAllListeners('exit');
  worker.removeAllListeners('error');
  worker.on('error', () => { /* callers see BrokenPipeError once the exit is flagged */ });
  worker.unref();
  return worker;
}
