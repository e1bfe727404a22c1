// The course's one command line: `tsx grader/cli.ts <command>` (the npm scripts start it through grader/start.mjs: test, grade, export,
// check-course). Exit codes: 0 full marks, 1 points missing, 2 tampering or a grading error.
import { processIo, UsageError, type Io } from './commands/common.ts';
import { SelectionError } from './grading.ts';
import { MetaError } from './model/meta.ts';
import { KeyError } from './seal.ts';

const USAGE = `usage: tsx grader/cli.ts <command> [options]

  test [NN ...]            visible tests of exercises/ (the student loop)
  grade [--only NN] [--solutions | --submission DIR] [--out DIR] [--verbose] [--key-file PATH|-]
                           visible + hidden tests, scored; reports in --out (default .grade/);
                           --key-file: the GRADER_KEY from a private file (or stdin), never the environment
  export DIR               write the student template (no solutions, hidden tests sealed)
  check                    course check: solutions full marks 3 runs in a row, stubs 0, metadata complete
  mistakes [NN ...] [--record] [--rounds N] [--json]
                           grade the mistake fixtures (solutions/*/mistakes/) and check their verdicts
  mutate [NN ...] [--operator X] [--rounds N] [--limit N] [--list] [--json]
                           grade realistic mistakes planted in the solutions: which would the tests let through?
  keygen                   print a new GRADER_KEY
  manifest                 write grader/manifest.json (sha256 of the protected files)

common options: --lang es|en   --course DIR (default: this repository)
exit codes: 0 full marks / all good, 1 points missing, 2 tampering, usage or grading error
`;

type Command = (args: string[], io: Io) => Promise<number>;

// Each command is imported when it runs: `npm test` does not pay for the report writers, the exporter or
// the course check (about 0.1 s of start-up through the tsx loader).
const COMMANDS: Record<string, () => Promise<Command>> = {
  test: async () => (await import('./commands/test.ts')).testCommand,
  grade: async () => (await import('./commands/grade.ts')).gradeCommand,
  export: async () => (await import('./commands/export.ts')).exportCommand,
  check: async () => (await import('./commands/check.ts')).checkCommand,
  mistakes: async () => (await import('./commands/mistakes.ts')).mistakesCommand,
  mutate: async () => (await import('./commands/mutate.ts')).mutateCommand,
  keygen: async () => (await import('./commands/keys.ts')).keygenCommand,
  manifest: async () => (await import('./commands/keys.ts')).manifestCommand,
};

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(USAGE);
    return name === undefined ? 2 : 0;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (load === undefined) {
    io.err(`unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  try {
    const command = await load();
    return await command(args, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof SelectionError || error instanceof KeyError || error instanceof MetaError) {
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
