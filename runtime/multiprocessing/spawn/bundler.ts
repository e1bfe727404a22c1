// Turns a target's module into plain JavaScript a worker can import without any TypeScript loader.
//
// Why bundle: a worker does not inherit tsx's or vitest's loaders, and registering a TS loader inside every
// worker costs ~460 ms on Node 20 (node-runtime-facts.md). Bundling the target's module once in the parent
// with esbuild (~40 ms, then cached) and importing plain JS in the worker starts in ~60 ms.
//
// One build per target module. The generated entry exports the child runtime (`runChild`) and a thunk that
// imports the target's module; code splitting puts the runtime in a chunk shared by both, so the child's
// bootstrap and the target's own `import ... from '#runtime/...'` see the SAME runtime instance (one scheduler,
// one process identity), and the bootstrap can set the identity before the target's module is evaluated.
// npm packages stay external (imported from node_modules as usual): the output lives under the project's
// node_modules/.cache so bare imports resolve. Source maps are separate files that Node never loads itself
// (no sourceMappingURL comment): the child maps a stack through them only when one is formatted
// (source-maps.ts), so tracebacks show the original .ts lines without a parse at every start.
import type { BuildOptions } from 'esbuild';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { childMainFile, projectRoot } from '../paths.ts';

/** node_modules of the project that holds this runtime (where esbuild itself is installed). */
function findNodeModules(): string {
  const esbuildEntry = createRequire(join(projectRoot(), 'package.json')).resolve('esbuild');
  const marker = '/node_modules/';
  const at = esbuildEntry.lastIndexOf(marker);
  return at >= 0 ? esbuildEntry.slice(0, at + marker.length - 1) : join(projectRoot(), 'node_modules');
}

let outRoot: string | null = null;

/** True while the OS process `pid` exists. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Remove the bundles of processes that are gone (killed by a signal, their exit handler never ran). */
function sweepStale(base: string): void {
  let entries: string[];
  try {
    entries = readdirSync(base);
  } catch {
    return;
  }
  for (const name of entries) {
    const pid = Number(name.split('-')[0]);
    if (Number.isInteger(pid) && pid !== process.pid && !alive(pid)) {
      rmSync(join(base, name), { recursive: true, force: true });
    }
  }
}

/** A directory private to this process, removed when it exits (workers have loaded their code by then). */
function outputRoot(): string {
  if (outRoot === null) {
    const base = join(findNodeModules(), '.cache', 'concurrency-mp');
    sweepStale(base);
    const dir = join(base, `${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
    mkdirSync(dir, { recursive: true });
    outRoot = dir;
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return outRoot;
}

interface CacheEntry {
  mtimeMs: number;
  entryUrl: Promise<string>;
}

const cache = new Map<string, CacheEntry>();
let builds = 0;

async function buildEntry(modulePath: string | null): Promise<string> {
  const outdir = join(outputRoot(), String(++builds));
  const contents =
    `export { runChild, runPoolWorker, adopt, loadGuarded } from ${JSON.stringify(childMainFile())};\n` +
    (modulePath === null
      ? 'export const loadTarget = null;\n'
      : `export const loadTarget = () => import(${JSON.stringify(modulePath)});\n`);
  const options: BuildOptions = {
    stdin: { contents, resolveDir: modulePath === null ? projectRoot() : dirname(modulePath), sourcefile: 'mp-child-entry.ts', loader: 'ts' },
    absWorkingDir: projectRoot(),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outdir,
    entryNames: 'entry',
    sourcemap: 'external',
    // Bundling renames clashing names (Process -> _Process); Python shows class names (MiProceso-1, reprs).
    keepNames: true,
    write: true,
    logLevel: 'silent',
  };
  await (await import('esbuild')).build(options);
  return pathToFileURL(join(outdir, 'entry.js')).href;
}

let runtimeOnly: Promise<string> | null = null;

/** A bundle of the child runtime alone (pool workers start from it, then load task modules on demand). */
export function runtimeBundle(): Promise<string> {
  if (runtimeOnly === null) {
    runtimeOnly = buildEntry(null);
    runtimeOnly.catch(() => {
      runtimeOnly = null;
    });
  }
  return runtimeOnly;
}

/**
 * URL of a plain-JS entry exporting `runChild`, `runPoolWorker`, `adopt`, `loadGuarded` and `loadTarget`
 * (a thunk importing the module at `modulePath`).
 * Rebuilt when the file changes (its mtime), otherwise shared by every process started from this one.
 */
export function bundleFor(modulePath: string): Promise<string> {
  let mtimeMs = 0;
  try {
    mtimeMs = statSync(modulePath).mtimeMs;
  } catch {
    // A missing file: let esbuild report it.
  }
  const cached = cache.get(modulePath);
  if (cached !== undefined && cached.mtimeMs === mtimeMs) return cached.entryUrl;
  const entryUrl = buildEntry(modulePath);
  cache.set(modulePath, { mtimeMs, entryUrl });
  entryUrl.catch(() => cache.delete(modulePath));
  return entryUrl;
}
