// Tamper check: sha256 of everything a submission must not change (tests, support files, runtime,
// grader, configs, package.json and lockfile, workflows). Any difference is reported by path; grading
// always uses the trusted copies anyway, so an edit can only be reported, never rewarded.
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { KIT_DIR, type Exercise } from './model/course.ts';

export const MANIFEST_PATH = 'grader/manifest.json';
const ROOT_FILES = ['package.json', 'package-lock.json', 'tsconfig.json', 'vitest.config.ts', 'eslint.config.js'];
const PROTECTED_DIRS = ['runtime', 'grader', 'scripts', '.github/workflows', `exercises/${KIT_DIR}`];
const SKIP_DIRS = new Set(['node_modules', '.git', '.grade', '.vite-cache']);

export interface Manifest {
  version: 1;
  files: Record<string, string>;
}

/** Hash of a file; a symbolic link is hashed as its target path, never followed (it may loop or escape). */
function sha256(path: string): string {
  const hash = createHash('sha256');
  if (lstatSync(path).isSymbolicLink()) hash.update(`symlink:${readlinkSync(path)}`);
  else hash.update(readFileSync(path));
  return hash.digest('hex');
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function walk(root: string, relative: string, out: string[]): void {
  const dir = join(root, relative);
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir).sort()) {
    if (SKIP_DIRS.has(name)) continue;
    const rel = `${relative}/${name}`;
    const stat = lstatSync(join(root, rel));
    if (stat.isDirectory()) walk(root, rel, out);
    else out.push(rel);
  }
}

/** Paths (relative, '/'-separated) that are protected in `root`, given the course's exercises. */
export function protectedPaths(root: string, exercises: Exercise[]): string[] {
  const paths: string[] = ROOT_FILES.filter((file) => existsSync(join(root, file)));
  for (const dir of PROTECTED_DIRS) walk(root, dir, paths);
  for (const exercise of exercises) {
    const changeable = new Set(exercise.meta.files.map((file) => `exercises/${exercise.key}/${file}`));
    const own: string[] = [];
    walk(root, `exercises/${exercise.key}`, own);
    paths.push(...own.filter((path) => !changeable.has(path)));
  }
  return paths.filter((path) => path !== MANIFEST_PATH).sort();
}

export function buildManifest(root: string, exercises: Exercise[]): Manifest {
  const files: Record<string, string> = {};
  for (const path of protectedPaths(root, exercises)) files[path] = sha256(join(root, path));
  return { version: 1, files };
}

export function writeManifest(root: string, exercises: Exercise[]): Manifest {
  const manifest = buildManifest(root, exercises);
  mkdirSync(dirname(join(root, MANIFEST_PATH)), { recursive: true });
  writeFileSync(join(root, MANIFEST_PATH), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

export function readManifest(root: string): Manifest | undefined {
  const path = join(root, MANIFEST_PATH);
  if (!existsSync(path)) return undefined;
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  if (manifest.version !== 1 || typeof manifest.files !== 'object') throw new Error(`${MANIFEST_PATH}: unknown format`);
  return manifest;
}

/**
 * Compares `candidate`'s copies of the protected files with the expected hashes. `partial`: the candidate
 * holds only some files (a submission folder), so absent files are not reported.
 */
export function compareWithManifest(manifest: Manifest, candidate: string, exercises: Exercise[], partial = false): string[] {
  const changed: string[] = [];
  for (const [path, hash] of Object.entries(manifest.files)) {
    const file = join(candidate, path);
    if (!exists(file)) {
      if (!partial) changed.push(`${path} (deleted)`);
    } else if (sha256(file) !== hash) {
      changed.push(`${path} (changed)`);
    }
  }
  // New files matter where they could change what runs: code folders, workflows, test files.
  for (const path of protectedPaths(candidate, exercises)) {
    const risky = /^(\.github\/workflows|runtime|grader|scripts|exercises\/_kit)\//.test(path) || path.endsWith('.test.ts') || ROOT_FILES.includes(path);
    if (risky && !(path in manifest.files)) changed.push(`${path} (added)`);
  }
  return changed.sort();
}

export interface TamperReport {
  checked: boolean;
  changed: string[];
}

/**
 * The tamper check for a grading. Grading the course folder itself needs its manifest (the student
 * template has one); grading a separate submission compares it with the trusted course's files.
 */
export function tamperCheck(courseRoot: string, candidate: string | undefined, exercises: Exercise[], options: { templateOf?: () => Manifest } = {}): TamperReport {
  const manifest = readManifest(courseRoot);
  if (candidate === undefined) {
    if (manifest === undefined) return { checked: false, changed: [] };
    return { checked: true, changed: compareWithManifest(manifest, courseRoot, exercises) };
  }
  // A student's checkout of the template (it carries the template's manifest) graded from the authoring
  // course: compared with what the export ships, not with the authoring tree.
  if (manifest === undefined && options.templateOf !== undefined && existsSync(join(candidate, MANIFEST_PATH))) {
    return { checked: true, changed: compareWithManifest(options.templateOf(), candidate, exercises) };
  }
  const trusted = manifest ?? buildManifest(courseRoot, exercises);
  const partial = !existsSync(join(candidate, 'package.json'));
  return { checked: true, changed: compareWithManifest(trusted, candidate, exercises, partial) };
}
