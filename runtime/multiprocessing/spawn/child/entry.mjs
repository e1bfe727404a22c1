// The first code a child process runs (plain JS: a worker has no TypeScript loader). It records where the
// runtime lives, waits for the parent to say who it is and which bundle to load (the worker may have booted
// before its process was started: spare.ts; the parent bundles the target's module with esbuild
// meanwhile), then hands over to the runtime's runChild inside that bundle.
import { parentPort, workerData } from 'node:worker_threads';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

globalThis.__mpPackageDir = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
// No process.setSourceMapsEnabled(true): it parses every module's map at load (~25 ms per start); the
// runtime maps the bundle's frames itself, only when a stack is formatted (source-maps.ts).

// While waiting, import the bundle the parent used last (spare.ts): it evaluates only the runtime, and
// when the start names the same bundle, the import below finds it loaded.
const prefetched = workerData?.prefetch ? import(workerData.prefetch).catch(() => null) : null;
const message = await new Promise((resolve) => parentPort.once('message', resolve));
// The environment as it is at start(), as CPython's spawn passes it (this worker may have booted earlier).
const env = message.boot?.env;
if (env) {
  for (const name of Object.keys(process.env)) if (!(name in env)) delete process.env[name];
  Object.assign(process.env, env);
}
await prefetched;
if (message.kind === 'fail') {
  // The parent could not find the target (and printed the traceback): exit as a failed child does.
  process.exit(1);
}
const bundle = await import(message.entryUrl);
if (message.kind === 'pool') await bundle.runPoolWorker(message.boot, message);
else await bundle.runChild(message.boot, message, bundle.loadTarget);
