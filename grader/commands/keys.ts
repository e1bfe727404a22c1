// `keygen` prints a fresh GRADER_KEY; `manifest` records the protected files' hashes.
import { writeManifest, MANIFEST_PATH } from '../manifest.ts';
import { loadCourse } from '../model/course.ts';
import { generateKey, KEY_ENV } from '../seal.ts';
import { courseRootOf, parse, type Io } from './common.ts';

export function keyInstructions(key?: string): string {
  const value = key ?? '<the key>';
  return [
    `Keep it for yourself; do NOT store it as a secret of your organisation or of student repositories: a student's`,
    `own workflow could read it there. The hidden tests are graded by your private grading repository, which has`,
    `them in plain text (README, "Setting up a class"). The key only opens the template's sealed tests on your machine:`,
    `  ${KEY_ENV}='${value}' npm run grade -- --course ../course-template --submission ../student-checkout`,
  ].join('\n');
}

export function keygenCommand(args: string[], io: Io): Promise<number> {
  parse(args, {}, io.env);
  const key = generateKey();
  io.out(`${key}\n\n${keyInstructions(key)}\n`);
  return Promise.resolve(0);
}

export function manifestCommand(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, {}, io.env);
  const root = courseRootOf(values.course);
  const manifest = writeManifest(root, loadCourse(root).exercises);
  io.out(`${MANIFEST_PATH}: ${Object.keys(manifest.files).length} protected files\n`);
  return Promise.resolve(0);
}
