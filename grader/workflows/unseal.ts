// The only code that sees GRADER_KEY. It copies the trusted exercises out of the workspace and, when the
// key is there and hidden tests are allowed for this pull request, writes each sealed hidden test in
// plain text into that copy. The grading step then runs on the copy with no key in its environment.
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HIDDEN_TEST_FILE, loadCourse, SEALED_FILE } from '../model/course.ts';
import { parseSealed, unseal } from '../seal.ts';

export type HiddenMode = 'unsealed' | 'no-key' | 'not-allowed' | 'none' | 'failed';

export interface UnsealOutcome {
  mode: HiddenMode;
  unsealed: number;
  sealed: number;
  /** Why unsealing failed (a wrong key, a modified sealed file). */
  error?: string;
}

export interface UnsealOptions {
  workspace: string;
  courseOut: string;
  key: Buffer | undefined;
  /** false for a fork's pull request: its code must not run beside the hidden tests. */
  allowed: boolean;
}

export function prepareTrustedCourse(options: UnsealOptions): UnsealOutcome {
  const { workspace, courseOut, key, allowed } = options;
  rmSync(courseOut, { recursive: true, force: true });
  if (existsSync(join(workspace, 'exercises'))) {
    cpSync(join(workspace, 'exercises'), join(courseOut, 'exercises'), { recursive: true });
  }
  const exercises = loadCourse(courseOut).exercises.filter((exercise) => exercise.hidden.kind === 'sealed');
  if (exercises.length === 0) return { mode: 'none', unsealed: 0, sealed: 0 };
  if (!allowed) return { mode: 'not-allowed', unsealed: 0, sealed: exercises.length };
  if (key === undefined) return { mode: 'no-key', unsealed: 0, sealed: exercises.length };
  let unsealed = 0;
  try {
    for (const exercise of exercises) {
      const sealedFile = join(exercise.dir, SEALED_FILE);
      const plain = unseal(parseSealed(readFileSync(sealedFile, 'utf8'), `exercises/${exercise.key}/${SEALED_FILE}`), key, exercise.key);
      writeFileSync(join(exercise.dir, HIDDEN_TEST_FILE), plain, { mode: 0o600 });
      rmSync(sealedFile);
      unsealed += 1;
    }
  } catch (error) {
    // Leave no half-unsealed course behind: grading then runs the visible tests and reports the error.
    rmSync(courseOut, { recursive: true, force: true });
    cpSync(join(workspace, 'exercises'), join(courseOut, 'exercises'), { recursive: true });
    return { mode: 'failed', unsealed: 0, sealed: exercises.length, error: (error as Error).message };
  }
  return { mode: 'unsealed', unsealed, sealed: exercises.length };
}
