// `npm run rehearse-class -- N [--parallel P] [--chunk C]`: the whole grade-class.yml rehearsal for a
// class of N students (the dozen kinds of the verify rehearsal, repeated), timed phase by phase. It
// shows what a full class costs on this machine; GitHub runs the chunks on separate runners.
import { availableParallelism } from 'node:os';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FakeGitHub } from './fake-github.ts';
import { gradeAll, WorkflowRun } from './run.ts';
import { buildScenario, DEADLINE, DOZEN, type StudentScript } from './scenario.ts';

export function classOf(size: number): StudentScript[] {
  return Array.from({ length: size }, (_, i) => {
    const kind = DOZEN[i % DOZEN.length]!;
    return { ...kind, login: `${kind.login}${String(i).padStart(4, '0')}`, name: `${kind.name} ${i}` };
  });
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { parallel: { type: 'string' }, chunk: { type: 'string' }, keep: { type: 'boolean' } } });
  const size = Number(positionals[0] ?? '300');
  if (!Number.isInteger(size) || size < 1) {
    process.stderr.write('usage: npm run rehearse-class -- N [--parallel P] [--chunk C] [--keep]\n');
    return 2;
  }
  const parallel = Number(values.parallel ?? availableParallelism());
  const chunk = Number(values.chunk ?? Math.max(1, Math.ceil(size / 30)));
  const api = new FakeGitHub();
  await api.start();
  const time = (started: number): string => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  const all = performance.now();
  let t = performance.now();
  const scenario = buildScenario(api, classOf(size), { deadline: DEADLINE, late: { policy: 'penalty', percentPerDay: 10, maxDays: 3 }, chunkSize: chunk, lang: 'en' });
  process.stdout.write(`class of ${size}: repositories built in ${time(t)}\n`);
  try {
    const run = new WorkflowRun(scenario, api);
    t = performance.now();
    const { plan, chunks } = await run.plan();
    if (plan.status !== 0) throw new Error(plan.stderr);
    process.stdout.write(`plan: ${chunks.length} chunks of up to ${chunk}, in ${time(t)}\n`);
    t = performance.now();
    let done = 0;
    const jobs = await gradeAll(run, chunks, parallel, (c) => {
      done += 1;
      process.stdout.write(`  chunk ${c} done (${done}/${chunks.length}) at ${time(t)}\n`);
    });
    const failed = jobs.filter((job) => job.status !== 0).length;
    process.stdout.write(`grading: ${chunks.length} chunk jobs, ${parallel} at a time, in ${time(t)}${failed > 0 ? ` (${failed} failed)` : ''}\n`);
    t = performance.now();
    const gathered = await run.gather();
    process.stdout.write(`gather: ${time(t)}\n\n${gathered.summary.split('\n').slice(0, 8).join('\n')}\n\n${values.keep === true ? `gradebook: ${join(gathered.gradebook, 'gradebook.csv')}\n` : ''}total ${time(all)}\n`);
    return failed > 0 ? 1 : 0;
  } finally {
    await api.stop();
    if (values.keep !== true) rmSync(scenario.root, { recursive: true, force: true });
  }
}

process.exitCode = await main(process.argv.slice(2));
