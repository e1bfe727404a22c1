// `npm run export -- DIR`: the student template. Solutions are checked first (the hidden tests'
// count and weight go into the sealed headers), then the template is written and scanned for leaks;
// any leak deletes the output and fails.
import { readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { grade } from '../grading.ts';
import { loadCourse } from '../model/course.ts';
import { TOOL_ROOT } from '../paths.ts';
import { generateKey, keyFromEnv, KEY_ENV } from '../seal.ts';
import { scanForLeaks, secretsOf } from '../export/leaks.ts';
import { publicSources, writeTemplate } from '../export/template.ts';
import { courseRootOf, parse, UsageError, type Io } from './common.ts';
import { keyInstructions } from './keys.ts';

export async function exportCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {}, io.env);
  const target = positionals[0];
  if (target === undefined || positionals.length > 1) throw new UsageError('usage: npm run export -- DIR');
  const courseRoot = courseRootOf(values.course);
  const outDir = resolve(target);
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
  if (fromEnv === undefined) {
    const text = key.toString('base64');
    io.out(`A new ${KEY_ENV} was generated for the sealed tests:\n\n  ${text}\n\n${keyInstructions(text)}\n`);
  } else {
    io.out(`Sealed with the ${KEY_ENV} from the environment.\n${keyInstructions()}\n`);
  }
  return 0;
}
