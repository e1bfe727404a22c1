// Plays GitHub Actions for grade-class.yml, offline: each job on a fresh "runner" (its own RUNNER_TEMP,
// GITHUB_OUTPUT and summary), each `run:` step as a separate process with the environment the workflow
// gives it, and artifacts as folders copied from one runner to the next (upload-artifact with
// overwrite: true replaces a chunk's results when it is re-run; download-artifact with a pattern puts
// each artifact in a folder of its name).
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FakeGitHub } from './fake-github.ts';
import type { Scenario } from './scenario.ts';

export const TOOL_ROOT = resolve(import.meta.dirname, '..', '..', '..');
const TSX = join(TOOL_ROOT, 'node_modules', '.bin', 'tsx');
const CLI = join(TOOL_ROOT, 'grader', 'class', 'cli.ts');

export interface StepRun {
  status: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
}

export interface Runner {
  temp: string;
  summary: string;
}

export class WorkflowRun {
  /** Artifacts of this run by name: a folder each. */
  readonly artifacts: string;
  private attempt = 1;
  readonly scenario: Scenario;
  readonly api: FakeGitHub;

  constructor(scenario: Scenario, api: FakeGitHub) {
    this.scenario = scenario;
    this.api = api;
    // Each dispatch is a new workflow run, with artifacts of its own.
    this.artifacts = mkdtempSync(join(scenario.root, 'artifacts-'));
  }

  runner(name: string): Runner {
    const dir = mkdtempSync(join(this.scenario.root, `${name}-`));
    mkdirSync(join(dir, 'temp'));
    writeFileSync(join(dir, 'summary.md'), '');
    return { temp: join(dir, 'temp'), summary: join(dir, 'summary.md') };
  }

  async step(runner: Runner, command: string, env: NodeJS.ProcessEnv, cwd: string): Promise<StepRun> {
    const output = join(runner.temp, '..', `output-${command}-${Math.random().toString(16).slice(2)}`);
    writeFileSync(output, '');
    const event = join(runner.temp, '..', 'event.json');
    writeFileSync(event, JSON.stringify({ inputs: { mode: env['CLASS_MODE'] ?? 'students' } }));
    const child = spawn(TSX, [CLI, command], {
      cwd,
      env: {
        PATH: process.env['PATH'], HOME: process.env['HOME'], CI: 'true', GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: this.scenario.grading,
        RUNNER_TEMP: runner.temp, GITHUB_EVENT_NAME: 'workflow_dispatch', GITHUB_EVENT_PATH: event, GITHUB_REPOSITORY: 'instructor/grading',
        GITHUB_SERVER_URL: this.scenario.serverUrl, GITHUB_API_URL: this.api.url, GITHUB_RUN_ID: '777', GITHUB_RUN_ATTEMPT: String(this.attempt),
        GITHUB_STEP_SUMMARY: runner.summary, GITHUB_OUTPUT: output, ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
    const killer = setTimeout(() => child.kill('SIGKILL'), 600_000);
    const status = await new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    clearTimeout(killer);
    const outputs: Record<string, string> = {};
    for (const line of readFileSync(output, 'utf8').split('\n')) if (line.includes('=')) outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    return { status, stdout, stderr, outputs };
  }

  private upload(name: string, from: string, overwrite = false): void {
    const to = join(this.artifacts, name);
    if (existsSync(to) && !overwrite) throw new Error(`artifact ${name} already exists on the workflow run (upload-artifact without overwrite fails)`);
    rmSync(to, { recursive: true, force: true });
    if (existsSync(from)) cpSync(from, to, { recursive: true });
  }

  private download(name: string, to: string): void {
    const from = join(this.artifacts, name);
    if (!existsSync(from)) throw new Error(`artifact ${name} not found`);
    cpSync(from, to, { recursive: true });
  }

  /** Job "plan": the plan and pack steps, then both uploads. */
  async plan(inputs: { mode?: string; deadline?: string } = {}): Promise<{ plan: StepRun; pack: StepRun; chunks: number[] }> {
    const runner = this.runner('plan');
    const plan = await this.step(runner, 'plan', { CLASS_TOKEN: this.api.token, CLASS_MODE: inputs.mode ?? 'students', CLASS_DEADLINE: inputs.deadline ?? '' }, this.scenario.grading);
    if (plan.status !== 0) return { plan, pack: plan, chunks: [] };
    const pack = await this.step(runner, 'pack', {}, this.scenario.grading);
    this.upload('class-plan', join(runner.temp, 'class', 'plan'));
    this.upload('class-course', join(runner.temp, 'class', 'course'));
    return { plan, pack, chunks: JSON.parse(plan.outputs['chunks'] ?? '[]') as number[] };
  }

  /** One matrix job "grade": no token, no checkout; the course and the plan come as artifacts. */
  async grade(chunk: number): Promise<StepRun> {
    const runner = this.runner(`grade-${chunk}`);
    const course = join(runner.temp, 'class', 'course');
    this.download('class-course', course);
    this.download('class-plan', join(runner.temp, 'class', 'plan'));
    // The workflow runs `npx tsx grader/class/cli.ts grade` inside the course copy; here the tool's own
    // copy of the CLI grades that course (CLASS_COURSE), which has no node_modules of its own.
    const run = await this.step(runner, 'grade', { CHUNK: String(chunk), CLASS_COURSE: course }, course);
    this.upload(`class-results-${chunk}`, join(runner.temp, 'class', 'results'), true);
    return run;
  }

  /** Job "gather": the plan and every class-results-* artifact, each in a folder of its name. */
  async gather(): Promise<{ run: StepRun; gradebook: string; summary: string }> {
    const runner = this.runner('gather');
    this.download('class-plan', join(runner.temp, 'class', 'plan'));
    const results = join(runner.temp, 'class', 'results');
    mkdirSync(results, { recursive: true });
    for (const name of readdirSync(this.artifacts)) {
      if (name.startsWith('class-results-')) this.download(name, join(results, name));
    }
    const run = await this.step(runner, 'gather', {}, TOOL_ROOT);
    const gradebook = join(runner.temp, 'class', 'gradebook');
    this.upload('gradebook-rehearsal', gradebook, true);
    return { run, gradebook, summary: readFileSync(runner.summary, 'utf8') };
  }

  /** Job "publish": the plan and results as artifacts, the token in the one step. */
  async publish(): Promise<StepRun> {
    const runner = this.runner('publish');
    this.download('class-plan', join(runner.temp, 'class', 'plan'));
    const results = join(runner.temp, 'class', 'results');
    mkdirSync(results, { recursive: true });
    for (const name of readdirSync(this.artifacts)) if (name.startsWith('class-results-')) this.download(name, join(results, name));
    return this.step(runner, 'publish', { CLASS_TOKEN: this.api.token }, this.scenario.grading);
  }

  /** "Re-run failed jobs": a new attempt of the same run. */
  nextAttempt(): void {
    this.attempt += 1;
  }

  /** A chunk's job failed before uploading anything (a runner lost, a cancelled job). */
  loseChunk(chunk: number): void {
    rmSync(join(this.artifacts, `class-results-${chunk}`), { recursive: true, force: true });
  }
}

/** Runs chunk jobs with at most `parallel` at once (the matrix runs them side by side). */
export async function gradeAll(run: WorkflowRun, chunks: number[], parallel: number, onDone?: (chunk: number, job: StepRun) => void): Promise<StepRun[]> {
  const results: StepRun[] = new Array(chunks.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(parallel, chunks.length) }, async () => {
    while (next < chunks.length) {
      const index = next++;
      results[index] = await run.grade(chunks[index]!);
      onDone?.(chunks[index]!, results[index]!);
    }
  }));
  return results;
}
