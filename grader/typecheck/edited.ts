// `npm test` warns when the file the student edited last has a type error (the tests run anyway: vitest strips
// types without checking them). The check runs in a detached process (checker.mjs) so the tests never wait for
// it; its result is cached by the file's sha256, so an unchanged file costs nothing (the fast path) and a result
// that arrives late shows on the next run.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Lang } from '../i18n.ts';
import type { Exercise } from '../model/course.ts';
import { TOOL_ROOT } from '../paths.ts';

export interface TypeProblem {
  line: number;
  column: number;
  message: string;
  count: number;
}

interface Cached {
  hash: string;
  error: TypeProblem | null;
}

const CACHE_DIR = join(TOOL_ROOT, 'node_modules', '.cache', 'course-grader', 'types');

/** The changeable file modified last among these exercises (the one the student is working on). */
export function editedFile(exercises: Exercise[]): string | undefined {
  let best: { path: string; mtime: number } | undefined;
  for (const exercise of exercises) {
    for (const file of exercise.meta.files) {
      const path = join(exercise.dir, file);
      if (!path.endsWith('.ts') || !existsSync(path)) continue;
      const mtime = statSync(path).mtimeMs;
      if (best === undefined || mtime > best.mtime) best = { path, mtime };
    }
  }
  return best?.path;
}

function cachePath(file: string): string {
  return join(CACHE_DIR, `${createHash('sha256').update(file).digest('hex').slice(0, 16)}.json`);
}

function readCached(file: string, hash: string): Cached | undefined {
  try {
    const cached = JSON.parse(readFileSync(cachePath(file), 'utf8')) as Cached;
    return cached.hash === hash ? cached : undefined;
  } catch {
    return undefined;
  }
}

export interface TypeCheck {
  file: string;
  /** The result once known: at once from the cache, or when the checker has written it (undefined if not yet). */
  result(waitMs: number): Promise<TypeProblem | null | undefined>;
}

/** Starts checking `file` unless its current content was checked before. */
export function startTypeCheck(file: string): TypeCheck {
  const hash = createHash('sha256').update(readFileSync(file)).digest('hex');
  const cached = readCached(file, hash);
  if (cached === undefined) {
    mkdirSync(CACHE_DIR, { recursive: true });
    const child = spawn(process.execPath, [join(TOOL_ROOT, 'grader', 'typecheck', 'checker.mjs'), file, join(TOOL_ROOT, 'tsconfig.json'), cachePath(file), hash], {
      detached: true, stdio: 'ignore',
    });
    child.on('error', () => {});
    child.unref();
  }
  return {
    file,
    async result(waitMs) {
      const deadline = Date.now() + waitMs;
      for (;;) {
        const found = cached ?? readCached(file, hash);
        if (found !== undefined) return found.error;
        if (Date.now() >= deadline) return undefined;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

export function typeWarning(error: TypeProblem, file: string, courseRoot: string, lang: Lang): string {
  const where = `${relative(courseRoot, file)}:${error.line}:${error.column}`;
  const more = error.count > 1 ? (lang === 'es' ? ` (y ${error.count - 1} más)` : ` (and ${error.count - 1} more)`) : '';
  return lang === 'es'
    ? `⚠ Error de tipos en ${where}${more}; los tests se ejecutan igual, pero corrígelo: ${error.message}`
    : `⚠ Type error in ${where}${more}; the tests run anyway, but fix it: ${error.message}`;
}
