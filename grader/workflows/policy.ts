// The grading workflow's security rules, checked on the parsed YAML so an edit that quietly breaks one
// (a secret in the wrong step, a PR-head checkout, a floating action tag) fails `npm run verify`.
// Each rule returns readable problems; an empty list means the workflow keeps the promise.

type Obj = Record<string, unknown>;

export interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  with?: Obj;
  env?: Obj;
  if?: unknown;
}

const isObj = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);
const asObj = (value: unknown): Obj => (isObj(value) ? value : {});

export function jobsOf(workflow: unknown): [string, Obj][] {
  return Object.entries(asObj(asObj(workflow)['jobs'])).map(([id, job]) => [id, asObj(job)]);
}

export function stepsOf(job: Obj): Step[] {
  const steps = job['steps'];
  return Array.isArray(steps) ? steps.map((step) => asObj(step) as Step) : [];
}

const label = (job: string, step: Step, index: number): string => `jobs.${job}.steps[${index}]${step.name === undefined ? '' : ` (${step.name})`}`;

/** `grader/workflows/cli.ts <command>` calls, in order, across the whole workflow. */
export function cliCommands(workflow: unknown): string[] {
  return jobsOf(workflow).flatMap(([, job]) => stepsOf(job).flatMap((step) => [...(step.run ?? '').matchAll(/grader\/workflows\/cli\.ts\s+([a-z-]+)/g)].map((m) => m[1]!)));
}

/** Rules that hold for every workflow of the project. */
export function commonProblems(workflow: unknown): string[] {
  const problems: string[] = [];
  if (!('permissions' in asObj(workflow))) problems.push('no top-level permissions (the default token may be able to write)');
  for (const [id, job] of jobsOf(workflow)) {
    stepsOf(job).forEach((step, index) => {
      if (step.uses !== undefined && !step.uses.startsWith('./') && !/@[0-9a-f]{40}$/.test(step.uses)) {
        problems.push(`${label(id, step, index)}: ${step.uses} is not pinned by a full commit SHA`);
      }
      if (step.uses?.startsWith('actions/checkout@') === true && step.with?.['persist-credentials'] !== false) {
        problems.push(`${label(id, step, index)}: checkout must set persist-credentials: false`);
      }
      if (/\bnpm (ci|install)\b/.test(step.run ?? '') && !(step.run ?? '').includes('--ignore-scripts')) {
        problems.push(`${label(id, step, index)}: npm ci without --ignore-scripts`);
      }
    });
  }
  return problems;
}

function runs(step: Step, command: string): boolean {
  return new RegExp(`grader/workflows/cli\\.ts\\s+${command}\\b`).test(step.run ?? '');
}

function mentionsSecrets(value: unknown): boolean {
  return JSON.stringify(value ?? null).includes('secrets.');
}

/** The grading workflow's promises (see the header of .github/workflows/grade.yml). */
export function gradeWorkflowProblems(workflow: unknown): string[] {
  const wf = asObj(workflow);
  const problems = commonProblems(workflow);
  const on = asObj(wf['on']);
  const triggers = Object.keys(on).sort();
  if (triggers.join(',') !== 'pull_request_target,workflow_dispatch') {
    problems.push(`triggers must be exactly pull_request_target and workflow_dispatch (got ${triggers.join(', ') || 'none'}): pull_request and push run the student's own copy of this file`);
  }
  if (JSON.stringify(wf['permissions']) !== '{}') problems.push('top-level permissions must be {} (each job asks for what it needs)');
  if (asObj(wf['concurrency'])['cancel-in-progress'] !== true) problems.push('concurrency must cancel in-progress grading of the same pull request');
  // A student with push access can run their own workflow and read anything this one could: no secret at all.
  if (mentionsSecrets(workflow)) problems.push('the student repository\'s workflow must not reference any secret (a student\'s own workflow could read it): hidden tests are graded in the central grading repository');

  const jobs = jobsOf(workflow);
  const graders = jobs.filter(([, job]) => stepsOf(job).some((step) => runs(step, 'grade')));
  const publishers = jobs.filter(([, job]) => stepsOf(job).some((step) => runs(step, 'publish')));
  if (graders.length !== 1) problems.push(`exactly one job must run "cli.ts grade" (found ${graders.length})`);
  if (publishers.length !== 1) problems.push(`exactly one job must run "cli.ts publish" (found ${publishers.length})`);

  for (const [id, job] of graders) {
    if (JSON.stringify(job['permissions']) !== JSON.stringify({ contents: 'read' })) problems.push(`jobs.${id}: the job running student code must have permissions exactly { contents: read }`);
    const steps = stepsOf(job);
    const order = ['submission', 'unseal', 'grade'].map((command) => steps.findIndex((step) => runs(step, command)));
    if (order.some((index) => index < 0) || !(order[0]! < order[1]! && order[1]! < order[2]!)) {
      problems.push(`jobs.${id}: steps must run submission, unseal, grade in this order`);
    }
    steps.forEach((step, index) => {
      const where = label(id, step, index);
      if (runs(step, 'unseal')) {
        const env = asObj(step.env);
        if (Object.keys(env).join(',') !== 'HIDDEN_TESTS_ALLOWED' || String(env['HIDDEN_TESTS_ALLOWED']) !== 'false') problems.push(`${where}: the unseal step's env must be exactly HIDDEN_TESTS_ALLOWED: 'false' (no key in a student repository)`);
      }
      if (step.uses?.startsWith('actions/checkout@') === true) {
        const ref = JSON.stringify(step.with?.['ref'] ?? '') + JSON.stringify(step.with?.['repository'] ?? '');
        if (/head|merge|pull/i.test(ref)) problems.push(`${where}: never check out the pull request (read it as data)`);
      }
      if (step.uses?.startsWith('actions/upload-artifact@') === true && !String(step.with?.['path'] ?? '').trim().endsWith('/result.json')) {
        problems.push(`${where}: upload result.json only (never the course copy or hidden tests)`);
      }
      if (step.uses?.startsWith('actions/cache@') === true) problems.push(`${where}: the grading job may restore a cache, never save one (use actions/cache/restore)`);
    });
  }
  for (const [id, job] of publishers) {
    const steps = stepsOf(job);
    if (steps.some((step) => runs(step, 'grade') || runs(step, 'submission') || runs(step, 'unseal'))) problems.push(`jobs.${id}: the reporting job must not grade`);
    const needs = job['needs'];
    if (!graders.some(([grader]) => needs === grader || (Array.isArray(needs) && needs.includes(grader)))) problems.push(`jobs.${id}: must need the grading job`);
    if (asObj(job['permissions'])['pull-requests'] !== 'write') problems.push(`jobs.${id}: needs pull-requests: write to comment`);
  }
  return problems;
}

function runsClass(step: Step, command: string): boolean {
  return new RegExp(`grader/class/cli\\.ts\\s+${command}\\b`).test(step.run ?? '');
}

/**
 * The class grading workflow's promises (see the header of .github/workflows/grade-class.yml): the token
 * appears only in the plan and publish steps, and the jobs that run student code hold no token, no
 * secret and no checkout, and upload only their results.
 */
export function classWorkflowProblems(workflow: unknown): string[] {
  const wf = asObj(workflow);
  const problems = commonProblems(workflow);
  const triggers = Object.keys(asObj(wf['on'])).sort();
  if (triggers.join(',') !== 'workflow_dispatch') problems.push(`the class workflow runs only when an instructor dispatches it (got ${triggers.join(', ') || 'none'})`);
  if (JSON.stringify(wf['permissions']) !== '{}') problems.push('top-level permissions must be {} (each job asks for what it needs)');
  if (mentionsSecrets(wf['env'])) problems.push('workflow-level env must not hold secrets');
  const jobs = jobsOf(workflow);
  const graders = jobs.filter(([, job]) => stepsOf(job).some((step) => runsClass(step, 'grade')));
  if (graders.length !== 1) problems.push(`exactly one job must run "grader/class/cli.ts grade" (found ${graders.length})`);
  for (const [id, job] of jobs) {
    if (mentionsSecrets(job['env'])) problems.push(`jobs.${id}: job-level env must not hold secrets`);
    stepsOf(job).forEach((step, index) => {
      if (mentionsSecrets(step) && !runsClass(step, 'plan') && !runsClass(step, 'publish')) problems.push(`${label(id, step, index)}: only the plan and publish steps may reference secrets`);
    });
  }
  for (const [id, job] of graders) {
    if (JSON.stringify(job['permissions']) !== '{}') problems.push(`jobs.${id}: the job running student code must have permissions: {} (no token that can read anything)`);
    if (mentionsSecrets(job)) problems.push(`jobs.${id}: the job running student code must not reference secrets`);
    stepsOf(job).forEach((step, index) => {
      const where = label(id, step, index);
      if (step.uses?.startsWith('actions/checkout@') === true) problems.push(`${where}: the job running student code gets the course as an artifact, never a checkout (no repository token on the runner)`);
      if (step.uses?.startsWith('actions/upload-artifact@') === true && !/\/class\/results\/?$/.test(String(step.with?.['path'] ?? '').trim())) problems.push(`${where}: upload the chunk's results only`);
      if (step.uses?.startsWith('actions/cache@') === true) problems.push(`${where}: the grading job may never save a cache`);
    });
  }
  return problems;
}
