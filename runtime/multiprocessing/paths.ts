// Where this package lives on disk. In the main program import.meta.url says so; in a child the runtime runs
// from a bundle under node_modules/.cache, so the child's entry (child/entry.mjs, loaded from its real place)
// records the real directory in a global before importing the bundle.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const fromMeta = dirname(fileURLToPath(import.meta.url));

/** runtime/multiprocessing, absolute. */
export function packageDir(): string {
  const fromEntry = (globalThis as { __mpPackageDir?: string }).__mpPackageDir;
  return fromEntry ?? fromMeta;
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
  return join(packageDir(), 'child', 'entry.mjs');
}

export function childMainFile(): string {
  return join(packageDir(), 'child', 'main.ts');
}

/** The runtime's own code (hidden from tracebacks, skipped when looking for the caller), not tests or fixtures. */
export function isRuntimeInternal(file: string): boolean {
  if (!file.startsWith(runtimeRoot() + '/')) return false;
  return !/\.test\.ts$|\/fixtures\/|\/conformance\//.test(file);
}
