// `npm run grade`: visible and hidden tests, scored, every report written to --out (default .grade/).
import { join, resolve } from 'node:path';
import { grade, type Source } from '../grading.ts';
import { exitCode } from '../result.ts';
import { publishToGitHubActions, writeReports } from '../report/write.ts';
import { renderTerminal } from '../report/terminal.ts';
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
    'hint-level': { type: 'string' },
  }, io.env);
  if (values.solutions === true && values.submission !== undefined) throw new UsageError('use either --solutions or --submission DIR, not both');
  const lang = langOf(values.lang, io.env);
  const courseRoot = courseRootOf(values.course);
  const source: Source = values.solutions === true ? { kind: 'solutions' }
    : values.submission !== undefined ? { kind: 'submission', dir: resolve(values.submission) } : { kind: 'exercises' };
  const key = keyFromEnv(io.env);
  // The key stays in this process only; the test runner's environment is rebuilt without it anyway.
  delete io.env[KEY_ENV];
  const only = [...(values.only ?? []), ...positionals];
  let hintLevel: number;
  try {
    hintLevel = ciHintLevel(values['hint-level'], io.env);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const result = await grade({ courseRoot, source, only, lang, hidden: true, key, hintLevel });
  io.out(renderTerminal(result, { color: io.color, verbose: values.verbose === true }));
  const outDir = values.out !== undefined ? resolve(values.out) : join(courseRoot, '.grade');
  writeReports(result, outDir);
  for (const line of publishToGitHubActions(result, io.env)) io.out(`${line}\n`);
  return exitCode(result.status);
}
