// The class grading rehearsal: grade-class.yml's jobs and steps, offline, against a dozen student
// repositories (local bare repositories served as file://) and a loopback fake of GitHub's REST API —
// honest, partial, late, back-dated, cut off, tampering, broken and missing students. The gradebook must
// equal the expected file; a lost chunk is re-run alone and the gradebook gathered again.
import { readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FakeGitHub } from './rehearsal/fake-github.ts';
import { gradeAll, TOOL_ROOT, WorkflowRun } from './rehearsal/run.ts';
import { buildScenario, DEADLINE, DOZEN, repositoryOf, type Scenario } from './rehearsal/scenario.ts';

const EXPECTED = readFileSync(join(import.meta.dirname, 'rehearsal', 'expected-gradebook.csv'), 'utf8');
const WORKFLOW = parse(readFileSync(join(TOOL_ROOT, '.github', 'workflows', 'grade-class.yml'), 'utf8')) as { jobs: Record<string, { steps: { run?: string; env?: Record<string, string> }[] }> };

function stepEnv(command: string): string[] {
  for (const job of Object.values(WORKFLOW.jobs)) {
    for (const step of job.steps) if (new RegExp(`grader/class/cli\\.ts ${command}\\b`).test(step.run ?? '')) return Object.keys(step.env ?? {}).sort();
  }
  return ['(no such step)'];
}

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => statSync(join(dir, name)).isFile());
}

const api = new FakeGitHub();
let scenario: Scenario;
let run: WorkflowRun;

beforeAll(async () => {
  await api.start();
  scenario = buildScenario(api, DOZEN, { deadline: DEADLINE, late: { policy: 'penalty', percentPerDay: 10, maxDays: 3 }, chunkSize: 3, lang: 'en', commentAuthor: api.botLogin });
  run = new WorkflowRun(scenario, api);
}, 120_000);

afterAll(async () => {
  await api.stop();
  rmSync(scenario.root, { recursive: true, force: true });
});

describe('grade-class.yml rehearsal', { timeout: 300_000 }, () => {
  test('the rehearsal gives each step the environment the workflow gives it', () => {
    expect(stepEnv('plan')).toEqual(['CLASS_DEADLINE', 'CLASS_MODE', 'CLASS_TOKEN']);
    expect(stepEnv('pack')).toEqual([]);
    expect(stepEnv('grade')).toEqual(['CHUNK']);
    expect(stepEnv('gather')).toEqual([]);
    expect(stepEnv('publish')).toEqual(['CLASS_TOKEN']);
  });

  test('a dozen students: plan, three chunk jobs, gradebook equal to the expected file, one lost chunk re-run alone, results published', async () => {
    const { plan, pack, chunks } = await run.plan();
    expect(plan.status, plan.stderr).toBe(0);
    expect(pack.status, pack.stderr).toBe(0);
    expect(chunks).toEqual([0, 1, 2]);
    // The plan artifact holds exercise files only: no token, no hidden test, no other file of a student.
    const planFiles = files(join(run.artifacts, 'class-plan'));
    expect(planFiles.filter((f) => f !== 'plan.json').every((f) => /^submissions\/r\d{3}\/exercises\/0[12]-\w+\/exercise\.ts$/.test(f))).toBe(true);
    const planText = planFiles.map((f) => readFileSync(join(run.artifacts, 'class-plan', f), 'utf8')).join('\n');
    expect(planText).not.toContain(api.token);
    expect(planText).not.toContain('1e9');
    // The course artifact leaves out the roster and configuration.
    expect(files(join(run.artifacts, 'class-course')).some((f) => f.startsWith('class/'))).toBe(false);

    const graded = await gradeAll(run, chunks, 2);
    for (const job of graded) expect(job.status, job.stderr).toBe(0);
    const first = await run.gather();
    expect(first.run.status, first.run.stderr).toBe(0);
    expect(readFileSync(join(first.gradebook, 'gradebook.csv'), 'utf8')).toBe(EXPECTED);
    expect(first.summary).toContain('| 6 | 2 | 0 | 4 | 0 | 2 | 10.69/15 | 11/15 |');
    expect(readdirSync(join(first.gradebook, 'results')).sort()).toEqual(['r001.json', 'r002.json', 'r003.json', 'r004.json', 'r006.json', 'r007.json', 'r008.json', 'r011.json']);

    // Chunk 2's job is lost: the gradebook says which entries are not graded and how to fix it.
    run.loseChunk(2);
    const partial = await run.gather();
    const rows = readFileSync(join(partial.gradebook, 'gradebook.csv'), 'utf8').split('\r\n');
    expect(rows.filter((row) => row.includes(',not-graded,')).map((row) => row.split(',')[0])).toEqual(['Hugo', 'Kira']);
    expect(partial.run.stdout).toContain('::warning title=Gradebook::2 entries not graded: re-run the failed jobs');
    // "Re-run failed jobs": only that chunk runs again (a new attempt), then the gradebook is gathered again.
    run.nextAttempt();
    const again = await run.grade(2);
    expect(again.status, again.stderr).toBe(0);
    const final = await run.gather();
    expect(readFileSync(join(final.gradebook, 'gradebook.csv'), 'utf8')).toBe(EXPECTED);

    // Publish: one commit status per graded commit, on the student's repository.
    const published = await run.publish();
    expect(published.status, published.stderr).toBe(0);
    expect(api.statuses).toHaveLength(8);
    const status = (login: string) => api.statuses.find((s) => s.repository === repositoryOf(DOZEN.find((d) => d.login === login)!));
    expect(status('ana')).toMatchObject({ state: 'success', description: 'Score 15/15', context: 'course/grade' });
    expect(status('carla')).toMatchObject({ state: 'failure', description: 'Score 13.5/15, 1 day(s) late (-10 %)' });
    expect(status('fede')).toMatchObject({ state: 'error', description: 'Score 5/15: protected files changed (originals used)' });
    // Only the documented endpoints were called.
    const paths = new Set(api.requests.map((r) => r.replace(/concurrency-\w+|[0-9a-f]{40}/g, ':x')));
    expect([...paths].sort()).toEqual(['GET /repos/rehearsal-class/:x', 'GET /repos/rehearsal-class/:x/activity', 'POST /repos/rehearsal-class/:x/statuses/:x']);
  });

  test('re-grade every open pull request in one dispatch: one row per pull request, the report posted as its comment', async () => {
    const ana = repositoryOf(DOZEN[0]!);
    const ben = repositoryOf(DOZEN[1]!);
    api.repositories.get(ana)!.pulls.push({ number: 7, head: { ref: 'main', sha: '0'.repeat(40) } });
    api.repositories.get(ben)!.pulls.push({ number: 3, head: { ref: 'main', sha: '0'.repeat(40) } });
    const dispatch = new WorkflowRun(scenario, api);
    const { plan, chunks } = await dispatch.plan({ mode: 'pull-requests' });
    expect(plan.status, plan.stderr).toBe(0);
    expect(chunks).toEqual([0]);
    expect((await dispatch.grade(0)).status).toBe(0);
    const { gradebook } = await dispatch.gather();
    const rows = readFileSync(join(gradebook, 'gradebook.csv'), 'utf8').split('\r\n');
    expect(rows[1]).toMatch(/^Ana,rehearsal-class\/concurrency-ana,7,main,[0-9a-f]{40},2026-02-28T16:59:00.000Z,15,15,10,5,graded,no,0,0,$/);
    expect(rows[2]).toMatch(/^Ben,rehearsal-class\/concurrency-ben,3,main,.*,10,15,10,0,graded,no,0,0,$/);
    expect(rows[3]).toBe('Carla,rehearsal-class/concurrency-carla,,,,,,15,,,missing,,0,0,no open pull request');
    expect((await dispatch.publish()).status).toBe(0);
    const comment = api.comments.get(`${ana}#7`)?.[0]?.body ?? '';
    expect(comment.startsWith('<!-- course-grader-class-report -->\n> Instructor\'s grading, hidden tests included: commit `')).toBe(true);
    expect(comment).toContain('## Score: 15/15');
    expect(api.comments.get(`${ben}#3`)?.[0]?.body).toContain('## Score: 10/15');
    // Publishing again updates the same comment instead of adding one.
    expect((await dispatch.publish()).status).toBe(0);
    expect(api.comments.get(`${ana}#7`)).toHaveLength(1);
  });
});
