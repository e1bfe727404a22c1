// The grading workflow's security rules: a workflow shaped like grade.yml passes, and each way of
// breaking a promise is caught with a message that names it.
import { describe, expect, test } from 'vitest';
import { cliCommands, commonProblems, gradeWorkflowProblems } from './policy.ts';

const SHA = '3d3c42e5aac5ba805825da76410c181273ba90b1';

interface StepT { name?: string; id?: string; uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string> }
interface JobT { permissions: Record<string, string>; needs?: unknown; env?: Record<string, string>; steps: StepT[] }
interface Workflow { on: Record<string, unknown>; permissions: Record<string, string>; concurrency: Record<string, unknown>; env: Record<string, string>; jobs: { grade: JobT; report: JobT } }

function goodWorkflow(): Workflow {
  return {
    on: { pull_request_target: { types: ['opened'] }, workflow_dispatch: { inputs: { pr: { type: 'string' } } } },
    permissions: {},
    concurrency: { group: 'grade-1', 'cancel-in-progress': true },
    env: { NODE_VERSION: '22' },
    jobs: {
      grade: {
        permissions: { contents: 'read' },
        steps: [
          { uses: `actions/checkout@${SHA}`, with: { 'fetch-depth': 0, 'persist-credentials': false } },
          { uses: `actions/cache/restore@${SHA}`, with: { path: '~/.npm' } },
          { run: 'npm ci --ignore-scripts' },
          { name: 'Read', id: 'submission', env: { GITHUB_TOKEN: '${{ github.token }}' }, run: 'npx tsx grader/workflows/cli.ts submission' },
          { name: 'Unseal', env: { HIDDEN_TESTS_ALLOWED: 'false' }, run: 'npx tsx grader/workflows/cli.ts unseal' },
          { name: 'Grade', env: { PR_HEAD_SHA: 'x' }, run: 'npx tsx grader/workflows/cli.ts grade' },
          { uses: `actions/upload-artifact@${SHA}`, with: { path: '${{ runner.temp }}/course-grader/out/result.json' } },
        ],
      },
      report: {
        needs: 'grade',
        permissions: { contents: 'read', 'pull-requests': 'write' },
        steps: [
          { uses: `actions/checkout@${SHA}`, with: { 'persist-credentials': false } },
          { env: { GITHUB_TOKEN: '${{ github.token }}' }, run: 'npx tsx grader/workflows/cli.ts publish' },
        ],
      },
    },
  };
}

function broken(edit: (wf: Workflow) => void): string[] {
  const wf = goodWorkflow();
  edit(wf);
  return gradeWorkflowProblems(wf);
}

const step = (wf: Workflow, index: number): StepT => wf.jobs.grade.steps[index]!;

describe('grading workflow policy', () => {
  test('a workflow that keeps every promise has no problems, and its commands are listed in order', () => {
    expect(gradeWorkflowProblems(goodWorkflow())).toEqual([]);
    expect(cliCommands(goodWorkflow())).toEqual(['submission', 'unseal', 'grade', 'publish']);
  });

  test('a pull_request or push trigger (which runs the student\'s copy of the workflow) is refused', () => {
    expect(broken((wf) => { wf.on['pull_request'] = {}; }).join('\n')).toMatch(/triggers must be exactly/);
  });

  test('a secret anywhere in the student repository\'s workflow is refused (a student\'s own workflow could read it)', () => {
    const secretWhere = /must not reference any secret/;
    expect(broken((wf) => { step(wf, 5).env = { PR_HEAD_SHA: 'x', GRADER_KEY: '${{ secrets.GRADER_KEY }}' }; }).join('\n')).toMatch(secretWhere);
    expect(broken((wf) => { step(wf, 4).env = { GRADER_KEY: '${{ secrets.GRADER_KEY }}', HIDDEN_TESTS_ALLOWED: 'false' }; }).join('\n')).toMatch(secretWhere);
    expect(broken((wf) => { wf.env = { GRADER_KEY: '${{ secrets.GRADER_KEY }}' }; }).join('\n')).toMatch(secretWhere);
    expect(broken((wf) => { wf.jobs.report.env = { K: '${{ secrets.X }}' }; }).join('\n')).toMatch(secretWhere);
    expect(broken((wf) => { step(wf, 4).env = { HIDDEN_TESTS_ALLOWED: 'true' }; }).join('\n')).toMatch(/exactly HIDDEN_TESTS_ALLOWED: 'false'/);
    expect(broken((wf) => { step(wf, 4).env = { HIDDEN_TESTS_ALLOWED: 'false', NODE_OPTIONS: '--require x' }; }).join('\n')).toMatch(/exactly HIDDEN_TESTS_ALLOWED: 'false'/);
  });

  test('a grading job that can write, or steps out of order, is refused', () => {
    expect(broken((wf) => { wf.jobs.grade.permissions = { contents: 'write' }; }).join('\n')).toMatch(/permissions exactly \{ contents: read \}/);
    expect(broken((wf) => { wf.permissions = { contents: 'read' }; }).join('\n')).toMatch(/top-level permissions must be \{\}/);
    expect(broken((wf) => { const [a, b] = [step(wf, 4), step(wf, 5)]; wf.jobs.grade.steps[4] = b; wf.jobs.grade.steps[5] = a; }).join('\n')).toMatch(/submission, unseal, grade in this order/);
  });

  test('checking out the pull request, uploading more than result.json, or saving a cache is refused', () => {
    expect(broken((wf) => { step(wf, 0).with = { ref: '${{ github.event.pull_request.head.sha }}', 'persist-credentials': false }; }).join('\n')).toMatch(/never check out the pull request/);
    expect(broken((wf) => { step(wf, 6).with = { path: '${{ runner.temp }}/course-grader' }; }).join('\n')).toMatch(/upload result.json only/);
    expect(broken((wf) => { step(wf, 1).uses = `actions/cache@${SHA}`; }).join('\n')).toMatch(/never save one/);
  });

  test('floating action tags, persisted credentials and install scripts are refused in every workflow', () => {
    const wf = { permissions: { contents: 'read' }, jobs: { ci: { steps: [
      { uses: 'actions/checkout@v7' },
      { uses: `actions/setup-node@${SHA}` },
      { run: 'npm ci' },
    ] } } };
    expect(commonProblems(wf)).toEqual([
      'jobs.ci.steps[0]: actions/checkout@v7 is not pinned by a full commit SHA',
      'jobs.ci.steps[0]: checkout must set persist-credentials: false',
      'jobs.ci.steps[2]: npm ci without --ignore-scripts',
    ]);
    expect(commonProblems({ jobs: {} })).toEqual(['no top-level permissions (the default token may be able to write)']);
  });

  test('cancel-in-progress and the reporting job\'s needs and permissions are required', () => {
    expect(broken((wf) => { wf.concurrency['cancel-in-progress'] = false; }).join('\n')).toMatch(/cancel in-progress/);
    expect(broken((wf) => { wf.jobs.report.needs = []; }).join('\n')).toMatch(/must need the grading job/);
    expect(broken((wf) => { wf.jobs.report.permissions = { contents: 'read', 'pull-requests': 'read' }; }).join('\n')).toMatch(/pull-requests: write/);
  });
});
