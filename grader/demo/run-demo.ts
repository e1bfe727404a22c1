// Runs one demo program as the main thread of a simulation and prints what it printed and its timeline.
// Started by `npm run exercise` / `npm run timeline` in a child process under tsx (student code is TypeScript):
//   node --import tsx grader/demo/run-demo.ts <file.ts> <virtual|real> <es|en> [--timeline-only]
// The program is the module's default export (or its `demo`/`main` export), an async function of no arguments.
import { pathToFileURL } from 'node:url';
import { simulate, type SimulationFailure } from '#runtime/testing';
import { buildTimeline } from '../timeline/build.ts';
import { renderGantt } from '../timeline/gantt.ts';

const [file, clockArg, langArg, ...flags] = process.argv.slice(2);
const clock = clockArg === 'real' ? 'real' : 'virtual';
const lang = langArg === 'es' ? 'es' : 'en';
const say = (es: string, en: string): string => (lang === 'es' ? es : en);

function picture(run: Pick<SimulationFailure, 'trace' | 'elapsed' | 'output'>): void {
  if (!flags.includes('--timeline-only')) {
    process.stdout.write(`${say('Salida', 'Output')}:\n${run.output.map((line) => `  ${line}`).join('\n') || say('  (nada)', '  (nothing)')}\n\n`);
  }
  process.stdout.write(`${renderGantt(buildTimeline(run.trace, run.elapsed, clock), lang, { headline: true })}\n`);
}

async function main(): Promise<number> {
  if (file === undefined) throw new Error('run-demo: no file');
  const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  const program = [module['default'], module['demo'], module['main']].find((value) => typeof value === 'function') as (() => unknown) | undefined;
  if (program === undefined) {
    process.stderr.write(say(`${file} no exporta ningún programa: escribe \`export default async function demo() { ... }\`\n`,
      `${file} exports no program: write \`export default async function demo() { ... }\`\n`));
    return 2;
  }
  try {
    const run = await simulate(() => program(), { clock });
    picture(run);
    return 0;
  } catch (error) {
    const run = (error as { simulation?: SimulationFailure }).simulation;
    if (run !== undefined) picture(run);
    process.stderr.write(`\n${say('El programa terminó con un error', 'The program ended with an error')}: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}

process.exit(await main());
