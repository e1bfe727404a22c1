// Where this package lives on disk. In the main program import.meta.url says so; in a child the runtime runs
// from a bundle under node_modules/.cache, so the child's entry (spawn/child/entry.mjs, loaded from its real place)
// records the real directory in a global before importing the bundle.
//
// A program bundled with the runtime inside (esbuild, as compiled JavaScript) runs from its bundle's folder,
// where there is no spawn/child/entry.mjs: the runtime is then the one its package.json's "#runtime/multiprocessing"
// import names, as for the program's own source.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ENTRY = join('spawn', 'child', 'entry.mjs');
const fromMeta = dirname(fileURLToPath(import.meta.url));
let located: string | null = null;

function locate(): string {
  if (existsSync(join(fromMeta, ENTRY))) return fromMeta;
  let resolved: string | null = null;
  try {
    resolved = dirname(fileURLToPath(import.meta.resolve('#runtime/multiprocessing')));
  } catch {
    // No package.json with the #runtime imports above this file.
  }
  if (resolved !== null && existsSync(join(resolved, ENTRY))) return resolved;
  throw new Error(
    `multiprocessing: the runtime's child entry (runtime/multiprocessing/${ENTRY}) is neither next to ` +
      `${fromMeta} nor where package.json's "#runtime/multiprocessing" import points` +
      `${resolved === null ? '' : ` (${resolved})`}: run the program from inside the course repository.`,
  );
}

/** runtime/multiprocessing, absolute. */
export function packageDir(): string {
  const fromEntry = (globalThis as { __mpPackageDir?: string }).__mpPackageDir;
  return fromEntry ?? (located ??= locate());
}

/** runtime/, absolute. */
export function runtimeRoot(): string {
  return dirname(packageDir());
}

/** The project root (holds package.json with the #runtime imports). */
export function projectRoot(): string {
  return dirname(runtimeRoot());
}

export function childEntryFile(): string {
  return join(packageDir(), ENTRY);
}

export function childMainFile(): string {
  return join(packageDir(), 'spawn', 'child', 'main.ts');
}

/** The runtime's own code (hidden from tracebacks, skipped when looking for the caller), not tests or fixtures. */
export function isRuntimeInternal(file: string): boolean {
  if (!file.startsWith(runtimeRoot() + '/')) return false;
  return !/\.test\.ts$|\/fixtures\/|\/conformance\//.test(file);
}
