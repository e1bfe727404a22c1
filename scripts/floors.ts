// The runtime's floors: each module stands only on the ones below it. `tsx scripts/floors.ts` (run by verify)
// lists every import from a runtime module to one above it in FLOORS and exits 1 if there is any.
// python is the ground floor (Python's exceptions, type names, repr, argument checks: it depends on nothing),
// so the scheduler core can raise Python's RuntimeError; testing is the top (it drives everything else).
// Test files, fixtures and CPython twins are programs that use the runtime, not parts of it: not checked.
// The course's kit, the grader and the kit's tests are the runtime's users: they reach it only through its public
// entries (#runtime/*), never by a path into runtime/ (a file there may move on any floor change). That is checked too.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FLOORS = ['python', 'core', 'time', 'logging', 'queue', 'threading', 'asyncio', 'multiprocessing', 'testing'];

export interface UpwardImport {
  /** The importing file, relative to the repository root. */
  file: string;
  line: number;
  from: string;
  to: string;
  specifier: string;
}

const SOURCE = /\.(?:ts|mts|mjs|js)$/;
const NOT_PART = /(?:\.test\.ts$|(?:^|\/)(?:fixtures|conformance)\/)/;
// import … from '…', export … from '…', import '…', import('…').
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)(['"])([^'"\n]+)\1/g;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') out.push(...sourceFiles(path));
    }
    else if (SOURCE.test(entry.name)) out.push(path);
  }
  return out;
}

/** The floor a runtime path belongs to (its first folder under runtime/), or null outside the floors. */
function floorOf(runtimeRoot: string, path: string): string | null {
  const rel = relative(runtimeRoot, path);
  if (rel.startsWith('..')) return null;
  // A module is a folder (runtime/queue/) or a lone file (runtime/time.ts, as it once was).
  const top = (rel.split(sep)[0] ?? '').replace(SOURCE, '');
  return FLOORS.includes(top) ? top : null;
}

/** Every import in `root`/runtime that goes from a floor to a higher one. */
export function findUpwardImports(root: string): UpwardImport[] {
  const runtimeRoot = join(root, 'runtime');
  const found: UpwardImport[] = [];
  for (const file of sourceFiles(runtimeRoot)) {
    const rel = relative(root, file).split(sep).join('/');
    if (NOT_PART.test(rel)) continue;
    const from = floorOf(runtimeRoot, file);
    if (from === null) continue;
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(IMPORT)) {
      const specifier = match[2] ?? '';
      let to: string | null = null;
      if (specifier.startsWith('#runtime/')) to = specifier.slice('#runtime/'.length).split('/')[0] ?? null;
      else if (specifier.startsWith('.')) to = floorOf(runtimeRoot, resolve(dirname(file), specifier));
      if (to === null || !FLOORS.includes(to) || FLOORS.indexOf(to) <= FLOORS.indexOf(from)) continue;
      const line = text.slice(0, match.index).split('\n').length;
      found.push({ file: rel, line, from, to, specifier });
    }
  }
  return found;
}

/** The runtime's users that must import it only through `#runtime/*` (their tests and fixtures too). */
export const RUNTIME_USERS = ['exercises/_kit', 'grader', 'tests/kit'];

export interface PathImport {
  /** The importing file, relative to the repository root. */
  file: string;
  line: number;
  specifier: string;
}

// A module URL built by hand (new URL('../runtime/x.ts', import.meta.url)) reaches a file by path as well.
const URL_PATH = /\bnew\s+URL\s*\(\s*(['"])([^'"\n]+)\1/g;

/** Every import (or module URL) in RUNTIME_USERS that reaches into runtime/ by a relative path. */
export function findRuntimePathImports(root: string): PathImport[] {
  const runtimeRoot = join(root, 'runtime');
  const found: PathImport[] = [];
  for (const user of RUNTIME_USERS) {
    let files: string[];
    try {
      files = sourceFiles(join(root, user));
    } catch {
      continue; // a tree without this user (tests build small ones)
    }
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const match of [...text.matchAll(IMPORT), ...text.matchAll(URL_PATH)]) {
        const specifier = match[2] ?? '';
        if (!specifier.startsWith('.')) continue;
        if (relative(runtimeRoot, resolve(dirname(file), specifier)).startsWith('..')) continue;
        const line = text.slice(0, match.index).split('\n').length;
        found.push({ file: relative(root, file).split(sep).join('/'), line, specifier });
      }
    }
  }
  return found.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv[2] ?? '.');
  const upward = findUpwardImports(root);
  for (const u of upward) {
    console.log(`${u.file}:${u.line}: ${u.from} imports ${u.to} ('${u.specifier}'), a floor above it`);
  }
  console.log(upward.length === 0
    ? `floors: no upward import (${FLOORS.join(' → ')})`
    : `floors: ${upward.length} upward imports; the order is ${FLOORS.join(' → ')}: move the shared piece down a floor`);
  const byPath = findRuntimePathImports(root);
  for (const p of byPath) {
    console.log(`${p.file}:${p.line}: imports '${p.specifier}' by path: use its public entry (#runtime/testing, #runtime/multiprocessing...)`);
  }
  if (byPath.length > 0) {
    console.log(`floors: ${byPath.length} imports into runtime/ by path from ${RUNTIME_USERS.join(', ')}: export what they need from a #runtime entry`);
  }
  process.exitCode = upward.length === 0 && byPath.length === 0 ? 0 : 1;
}
