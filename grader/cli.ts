// The course's one command line: `tsx grader/cli.ts <command>` (the npm scripts start it through grader/start.mjs: test, grade, export,
// check-course). Exit codes: 0 full marks, 1 points missing, 2 tampering or a grading error.
import { closest, langHint, processIo, UsageError, type Io } from './commands/common.ts';
import { commandHelp, overallHelp } from './commands/help.ts';
import { SelectionError } from './grading.ts';
import { MetaError } from './model/meta.ts';
import { KeyError } from './seal.ts';

type Command = (args: string[], io: Io) => Promise<number>;

// Each command is imported when it runs: `npm test` does not pay for the report writers, the exporter or
// the course check (about 0.1 s of start-up through the tsx loader).
const COMMANDS: Record<string, () => Promise<Command>> = {
  test: async () => (await import('./commands/test.ts')).testCommand,
  grade: async () => (await import('./commands/grade.ts')).gradeCommand,
  export: async () => (await import('./commands/export.ts')).exportCommand,
  check: async () => (await import('./commands/check.ts')).checkCommand,
  keygen: async () => (await import('./commands/keys.ts')).keygenCommand,
  manifest: async () => (await import('./commands/keys.ts')).manifestCommand,
  mistakes: async () => (await import('./commands/mistakes.ts')).mistakesCommand,
  mutate: async () => (await import('./commands/mutate.ts')).mutateCommand,
  progress: async () => (await import('./commands/progress.ts')).progressCommand,
  watch: async () => (await import('./commands/watch.ts')).watchCommand,
  exercise: async () => (await import('./commands/exercise.ts')).exerciseCommand,
  timeline: async () => (await import('./commands/exercise.ts')).timelineCommand,
};

const wantsHelp = (args: string[]): boolean => args.includes('--help') || args.includes('-h');

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [name, ...args] = argv;
  const lang = langHint(argv, io.env);
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(overallHelp(lang));
    return name === undefined ? 2 : 0;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (load === undefined) {
    const near = closest(name, Object.keys(COMMANDS));
    const guess = near === undefined ? '' : lang === 'es' ? ` (¿quisiste decir "${near}"?)` : ` (did you mean "${near}"?)`;
    io.err(`${lang === 'es' ? 'comando desconocido' : 'unknown command'} "${name}"${guess}\n\n${overallHelp(lang)}`);
    return 2;
  }
  if (wantsHelp(args)) {
    io.out(commandHelp(name, lang));
    if (name === 'test') io.out(`\n${overallHelp(lang)}`);
    return 0;
  }
  try {
    const command = await load();
    return await command(args, io);
  } catch (error) {
    if (error instanceof SelectionError) {
      io.err(`${error.describe(lang)}\n`);
      return 2;
    }
    if (error instanceof UsageError || error instanceof KeyError || error instanceof MetaError) {
      io.err(`${name}: ${error.message}\n`);
      return 2;
    }
    io.err(`${name}: grading error: ${(error as Error).stack ?? String(error)}\n`);
    return 2;
  }
}

if (process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  process.exitCode = await main(process.argv.slice(2));
}
