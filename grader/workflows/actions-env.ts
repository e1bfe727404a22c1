// The few pieces of the GitHub Actions runner contract the grading steps use: where the workspace and the
// temp folder are, and how a step hands values on (GITHUB_OUTPUT), writes the job summary and annotates.
import { randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ActionsEnv {
  /** The base branch's checkout: trusted code and course material. */
  workspace: string;
  /** Per-job scratch space outside the workspace ($RUNNER_TEMP). */
  temp: string;
  eventName: string;
  eventPath: string | undefined;
  repository: string;
  serverUrl: string;
  apiUrl: string;
  runId: string | undefined;
  outputFile: string | undefined;
  summaryFile: string | undefined;
}

export function actionsEnv(env: NodeJS.ProcessEnv = process.env): ActionsEnv {
  const need = (name: string): string => {
    const value = env[name];
    if (value === undefined || value === '') throw new Error(`${name} is not set (this script runs inside GitHub Actions or the rehearsal)`);
    return value;
  };
  return {
    workspace: need('GITHUB_WORKSPACE'),
    temp: need('RUNNER_TEMP'),
    eventName: need('GITHUB_EVENT_NAME'),
    eventPath: env['GITHUB_EVENT_PATH'],
    repository: need('GITHUB_REPOSITORY'),
    serverUrl: env['GITHUB_SERVER_URL'] ?? 'https://github.com',
    apiUrl: env['GITHUB_API_URL'] ?? 'https://api.github.com',
    runId: env['GITHUB_RUN_ID'],
    outputFile: env['GITHUB_OUTPUT'],
    summaryFile: env['GITHUB_STEP_SUMMARY'],
  };
}

/** The fixed layout of the grading job's scratch folder, shared by its steps. */
export function gradingPaths(temp: string) {
  const root = join(temp, 'course-grader');
  return {
    root,
    /** Only the changeable files: exercises/<NN-slug>/<file>. */
    submission: join(root, 'submission'),
    /** What the pull request changed beyond the changeable files. */
    tamper: join(root, 'tamper.json'),
    /** A copy of the trusted exercises; hidden tests unsealed here, deleted after grading. */
    course: join(root, 'course'),
    /** Why the hidden tests could not be unsealed, when they could not. */
    unsealError: join(root, 'unseal-error.txt'),
    /** result.json, the only thing uploaded. */
    out: join(root, 'out'),
  };
}

/** Appends `name=value` to GITHUB_OUTPUT (a heredoc with a random delimiter when the value has newlines). */
export function setOutput(env: ActionsEnv, name: string, value: string): void {
  if (env.outputFile === undefined) return;
  if (!value.includes('\n')) {
    appendFileSync(env.outputFile, `${name}=${value}\n`);
    return;
  }
  const delimiter = `EOF_${randomBytes(12).toString('hex')}`;
  appendFileSync(env.outputFile, `${name}<<${delimiter}\n${value}\n${delimiter}\n`);
}

export function appendSummary(env: ActionsEnv, markdown: string): void {
  if (env.summaryFile !== undefined) appendFileSync(env.summaryFile, `${markdown}\n`);
}

export function runUrl(env: ActionsEnv): string | undefined {
  return env.runId === undefined ? undefined : `${env.serverUrl}/${env.repository}/actions/runs/${env.runId}`;
}
