// The class grading workflow's steps (.github/workflows/grade-class.yml), one subcommand each:
//   plan      roster → commits by push time → submissions as data, chunks   (the only step with CLASS_TOKEN)
//   pack      the course copy the grading jobs receive (no .git, solutions, class/)
//   grade     one chunk: student code runs here (no token, no checkout)      (matrix job)
//   gather    chunk results → gradebook.csv, summary.md, results/             (no token)
//   publish   commit statuses and PR comments                               (CLASS_TOKEN; optional)
// The offline rehearsal (grader/class/rehearsal/) runs the same commands with the same environment.
// Exit codes: 0 done; 1 some entries were not graded / not published; 2 usage or setup error.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadCourse } from '../model/course.ts';
import { actionsEnv, appendSummary, setOutput } from '../workflows/actions-env.ts';
import { gradeChunk } from './batch.ts';
import { loadConfig, parseDeadline, type ClassConfig } from './config.ts';
import { gather, writeGradebook } from './gather.ts';
import { packCourse } from './pack.ts';
import { planClass, readPlan } from './plan.ts';
import { publishResults } from './publish.ts';
import { parseRoster } from './roster.ts';

type Step = (vars: NodeJS.ProcessEnv) => Promise<number>;

const log = (text: string): void => {
  process.stdout.write(`${text}\n`);
};

/** The fixed layout of $RUNNER_TEMP/class, shared by the jobs through artifacts. */
export function classPaths(temp: string) {
  const root = join(temp, 'class');
  return { root, plan: join(root, 'plan'), course: join(root, 'course'), results: join(root, 'results'), gradebook: join(root, 'gradebook'), scratch: join(root, 'scratch.git') };
}

/** The configuration with the dispatch's overrides (inputs arrive as CLASS_MODE and CLASS_DEADLINE). */
export function effectiveConfig(workspace: string, vars: NodeJS.ProcessEnv): ClassConfig {
  const config = loadConfig(resolve(workspace, vars['CLASS_CONFIG'] || 'class/config.json'));
  const mode = vars['CLASS_MODE'];
  if (mode !== undefined && mode !== '') {
    if (mode !== 'students' && mode !== 'pull-requests') throw new Error(`mode "${mode}": students or pull-requests`);
    config.mode = mode;
  }
  const deadline = vars['CLASS_DEADLINE'];
  if (deadline !== undefined && deadline !== '') {
    parseDeadline(deadline);
    config.deadline = deadline;
  }
  return config;
}

const plan: Step = async (vars) => {
  const env = actionsEnv(vars);
  const paths = classPaths(env.temp);
  const config = effectiveConfig(env.workspace, vars);
  const rosterPath = resolve(env.workspace, config.roster);
  if (!existsSync(rosterPath)) throw new Error(`${config.roster} not found in the grading repository: commit the roster there (see README, "Grading a class")`);
  const { format, entries } = parseRoster(readFileSync(rosterPath, 'utf8'), { repositoryPattern: config.repositoryPattern ?? undefined });
  const course = loadCourse(env.workspace);
  if (course.problems.length > 0) throw new Error(`the course has problems:\n${course.problems.map((p) => p.message).join('\n')}`);
  const token = vars['CLASS_TOKEN'];
  if (token === undefined || token === '') throw new Error('CLASS_TOKEN is not set: store a token that can read the student repositories as the secret CLASS_TOKEN of the grading repository (see README)');
  log(`roster ${config.roster}: ${entries.length} rows (${format}); mode ${config.mode}; deadline ${config.deadline ?? 'none'}; late policy ${config.late.policy}`);
  const result = await planClass({
    config, entries, exercises: course.exercises, outDir: paths.plan, scratch: paths.scratch,
    sources: { api: { url: env.apiUrl, token }, serverUrl: env.serverUrl, token },
    onEntry: (entry) => log(`  ${entry.id} ${entry.repository || entry.student}: ${entry.status === 'planned' ? `${entry.commit!.slice(0, 12)}${entry.pushedAt === null ? '' : ` pushed ${entry.pushedAt}`}${entry.late === true ? ` (late ${entry.daysLate} d)` : ''}${entry.tampered.length > 0 ? `, ${entry.tampered.length} file(s) changed outside the exercises` : ''}` : `missing: ${entry.reason ?? ''}`}`),
  });
  const gradable = result.entries.filter((e) => e.status === 'planned').length;
  log(`${gradable} to grade in ${result.chunks.length} chunk(s) of up to ${result.chunkSize}; ${result.entries.length - gradable} missing`);
  setOutput(env, 'chunks', JSON.stringify(result.chunks.map((_, index) => index)));
  setOutput(env, 'assignment', config.assignment);
  return 0;
};

const pack: Step = async (vars) => {
  const env = actionsEnv(vars);
  packCourse(env.workspace, classPaths(env.temp).course);
  log(`course packed into ${classPaths(env.temp).course}`);
  return 0;
};

const gradeStep: Step = async (vars) => {
  const env = actionsEnv(vars);
  const paths = classPaths(env.temp);
  const chunk = Number(vars['CHUNK']);
  if (!Number.isInteger(chunk) || chunk < 0) throw new Error(`CHUNK must be the matrix chunk index (got ${JSON.stringify(vars['CHUNK'])})`);
  const courseRoot = resolve(vars['CLASS_COURSE'] || process.cwd());
  let failures = 0;
  const file = await gradeChunk({
    courseRoot, planDir: paths.plan, chunk, outDir: paths.results, attempt: Number(vars['GITHUB_RUN_ATTEMPT'] ?? '1') || 1,
    onEntry: (outcome, entry) => {
      if (outcome.result === undefined) failures += 1;
      log(`${entry.id} ${entry.repository}@${(entry.commit ?? '').slice(0, 12)}: ${outcome.result === undefined ? `NOT GRADED: ${outcome.failure ?? ''}` : `${outcome.result.score}/${outcome.result.max_score} ${outcome.result.status}`}`);
    },
  });
  log(`chunk ${chunk}: ${file.outcomes.length - failures} graded, ${failures} not graded`);
  if (failures > 0) log(`::error title=Grading::${failures} submission(s) of chunk ${chunk} could not be graded; re-run the failed jobs`);
  return failures > 0 ? 1 : 0;
};

const gatherStep: Step = async (vars) => {
  const env = actionsEnv(vars);
  const paths = classPaths(env.temp);
  const gathered = gather(paths.plan, paths.results);
  writeGradebook(gathered, paths.gradebook);
  appendSummary(env, gathered.summary);
  const notGraded = gathered.rows.filter((row) => row.status === 'not-graded').length;
  log(`gradebook: ${gathered.rows.length} rows, ${notGraded} not graded${gathered.missingChunks.length > 0 ? ` (chunks without a result: ${gathered.missingChunks.join(', ')})` : ''}`);
  if (notGraded > 0) log(`::warning title=Gradebook::${notGraded} entries not graded: re-run the failed jobs, the gradebook is gathered again`);
  setOutput(env, 'not_graded', String(notGraded));
  return 0;
};

const publish: Step = async (vars) => {
  const env = actionsEnv(vars);
  const paths = classPaths(env.temp);
  const token = vars['CLASS_TOKEN'];
  if (token === undefined || token === '') throw new Error('CLASS_TOKEN is not set');
  const config = effectiveConfig(env.workspace, vars);
  readPlan(paths.plan);
  const gathered = gather(paths.plan, paths.results);
  const outcome = await publishResults(gathered, {
    api: { url: env.apiUrl, token }, context: config.statusContext, commentAuthor: config.commentAuthor,
    ...(env.runId === undefined ? {} : { runUrl: `${env.serverUrl}/${env.repository}/actions/runs/${env.runId}` }),
  });
  log(`published ${outcome.statuses} commit statuses and ${outcome.comments} pull request comments`);
  for (const failure of outcome.failures) log(`  not published: ${failure}`);
  return outcome.failures.length > 0 ? 1 : 0;
};

const STEPS: Record<string, Step> = { plan, pack, grade: gradeStep, gather: gatherStep, publish };

export async function main(argv: string[], vars: NodeJS.ProcessEnv = process.env): Promise<number> {
  const step = argv[0] === undefined ? undefined : STEPS[argv[0]];
  if (step === undefined || argv.length !== 1) {
    process.stderr.write(`usage: tsx grader/class/cli.ts ${Object.keys(STEPS).join('|')}\n`);
    return 2;
  }
  try {
    return await step(vars);
  } catch (error) {
    process.stderr.write(`${argv[0]}: ${(error as Error).message}\n`);
    return 2;
  }
}

if (process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  process.exitCode = await main(process.argv.slice(2));
}
