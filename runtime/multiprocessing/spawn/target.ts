// Targets travel by reference, as Python's spawn pickles a function by its qualified name: the child imports
// the target's module and looks the export up by name. A lambda, a closure or a function that is not exported
// cannot be found there, which Python reports as `AttributeError: Can't get attribute 'f' on <module ...>`.
//
// The module is the one given explicitly (`targetModule`), else the module that created the Process (read
// from the stack), else a module that one imports statically (found with esbuild's metafile). The check is
// `module[fn.name] === fn`: `{ target: (x) => x }` gets the inferred name 'target', so the name alone proves
// nothing.
import { basename, extname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { AttributeError } from '../errors.ts';
import { isRuntimeInternal, projectRoot } from '../paths.ts';

export interface TargetRef {
  /** Absolute path of the module that exports the target. */
  modulePath: string;
  exportName: string;
}

const framePattern = /\(?((?:file:\/\/)?\/[^():]+):\d+:\d+\)?$/;

function toPath(fileOrUrl: string): string {
  return fileOrUrl.startsWith('file://') ? fileURLToPath(fileOrUrl) : fileOrUrl;
}

/** The file of the first stack frame outside the multiprocessing runtime: the module creating a process. */
export function callerModule(stack: string | undefined): string | null {
  for (const line of (stack ?? '').split('\n').slice(1)) {
    const m = framePattern.exec(line.trim());
    if (m === null || m[1] === undefined) continue;
    const file = toPath(m[1]);
    if (isRuntimeInternal(file) || file.includes('/node_modules/')) continue;
    return file;
  }
  return null;
}

/** Normalise what a user passes as targetModule (import.meta.url, a URL, a path). */
export function modulePathOf(module: string | URL): string {
  if (module instanceof URL) return fileURLToPath(module);
  if (module.startsWith('file:')) return fileURLToPath(module);
  return isAbsolute(module) ? module : resolve(module);
}

/** The name Python would show: '<lambda>' for an anonymous function. */
export function targetName(fn: (...args: never[]) => unknown): string {
  return fn.name === '' ? '<lambda>' : fn.name;
}

export function attributeError(fn: (...args: never[]) => unknown, modulePath: string | null): AttributeError {
  const where =
    modulePath === null
      ? "<module '__mp_main__'>"
      : `<module '${basename(modulePath, extname(modulePath))}' from '${modulePath}'>`;
  return new AttributeError(`Can't get attribute '${targetName(fn)}' on ${where}`);
}

/** True if `modulePath` (already evaluated: imported by the caller) exports `fn` under its own name. */
async function exportsTarget(modulePath: string, fn: (...args: never[]) => unknown): Promise<boolean> {
  if (fn.name === '') return false;
  try {
    const ns = (await import(pathToFileURL(modulePath).href)) as Record<string, unknown>;
    return ns[fn.name] === fn;
  } catch {
    return false;
  }
}

interface ModuleFacts {
  /** Names the module exports (re-exports included). */
  exports: Set<string>;
  /** Modules it imports statically, breadth first: already evaluated when its own body runs. */
  imports: string[];
}

const factsCache = new Map<string, Promise<ModuleFacts>>();

/**
 * What a module exports and imports, read statically with esbuild. The caller's module cannot simply be
 * imported to look at its exports: it is usually still evaluating (a top-level `await p.join()`), and importing
 * a module from inside its own evaluation waits for that evaluation to end: a deadlock.
 */
async function moduleFacts(modulePath: string): Promise<ModuleFacts> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [modulePath],
    bundle: true,
    write: false,
    metafile: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    logLevel: 'silent',
    absWorkingDir: projectRoot(),
  });
  const abs = (p: string): string => resolve(projectRoot(), p);
  const entryOutput = Object.values(result.metafile.outputs).find(
    (o) => o.entryPoint !== undefined && abs(o.entryPoint) === modulePath,
  );
  const byPath = new Map(Object.entries(result.metafile.inputs).map(([p, info]) => [abs(p), info]));
  const imports: string[] = [];
  const seen = new Set([modulePath]);
  const queue = [modulePath];
  while (queue.length > 0) {
    const current = queue.shift() as string;
    for (const imp of byPath.get(current)?.imports ?? []) {
      if (imp.kind !== 'import-statement' || imp.external === true) continue;
      const path = abs(imp.path);
      if (seen.has(path)) continue;
      seen.add(path);
      imports.push(path);
      queue.push(path);
    }
  }
  return { exports: new Set(entryOutput?.exports ?? []), imports };
}

function factsOf(modulePath: string): Promise<ModuleFacts> {
  let facts = factsCache.get(modulePath);
  if (facts === undefined) {
    facts = moduleFacts(modulePath);
    factsCache.set(modulePath, facts);
    facts.catch(() => factsCache.delete(modulePath));
  }
  return facts;
}

const located = new WeakMap<(...args: never[]) => unknown, Map<string, Promise<TargetRef>>>();

/**
 * Find where `fn` is exported, or fail with Python's AttributeError. Cached per function and starting module:
 * under a loader (tsx, vitest) each dynamic import() costs a round trip to the loader.
 */
export function locateTarget(
  fn: (...args: never[]) => unknown,
  explicitModule: string | null,
  caller: string | null,
): Promise<TargetRef> {
  const key = `${explicitModule ?? ''}|${caller ?? ''}`;
  let byKey = located.get(fn);
  if (byKey === undefined) {
    byKey = new Map();
    located.set(fn, byKey);
  }
  let ref = byKey.get(key);
  if (ref === undefined) {
    ref = findTarget(fn, explicitModule, caller);
    byKey.set(key, ref);
  }
  return ref;
}

async function findTarget(
  fn: (...args: never[]) => unknown,
  explicitModule: string | null,
  caller: string | null,
): Promise<TargetRef> {
  const first = explicitModule ?? caller;
  if (first === null || fn.name === '') throw attributeError(fn, first);
  let facts: ModuleFacts;
  try {
    facts = await factsOf(first);
  } catch (cause) {
    // Python's error, with the reason it could not look (a syntax error, or esbuild bundled into a program
    // instead of loaded from node_modules) as its cause.
    const error = attributeError(fn, first);
    error.cause = cause;
    throw error;
  }
  if (facts.exports.has(fn.name)) return { modulePath: first, exportName: fn.name };
  if (explicitModule === null) {
    for (const candidate of facts.imports) {
      if (await exportsTarget(candidate, fn)) return { modulePath: candidate, exportName: fn.name };
    }
  }
  throw attributeError(fn, first);
}
