// `keygen` prints a fresh GRADER_KEY; `manifest` records the protected files' hashes.
import { writeManifest, MANIFEST_PATH } from '../manifest.ts';
import { loadCourse } from '../model/course.ts';
import { generateKey, KEY_ENV } from '../seal.ts';
import { courseRootOf, parse, type Io } from './common.ts';

export function keyInstructions(key?: string): string {
  const value = key ?? '<the key>';
  return [
    `Store it as the secret ${KEY_ENV} of the student repositories (or once for the whole organisation):`,
    `  gh secret set ${KEY_ENV} --org <your-org> --visibility all --body '${value}'`,
    `  gh secret set ${KEY_ENV} --repo <owner>/<repo> --body '${value}'`,
    `or in GitHub: Settings → Secrets and variables → Actions → New secret. Keep a copy: without it the`,
    `sealed hidden tests cannot be opened. Locally: ${KEY_ENV}='${value}' npm run grade`,
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
