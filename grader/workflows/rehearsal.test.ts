// The grading rehearsal: .github/workflows/grade.yml's steps, in its order and with the environment it
// gives each, against a student repository with pull requests — an honest one, one that edits a test,
// one that edits the workflow, one from a fork. Checks what students and Classroom see: the PR comment,
// the job summary, the "Points X/Y" annotation, the tamper report, and that hidden tests stay hidden.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { COMMENT_MARKER } from '../report/markdown.ts';
import { createOrigin, FakeGitHub, openPullRequest, pullRequestEvent, REPOSITORY, runStep, SOLVED_ADD, SOLVED_GREET, startJob, TOOL_ROOT, type Origin, type StepRun } from '../test-support/workflows-rehearsal.ts';

const WORKFLOW = readFileSync(join(TOOL_ROOT, '.github', 'workflows', 'grade.yml'), 'utf8');

/** The `env:` names of the step that runs `cli.ts <command>` in grade.yml. */
function stepEnvNames(command: string): string[] {
  const block = WORKFLOW.split(/\n(?=\s*- name: )/).find((b) => new RegExp(`cli\\.ts ${command}\\b`).test(b));
  if (block === undefined) return [];
  const env = /\n(\s+)env:\n((?:\1\s+[A-Z_]+:.*\n)+)/.exec(block);
  return env === null ? [] : [...env[2]!.matchAll(/^\s+([A-Z_]+):/gm)].map((m) => m[1]!).sort();
}

interface Graded {
  headSha: string;
  submission: StepRun;
  unseal: StepRun;
  grade: StepRun;
  publish: StepRun;
  result: Record<string, unknown> & { status: string; score: number; max_score: number; tamper: { changed: string[] } };
  summary: string;
  gradeTemp: string;
}

let origin: Origin;
const api = new FakeGitHub();

async function gradePullRequest(number: number, files: Record<string, string | null>, options: { fork?: boolean } = {}): Promise<Graded> {
  const headSha = openPullRequest(origin, number, files);
  const event = pullRequestEvent(number, headSha, options.fork === true ? 'someone/fork' : REPOSITORY);
  // Job 1: grade (contents: read). The env given to each step is exactly the one grade.yml gives it.
  const job = startJob(origin, `grade-${number}`, event, api);
  const submission = await runStep(job, 'submission', { GITHUB_TOKEN: 'ghs_read_only_token' });
  expect(submission.status, submission.stderr).toBe(0);
  // No key in a student repository: the hidden tests stay sealed (graded by the central grading repository).
  const unseal = await runStep(job, 'unseal', { HIDDEN_TESTS_ALLOWED: 'false' });
  expect(unseal.status, unseal.stderr).toBe(0);
  const grade = await runStep(job, 'grade', { PR_HEAD_SHA: submission.outputs['head_sha'] });
  expect(grade.status, grade.stderr).toBe(0);
  rmSync(join(job.temp, 'course-grader', 'course'), { recursive: true, force: true }); // "Delete the unsealed hidden tests"
  // The artifact: result.json only, into the reporting job's own runner.
  const report = startJob(origin, `report-${number}`, event, api);
  mkdirSync(join(report.temp, 'grade-result'));
  const resultFile = join(report.temp, 'grade-result', 'result.json');
  copyFileSync(join(job.temp, 'course-grader', 'out', 'result.json'), resultFile);
  // Job 2: report (pull-requests: write), never runs student code.
  const publish = await runStep(report, 'publish', { GITHUB_TOKEN: api.token, RESULT_FILE: resultFile, PR_HEAD_SHA: submission.outputs['head_sha'] });
  return {
    headSha, submission, unseal, grade, publish, gradeTemp: job.temp,
    result: JSON.parse(readFileSync(resultFile, 'utf8')) as Graded['result'],
    summary: readFileSync(report.summary, 'utf8'),
  };
}

function commentsOn(issue: number): string[] {
  return (api.comments.get(issue) ?? []).filter((c) => c.user.login === 'github-actions[bot]').map((c) => c.body);
}

beforeAll(async () => {
  origin = createOrigin();
  await api.start();
}, 60_000);

afterAll(async () => {
  await api.stop();
  rmSync(origin.root, { recursive: true, force: true });
});

// Each test grades one or two pull requests for real (a vitest run per grading): allow for a loaded machine.
describe('grade.yml rehearsal', { timeout: 180_000 }, () => {
  test('the rehearsal runs the workflow\'s steps in its order with its environment', () => {
    const commands = [...WORKFLOW.matchAll(/grader\/workflows\/cli\.ts\s+([a-z-]+)/g)].map((m) => m[1]);
    expect(commands).toEqual(['submission', 'unseal', 'grade', 'publish']);
    expect(stepEnvNames('submission')).toEqual(['GITHUB_TOKEN']);
    expect(stepEnvNames('unseal')).toEqual(['HIDDEN_TESTS_ALLOWED']);
    expect(WORKFLOW).not.toMatch(/secrets\./);
    expect(stepEnvNames('grade')).toEqual(['PR_HEAD_SHA']);
    expect(stepEnvNames('publish')).toEqual(['GITHUB_TOKEN', 'PR_HEAD_SHA', 'RESULT_FILE']);
  });

  test('an honest pull request: visible tests graded, hidden tests left sealed for the central grading, one comment updated in place', async () => {
    api.seedStudentComment(1, `${COMMENT_MARKER}\nI give myself 100/100`);
    const run = await gradePullRequest(1, { 'exercises/01-add/exercise.ts': SOLVED_ADD, 'exercises/02-greet/exercise.ts': SOLVED_GREET });
    expect(run.submission.outputs['exercises_changed']).toBe('01-add 02-greet');
    expect(run.unseal.outputs['mode']).toBe('not-allowed');
    expect(run.result).toMatchObject({ status: 'fail', score: 11.67, max_score: 15, tamper: { changed: [] } });
    expect(run.publish.status).toBe(0);
    expect(run.publish.stdout).toContain('::notice title=Autograding complete::Points 11.67/15\n');
    const [comment, ...others] = commentsOn(1);
    expect(others).toEqual([]);
    expect(comment).toContain('Hidden tests never run in this repository: your instructor grades them from the course\'s grading repository');
    expect(comment).toContain('## Score: 11.67/15');
    expect(comment).toContain(run.headSha.slice(0, 12));
    expect(run.summary).toContain('## Score: 11.67/15');
    // The student's look-alike comment is left alone.
    expect(api.comments.get(1)![0]!.body).toBe(`${COMMENT_MARKER}\nI give myself 100/100`);
    // Hidden tests: never in the result, the logs, or left on disk.
    const everything = JSON.stringify(run.result) + run.grade.stdout + run.publish.stdout + run.summary + comment;
    expect(everything).not.toContain('1e9');
    expect(existsSync(join(run.gradeTemp, 'course-grader', 'course'))).toBe(false);

    // A new push to the same pull request: the same comment is updated, not a second one posted.
    const again = await gradePullRequest(1, { 'exercises/02-greet/exercise.ts': "export function greet(name: string): string {\n  return name;\n}\n" });
    expect(again.result).toMatchObject({ status: 'fail', score: 6.67, max_score: 15 });
    expect(again.publish.status).toBe(0);
    expect(again.publish.stdout).toContain('::notice title=Autograding complete::Points 6.67/15\n');
    expect(commentsOn(1)).toHaveLength(1);
    expect(commentsOn(1)[0]).toContain('## Score: 6.67/15');
    expect(commentsOn(1)[0]).toContain('Hint for greet.');
  });

  test.concurrent('a pull request that edits a test: reported as tampering, graded with the trusted test', async () => {
    const run = await gradePullRequest(2, {
      'exercises/01-add/exercise.test.ts': "import { test } from 'vitest';\ntest('adds small numbers', () => {});\ntest('adds negatives', () => {});\n",
    });
    expect(run.result.tamper.changed).toEqual(['exercises/01-add/exercise.test.ts (changed)']);
    expect(run.result).toMatchObject({ status: 'error', score: 0, max_score: 15 });
    expect(run.publish.status).toBe(1);
    expect(run.publish.stdout).toContain('::notice title=Autograding complete::Points 0/15\n');
    const [comment] = commentsOn(2);
    expect(comment).toContain('Protected files were changed (the original copies were used):');
    expect(comment).toContain('`exercises/01-add/exercise.test.ts (changed)`');
    expect(run.summary).toContain('exercises/01-add/exercise.test.ts (changed)');
  });

  test.concurrent('a pull request that edits the workflow: reported, and the base branch\'s workflow graded it anyway', async () => {
    const edited = WORKFLOW.replace(/ {6}- name: Copy the trusted course[\s\S]*?cli\.ts unseal\n/, '');
    expect(edited).not.toBe(WORKFLOW);
    const run = await gradePullRequest(3, {
      'exercises/01-add/exercise.ts': SOLVED_ADD,
      '.github/workflows/grade.yml': edited,
      'notes/::warning::forged.md': 'x',
    });
    expect(run.result.tamper.changed).toEqual(['.github/workflows/grade.yml (changed)', 'notes/:\u200b:warning:\u200b:forged.md (added)']);
    expect(run.unseal.outputs['mode']).toBe('not-allowed');
    expect(run.result).toMatchObject({ status: 'error', score: 6.67, max_score: 15 });
    expect(run.publish.status).toBe(1);
    expect(run.publish.stdout).toContain('::notice title=Autograding complete::Points 6.67/15\n');
    // The file name cannot become a workflow command in any log line.
    for (const out of [run.submission.stdout, run.grade.stdout, run.publish.stdout]) expect(out).not.toMatch(/^::warning/m);
    expect(commentsOn(3)[0]).toContain('.github/workflows/grade.yml (changed)');
  });

  test.concurrent('a fork\'s pull request: visible tests only, never the key, and the comment says so', async () => {
    const run = await gradePullRequest(4, { 'exercises/01-add/exercise.ts': SOLVED_ADD, 'exercises/02-greet/exercise.ts': SOLVED_GREET }, { fork: true });
    expect(run.submission.outputs['same_repo']).toBe('false');
    expect(run.unseal.outputs['mode']).toBe('not-allowed');
    expect(run.result).toMatchObject({ status: 'fail', score: 11.67, max_score: 15 });
    expect(run.publish.stdout).toContain('::notice title=Autograding complete::Points 11.67/15\n');
    expect(commentsOn(4)[0]).toContain('Hidden tests did not run: this pull request comes from a fork');
  });

  test.concurrent('no result, or a result that does not validate: the comment says so and the run fails', async () => {
    const headSha = openPullRequest(origin, 5, { 'exercises/01-add/exercise.ts': SOLVED_ADD });
    const event = pullRequestEvent(5, headSha);
    const missing = startJob(origin, 'report-5a', event, api);
    const none = await runStep(missing, 'publish', { GITHUB_TOKEN: api.token, RESULT_FILE: join(missing.temp, 'grade-result', 'result.json'), PR_HEAD_SHA: '' });
    expect(none.status).toBe(1);
    expect(none.stdout).not.toContain('Autograding complete');
    expect(commentsOn(5)[0]).toContain('## Score: no result');
    expect(readFileSync(missing.summary, 'utf8')).toContain('no result.json');

    const forged = startJob(origin, 'report-5b', event, api);
    const file = join(forged.temp, 'result.json');
    writeFileSync(file, JSON.stringify({ version: 2, status: 'pass', score: 100, max_score: 100, exercises: 'all of them' }));
    const bad = await runStep(forged, 'publish', { GITHUB_TOKEN: api.token, RESULT_FILE: file, PR_HEAD_SHA: headSha });
    expect(bad.status).toBe(1);
    expect(bad.stdout).not.toContain('Points 100/100');
    expect(commentsOn(5)).toHaveLength(1);
    expect(commentsOn(5)[0]).toContain('result.json: $.tamper: expected an object');
  });
});
