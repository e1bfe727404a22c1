// A vitest reporter loaded only by the grader's child process. It reports every test module and test case
// over fd 3 (the grader's channel, see channel.ts), never through console text.
import { readFileSync, writeSync } from 'node:fs';
import type { Reporter, TestCase, TestModule } from 'vitest/node';
import { ChannelWriter, type ChannelMessage } from './channel.ts';

const CHANNEL_FD = 3;
const MAX_OUTPUT = 4000;

interface SerializedErrorLike {
  name?: string;
  message?: string;
  diff?: string;
  stack?: string;
  /** Set by the course kit's setup file on a failure it recognised (exercises/_kit/setup.ts). */
  diagnosis?: unknown;
  hint?: unknown;
}

const DIAGNOSIS_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** The first well-formed diagnosis among a test's errors (id and advice), else nulls. */
function diagnosisOf(errors: SerializedErrorLike[]): { diagnosis: string | null; hint: string | null } {
  for (const error of errors) {
    if (typeof error.diagnosis === 'string' && error.diagnosis.length <= 40 && DIAGNOSIS_ID.test(error.diagnosis)) {
      return { diagnosis: error.diagnosis, hint: typeof error.hint === 'string' ? error.hint.slice(0, 1000) : null };
    }
  }
  return { diagnosis: null, hint: null };
}

const ANSI = new RegExp(String.raw`\u001b\[[0-9;]*m`, 'g');

function describeError(error: SerializedErrorLike): string {
  // A diagnosed failure is already the whole story, in the student's terms: no error name, no diff.
  if (typeof error.diagnosis === 'string') return (error.message ?? '').replace(ANSI, '');
  const name = error.name !== undefined && error.name !== 'Error' && error.name !== 'AssertionError' ? `${error.name}: ` : '';
  const diff = error.diff !== undefined && error.diff !== '' ? `\n${error.diff}` : '';
  return `${name}${error.message ?? String(error)}${diff}`.replace(ANSI, '');
}

/** The timeline a failing test carries (see workspace.ts entrySource), if it is small enough to be a picture. */
function timelineOf(test: TestCase): { timeline?: unknown } {
  const timeline = (test.meta() as { courseTimeline?: unknown }).courseTimeline;
  if (timeline === undefined || JSON.stringify(timeline).length > 64_000) return {};
  return { timeline };
}

export default class GraderReporter implements Reporter {
  private readonly writer: ChannelWriter;
  private readonly outputByTask = new Map<string, string>();

  constructor() {
    // The key arrives on stdin, which the grader closes right after writing it. Test files load later, in
    // other processes, so by then the key only lives in this process's memory.
    const key = readFileSync(0);
    if (key.length < 32) throw new Error('grader reporter: no channel key on stdin');
    this.writer = new ChannelWriter(key);
    this.send({ type: 'hello' });
  }

  private send(message: ChannelMessage): void {
    writeSync(CHANNEL_FD, this.writer.encode(message));
  }

  onUserConsoleLog(log: { content: string; taskId?: string; type: string }): void {
    const append = (map: Map<string, string>, id: string): void => {
      const previous = map.get(id) ?? '';
      if (previous.length < MAX_OUTPUT) map.set(id, (previous + log.content).slice(0, MAX_OUTPUT));
    };
    if (log.taskId !== undefined) append(this.outputByTask, log.taskId);
  }

  onTestModuleQueued(module: TestModule): void {
    this.send({ type: 'queued', file: module.moduleId });
  }

  onTestCaseResult(test: TestCase): void {
    const result = test.result();
    const errors = (result.errors ?? []) as unknown as SerializedErrorLike[];
    this.send({
      type: 'case',
      file: test.module.moduleId,
      name: test.name,
      fullName: test.fullName,
      state: result.state,
      errors: errors.map(describeError),
      duration: test.diagnostic()?.duration ?? 0,
      output: this.outputByTask.get(test.id) ?? '',
      ...diagnosisOf(errors),
      ...timelineOf(test),
    });
  }

  onTestModuleEnd(module: TestModule): void {
    // Cases that never reported (a suite that failed in beforeAll) still need a verdict.
    const errors = (module.errors() as unknown as SerializedErrorLike[]).map(describeError);
    for (const test of module.children.allTests()) {
      const state = test.result().state;
      if (state === 'pending') {
        this.send({ type: 'case', file: module.moduleId, name: test.name, fullName: test.fullName, state, errors: [], duration: 0, output: '' });
      }
    }
    const suiteErrors = [...module.children.allSuites()]
      .map((suite) => ({ suite: suite.fullName, errors: (suite.errors() as unknown as SerializedErrorLike[]).map(describeError) }))
      .filter((entry) => entry.errors.length > 0);
    this.send({ type: 'module', file: module.moduleId, state: module.state(), errors, suiteErrors });
  }

  onTestRunEnd(_modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<SerializedErrorLike>, reason: string): void {
    this.send({ type: 'end', state: reason, errors: unhandled.map(describeError) });
  }
}
