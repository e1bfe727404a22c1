// `npm run grade`: visible and hidden tests, scored, every report written to --out (default .grade/).
import { join, resolve } from 'node:path';
import { grade, type Source } from '../grading.ts';
import { exitCode } from '../result.ts';
import { checkOutputFolder, OutputFolderError } from '../report/publish.ts';
import { publishToGitHubActions, REPORT_FILES, writeReports } from '../report/write.ts';
import { renderTerminal } from '../report/terminal.ts';
import { readKeyFile } from '../key-file.ts';
import { probeSandbox } from '../run/sandbox.ts';
import { KEY_ENV, keyFromEnv } from '../seal.ts';
import { ciHintLevel } from '../hints/select.ts';
import { courseRootOf, langOf, parse, UsageError, type Io } from './common.ts';

export async function gradeCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    only: { type: 'string', multiple: true },
    solutions: { type: 'boolean' },
    submission: { type: 'string' },
    out: { type: 'string' },
    verbose: { type: 'boolean' },
    'key-file': { type: 'string' },
    'hint-level': { type: 'string' },
  }, io.env);
  if (values.solutions === true && values.submission !== undefined) throw new UsageError('use either --solutions or --submission DIR, not both');
  const lang = langOf(values.lang, io.env);
  const courseRoot = courseRootOf(values.course);
  const source: Source = values.solutions === true ? { kind: 'solutions' }
    : values.submission !== undefined ? { kind: 'submission', dir: resolve(values.submission) } : { kind: 'exercises' };
  if (values['key-file'] !== undefined && io.env[KEY_ENV] !== undefined) {
    throw new UsageError(`--key-file and ${KEY_ENV} both give a key: unset ${KEY_ENV} (a key in the environment is readable from /proc by other processes)`);
  }
  const key = values['key-file'] !== undefined ? readKeyFile(values['key-file'], io.readStdin) : keyFromEnv(io.env);
  // The key stays in this process only; the test runner's environment is rebuilt without it anyway.
  delete io.env[KEY_ENV];
  const only = [...(values.only ?? []), ...positionals];
  const outDir = values.out !== undefined ? resolve(values.out) : join(courseRoot, '.grade');
  try {
    // Checked first: a folder the grader cannot own is refused before minutes of grading, not after.
    checkOutputFolder(outDir, Object.values(REPORT_FILES));
  } catch (error) {
    if (error instanceof OutputFolderError) throw new UsageError(error.text[lang]);
    throw error;
  }
  const sandbox = probeSandbox(io.env);
  if (sandbox.kind === 'none') {
    io.err(lang === 'es'
      ? `grade: sin sandbox: ${sandbox.reason}. El código corregido se ejecuta con tus permisos (ver "Threat model" en grader/README.md).\n`
      : `grade: no sandbox: ${sandbox.reason}. The graded code runs with your user's rights (see "Threat model" in grader/README.md).\n`);
  }
  let hintLevel: number;
  try {
    hintLevel = ciHintLevel(values['hint-level'], io.env);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const result = await grade({ courseRoot, source, only, lang, hidden: true, key, hintLevel });
  io.out(renderTerminal(result, { color: io.color, verbose: values.verbose === true }));
  const published = writeReports(result, outDir, 'before-grading');
  if (published.removed.length > 0) {
    const names = published.removed.join(', ');
    io.err(lang === 'es'
      ? `grade: se han borrado de ${outDir} archivos que no escribió el corrector: ${names}\n`
      : `grade: removed from ${outDir} files the grader did not write: ${names}\n`);
  }
  for (const line of publishToGitHubActions(result, io.env)) io.out(`${line}\n`);
  return exitCode(result.status);
}
