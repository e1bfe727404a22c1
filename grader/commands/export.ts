// `npm run export -- DIR [--force] [--save-key FILE]`: the student template. Checked first (the output
// folder, uncommitted course changes), then the solutions must get full marks (the hidden tests' count and
// weight go into the sealed headers) and the stubs must score 0, then the template is written and scanned
// for leaks; any leak deletes the output and fails.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { grade } from '../grading.ts';
import { loadCourse } from '../model/course.ts';
import { TOOL_ROOT } from '../paths.ts';
import { generateKey, keyFromEnv, KEY_ENV } from '../seal.ts';
import { scanForLeaks, secretsOf } from '../export/leaks.ts';
import { clearTarget, targetProblems, uncommittedChanges } from '../export/preflight.ts';
import { publicSources, writeTemplate } from '../export/template.ts';
import { courseRootOf, parse, UsageError, type Io } from './common.ts';
import { keyInstructions } from './keys.ts';

/** Writes the key for the instructor to keep: a new file, readable only by its owner. */
function saveKey(path: string, key: string): string {
  const file = resolve(path);
  if (existsSync(file)) throw new UsageError(`${file} already exists: it may hold the key of an earlier template; choose another file or remove it first`);
  writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  return file;
}

export async function exportCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { force: { type: 'boolean' }, 'save-key': { type: 'string' } }, io.env);
  const target = positionals[0];
  if (target === undefined || positionals.length > 1) throw new UsageError('usage: npm run export -- DIR [--force] [--save-key FILE]');
  const courseRoot = courseRootOf(values.course);
  const outDir = resolve(target);
  const force = values.force === true;
  const misplaced = targetProblems(outDir, courseRoot, TOOL_ROOT, force);
  if (misplaced.length > 0) {
    io.err(`export: ${misplaced.join('\n')}\n`);
    return 2;
  }
  if (values['save-key'] !== undefined && existsSync(resolve(values['save-key']))) throw new UsageError(`${resolve(values['save-key'])} already exists: it may hold the key of an earlier template; choose another file or remove it first`);
  const dirty = uncommittedChanges(courseRoot);
  if (dirty !== undefined && dirty.length > 0) {
    io.err(`export takes the course as committed, and these files have changes that are not (a solved exercise or a half-edited test would reach students):\n${dirty.slice(0, 20).map((path) => `  ${path}`).join('\n')}${dirty.length > 20 ? `\n  … ${dirty.length - 20} more` : ''}\ncommit them, or set them aside (git stash -u), and export again\n`);
    return 2;
  }
  const course = loadCourse(courseRoot);
  if (course.problems.length > 0) {
    io.err(`fix meta.json first:\n${course.problems.map((p) => p.message).join('\n')}\n`);
    return 2;
  }
  const fromEnv = keyFromEnv(io.env);
  const key = fromEnv ?? Buffer.from(generateKey(), 'base64');

  const result = await grade({ courseRoot, source: { kind: 'solutions' }, lang: 'en', hidden: true });
  const broken = result.exercises.filter((ex) => ex.status !== 'pass');
  if (broken.length > 0) {
    io.err(`the solutions must get full marks before exporting (run "tsx grader/cli.ts check"):\n${broken.map((ex) => `  ${ex.key}: ${ex.score}/${ex.max_score}`).join('\n')}\n`);
    return 1;
  }
  // The template hands students the stubs in exercises/: any point they already earn is a solved exercise.
  const stubs = await grade({ courseRoot, source: { kind: 'exercises' }, lang: 'en', hidden: true });
  const earning = stubs.exercises.filter((ex) => ex.score > 0);
  if (earning.length > 0) {
    io.err(`the stubs in exercises/ must score 0 before exporting (students would receive these points):\n${earning.map((ex) => `  ${ex.key}: ${ex.score}/${ex.max_score}`).join('\n')}\nput the stub back (git checkout -- exercises/<NN-slug>/) and export again\n`);
    return 1;
  }
  if (force) clearTarget(outDir);
  const outcome = writeTemplate(courseRoot, TOOL_ROOT, outDir, key, new Map(result.exercises.map((ex) => [ex.key, ex])));
  const toolTexts = publicSources(courseRoot, TOOL_ROOT).filter((path) => !path.startsWith(`${courseRoot}/exercises/`))
    .map((path) => readFileSync(path, 'utf8'));
  const leaks = scanForLeaks(outDir, secretsOf(courseRoot, course.exercises), toolTexts);
  if (leaks.length > 0) {
    rmSync(outDir, { recursive: true, force: true });
    io.err(`export refused, the template would leak (nothing was kept):\n${leaks.map((line) => `  ${line}`).join('\n')}\n`);
    return 2;
  }
  io.out(`student template written to ${outDir}\n  ${course.exercises.length} exercises, ${outcome.sealed} hidden test files sealed, ${outcome.protectedFiles} protected files in grader/manifest.json\n\n`);
  const text = key.toString('base64');
  const saved = values['save-key'] === undefined ? undefined : saveKey(values['save-key'], text);
  if (fromEnv === undefined) {
    io.out(saved === undefined
      ? `A new ${KEY_ENV} was generated for the sealed tests (printed once; add --save-key FILE to keep it in a file only you can read):\n\n  ${text}\n\n${keyInstructions(text)}\n`
      : `A new ${KEY_ENV} was generated for the sealed tests and saved to ${saved} (mode 600, readable only by you).\n${keyInstructions()}\n`);
  } else {
    io.out(`Sealed with the ${KEY_ENV} from the environment${saved === undefined ? '' : ` (also saved to ${saved}, mode 600)`}.\n${keyInstructions()}\n`);
  }
  return 0;
}
