// The grading workflow's steps, one subcommand each, in the order .github/workflows/grade.yml runs them
// (the rehearsal in grader/workflows/ runs the same commands with the same environment):
//   submission  read the pull request as data: changeable files + tamper list     (grade job)
//   unseal      the only step with GRADER_KEY: trusted course copy, hidden tests   (grade job)
//   grade       run the grader (student code runs here; no key, read-only token)   (grade job)
//   publish     validate result.json, job summary, "Points X/Y", the PR comment    (report job)
// Exit codes: 0 done; 1 publish found tampering, a grading error or no valid result; 2 usage/setup error.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveLang } from '../i18n.ts';
import { loadCourse } from '../model/course.ts';
import { COMMENT_MARKER } from '../report/markdown.ts';
import { renderTerminal } from '../report/terminal.ts';
import { keyFromEnv, KEY_ENV } from '../seal.ts';
import { actionsEnv, appendSummary, gradingPaths, runUrl, setOutput, type ActionsEnv } from './actions-env.ts';
import { collectSubmission } from './collect.ts';
import { readPullRequestContext } from './event.ts';
import { fetchPullHead, revParse } from './git.ts';
import { errorResult, gradeSubmission, readLines, writeResult } from './grade-submission.ts';
import { upsertComment } from './comments-api.ts';
import { annotations, commentBody, missingResultBody, summaryBody } from './publish.ts';
import { parseResultText } from './validate.ts';
import { prepareTrustedCourse } from './unseal.ts';

type Step = (env: ActionsEnv, vars: NodeJS.ProcessEnv) => Promise<number>;

const log = (text: string): void => {
  process.stdout.write(`${text}\n`);
};

const submission: Step = async (env, vars) => {
  const pr = readPullRequestContext(env.eventName, env.eventPath, env.repository);
  const headSha = fetchPullHead(env.workspace, pr.number, { token: vars['GITHUB_TOKEN'], serverUrl: env.serverUrl, expectedSha: pr.headSha });
  const baseSha = revParse(env.workspace, 'HEAD');
  const paths = gradingPaths(env.temp);
  const course = loadCourse(env.workspace);
  const collected = collectSubmission({ repo: env.workspace, baseSha, headSha, exercises: course.exercises, outDir: paths.submission });
  writeFileSync(paths.tamper, `${JSON.stringify(collected.tampered, null, 2)}\n`);
  log(`pull request #${pr.number}: base ${baseSha.slice(0, 12)}, head ${headSha.slice(0, 12)}${pr.sameRepository ? '' : ' (fork)'}`);
  log(`exercise files taken from the pull request: ${collected.fromPullRequest.join(', ') || 'none'}`);
  if (collected.tampered.length > 0) log(`changed outside the exercise files (reported, not used):\n  ${collected.tampered.join('\n  ')}`);
  setOutput(env, 'pr', String(pr.number));
  setOutput(env, 'head_sha', headSha);
  setOutput(env, 'same_repo', String(pr.sameRepository));
  setOutput(env, 'exercises_changed', collected.exercisesChanged.join(' '));
  setOutput(env, 'tampered', String(collected.tampered.length));
  return 0;
};

const unsealStep: Step = async (env, vars) => {
  const paths = gradingPaths(env.temp);
  rmSync(paths.unsealError, { force: true });
  let key: Buffer | undefined;
  let keyProblem: string | undefined;
  try {
    key = keyFromEnv(vars);
  } catch (error) {
    keyProblem = (error as Error).message;
  }
  delete vars[KEY_ENV];
  const allowed = vars['HIDDEN_TESTS_ALLOWED'] === 'true';
  const outcome = prepareTrustedCourse({ workspace: env.workspace, courseOut: paths.course, key, allowed });
  const problem = keyProblem ?? outcome.error;
  if (problem !== undefined && allowed) writeFileSync(paths.unsealError, `${problem}\n`);
  log(`hidden tests: ${outcome.mode} (${outcome.unsealed}/${outcome.sealed} unsealed)${problem === undefined ? '' : `: ${problem}`}`);
  setOutput(env, 'mode', keyProblem !== undefined ? 'failed' : outcome.mode);
  return 0;
};

const gradeStep: Step = async (env, vars) => {
  const paths = gradingPaths(env.temp);
  const lang = resolveLang(undefined, vars);
  const label = `submission:pull-request@${(vars['PR_HEAD_SHA'] ?? 'unknown').slice(0, 40)}`;
  const tampered = existsSync(paths.tamper) ? (JSON.parse(readFileSync(paths.tamper, 'utf8')) as string[]) : [];
  let result;
  try {
    result = existsSync(paths.course) && existsSync(paths.submission)
      ? await gradeSubmission({ course: paths.course, submission: paths.submission, tampered, errors: readLines(paths.unsealError), lang, label })
      : errorResult('grading error: the submission or the course copy is missing (an earlier step failed)', lang, label, tampered);
  } finally {
    // The unsealed hidden tests live only as long as this step (the workflow deletes the folder again, always).
    rmSync(paths.course, { recursive: true, force: true });
  }
  writeResult(result, paths.out);
  log(renderTerminal(result, { color: false, verbose: false }));
  setOutput(env, 'status', result.status);
  return 0;
};

const publishStep: Step = async (env, vars) => {
  const pr = readPullRequestContext(env.eventName, env.eventPath, env.repository);
  const resultFile = vars['RESULT_FILE'] ?? join(env.temp, 'grade-result', 'result.json');
  const context = { sameRepository: pr.sameRepository, runUrl: runUrl(env), headSha: vars['PR_HEAD_SHA'] || undefined };
  const lang = resolveLang(undefined, vars);
  let body: string;
  let exit = 0;
  try {
    if (!existsSync(resultFile)) throw new Error('no result.json: the grading job failed or was cancelled before writing it');
    const result = parseResultText(readFileSync(resultFile, 'utf8'));
    body = commentBody(result, context);
    appendSummary(env, summaryBody(result, context));
    for (const line of annotations(result)) log(line);
    setOutput(env, 'score', String(result.score));
    setOutput(env, 'max_score', String(result.max_score));
    setOutput(env, 'status', result.status);
    if (result.status === 'error') {
      log(`::error title=Grading::${result.tamper.changed.length > 0 ? 'files outside the exercises were changed' : 'grading error'} (see the summary)`);
      exit = 1;
    }
  } catch (error) {
    const reason = (error as Error).message;
    body = missingResultBody(lang, reason, context);
    appendSummary(env, body.slice(COMMENT_MARKER.length + 1));
    log(`::error title=Grading::no valid result (see the summary)`);
    setOutput(env, 'status', 'error');
    exit = 1;
  }
  const token = vars['GITHUB_TOKEN'];
  if (token === undefined || token === '') {
    log('GITHUB_TOKEN is not set: the PR comment was not posted');
    return exit === 0 ? 2 : exit;
  }
  const posted = await upsertComment({ apiUrl: env.apiUrl, repository: env.repository, issue: pr.number, token }, COMMENT_MARKER, body);
  log(`PR comment ${posted.action} (id ${posted.id})`);
  return exit;
};

const STEPS: Record<string, Step> = { submission, unseal: unsealStep, grade: gradeStep, publish: publishStep };

export async function main(argv: string[], vars: NodeJS.ProcessEnv = process.env): Promise<number> {
  const step = argv[0] === undefined ? undefined : STEPS[argv[0]];
  if (step === undefined || argv.length !== 1) {
    process.stderr.write(`usage: tsx grader/workflows/cli.ts ${Object.keys(STEPS).join('|')}\n`);
    return 2;
  }
  try {
    return await step(actionsEnv(vars), vars);
  } catch (error) {
    process.stderr.write(`${argv[0]}: ${(error as Error).stack ?? String(error)}\n`);
    return 2;
  }
}

if (process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  process.exitCode = await main(process.argv.slice(2));
}
