// What `export` checks before it spends any time grading: where the template goes (empty, or --force to
// replace it, keeping its .git so the new export can be committed over the old one), and that the course
// is exported as committed (a maintainer's solved exercises or a half-edited test never reach students).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

/** Problems with the output folder, or [] when export may write there. */
export function targetProblems(outDir: string, courseRoot: string, toolRoot: string, force: boolean): string[] {
  const out = resolve(outDir);
  for (const root of [resolve(courseRoot), resolve(toolRoot)]) {
    const rel = relative(out, root);
    if (rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep))) return [`${out} contains the course itself (${root}): choose a folder outside it`];
    if (!relative(root, out).startsWith('..')) return [`${out} is inside the course (${root}): choose a folder outside it, e.g. ../course-template`];
  }
  if (!existsSync(out)) return [];
  if (!statSync(out).isDirectory()) return [`${out} is a file, not a folder`];
  const entries = readdirSync(out).filter((name) => name !== '.git');
  if (entries.length === 0 || force) return [];
  return [`${out} is not empty (${entries.slice(0, 5).join(', ')}${entries.length > 5 ? ', …' : ''}): choose an empty folder, or add --force to replace its contents (its .git is kept, so you can commit the new template over the old one)`];
}

/** Empties the folder for --force, keeping .git. */
export function clearTarget(outDir: string): void {
  if (!existsSync(outDir)) return;
  for (const name of readdirSync(outDir)) if (name !== '.git') rmSync(join(outDir, name), { recursive: true, force: true });
}

/**
 * Files of the course with changes not committed (modified, staged, untracked), or undefined when the course
 * is not a git work tree (nothing to compare with: it is exported as it is).
 */
export function uncommittedChanges(courseRoot: string): string[] | undefined {
  const inside = spawnSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: courseRoot, encoding: 'utf8' });
  if (inside.status !== 0 || inside.stdout.trim() !== 'true') return undefined;
  const status = spawnSync('git', ['status', '--porcelain', '--untracked-files=all', '--', 'exercises', 'solutions'], { cwd: courseRoot, encoding: 'utf8' });
  if (status.status !== 0) return undefined;
  return status.stdout.split('\n').filter((line) => line.trim() !== '').map((line) => line.slice(3));
}
