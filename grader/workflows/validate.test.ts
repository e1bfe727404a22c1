// result.json comes from the job that ran student code: the reporting job accepts only the grader's
// schema, makes every string inert again and never reports more than the numbers allow.
import { describe, expect, test } from 'vitest';
import { parseResultText, validateResult } from './validate.ts';
import { pullRequestContext } from './event.ts';

function result() {
  return {
    version: 2, status: 'fail', score: 7.5, max_score: 10, lang: 'en', source: 'submission:x', duration: 1.5,
    tamper: { checked: true, changed: [] as string[] }, errors: [] as string[], sandbox: 'none', timeline: null as unknown,
    exercises: [{
      id: '01', key: '01-add', title: 'Add', status: 'fail', state: 'partial', score: 7.5, max_score: 10, error: null, hint: 'Use +.',
      hints_available: 2, hints: ['Use +.', 'Add the two numbers.'],
      hidden: { total: 1, passed: 0, pending: 0 },
      tests: [
        { id: 'adds', name: 'adds', status: 'pass', score: 7.5, max_score: 7.5, visibility: 'visible', message: null, output: '', duration: 0.01,
          diagnosis: null as string | null, hint: null as string | null },
        { id: 'negatives', name: 'negativos', status: 'fail', score: 0, max_score: 2.5, visibility: 'hidden', message: 'expected 3', output: '',
          duration: 0.01, diagnosis: 'missing-await' as string | null, hint: 'Await it.' as string | null },
      ],
    }],
  };
}

describe('validateResult', () => {
  test('a grader result passes unchanged', () => {
    expect(validateResult(result())).toEqual(result());
  });

  test('student text cannot start a workflow command or carry escape sequences', () => {
    const raw = result();
    raw.exercises[0]!.tests[1]!.message = '\n::error::forged\u001b[31m';
    raw.tamper.changed = ['::set-output name=x::y (added)'];
    const valid = validateResult(raw);
    expect(valid.exercises[0]!.tests[1]!.message).toBe('\n:\u200b:error:\u200b:forged');
    expect(valid.tamper.changed).toEqual([':\u200b:set-output name=x:\u200b:y (added)']);
    expect(valid.status).toBe('error');
  });

  test('scores are capped by their maximum, the total is recomputed, the status is never better than the numbers', () => {
    const raw = result();
    raw.exercises[0]!.score = 99;
    raw.score = 1000;
    raw.status = 'pass';
    const valid = validateResult(raw);
    expect(valid.exercises[0]!.score).toBe(10);
    expect(valid.score).toBe(10);
    // A file that claims "pass" with points missing is reported as "fail".
    raw.status = 'pass';
    raw.exercises[0]!.score = 7.5;
    expect(validateResult(raw)).toMatchObject({ status: 'fail', score: 7.5 });
  });

  test('wrong shapes are refused with the path that is wrong', () => {
    expect(() => parseResultText('{')).toThrow(/not JSON/);
    expect(() => validateResult({ ...result(), version: 1 })).toThrow(/\$\.version: expected 2/);
    const raw = result() as unknown as { exercises: { tests: { status: string }[] }[] };
    raw.exercises[0]!.tests[0]!.status = 'passed';
    expect(() => validateResult(raw)).toThrow(/\$\.exercises\[0\]\.tests\[0\]\.status: expected one of pass, fail, error/);
    expect(() => validateResult({ ...result(), score: Number.NaN, exercises: 'x' })).toThrow(/\$\.exercises: expected an array/);
  });
});

describe('pullRequestContext', () => {
  const sha = 'a'.repeat(40);
  test('pull_request_target: number, head and whether the head is a fork', () => {
    expect(pullRequestContext('pull_request_target', { pull_request: { number: 7, head: { sha, repo: { full_name: 'o/r' } } } }, 'o/r'))
      .toEqual({ number: 7, headSha: sha, sameRepository: true, eventName: 'pull_request_target' });
    expect(pullRequestContext('pull_request_target', { pull_request: { number: 7, head: { sha, repo: { full_name: 'x/r' } } } }, 'o/r').sameRepository).toBe(false);
    // A deleted fork has no head repository: still a fork.
    expect(pullRequestContext('pull_request_target', { pull_request: { number: 7, head: { sha, repo: null } } }, 'o/r').sameRepository).toBe(false);
  });

  test('workflow_dispatch takes the number from the instructor\'s input; anything else is refused', () => {
    expect(pullRequestContext('workflow_dispatch', { inputs: { pr: ' 12 ' } }, 'o/r')).toEqual({ number: 12, headSha: null, sameRepository: true, eventName: 'workflow_dispatch' });
    expect(() => pullRequestContext('workflow_dispatch', { inputs: { pr: '12; rm -rf /' } }, 'o/r')).toThrow(/not a pull request number/);
    expect(() => pullRequestContext('pull_request_target', { pull_request: { number: 1, head: { sha: 'main' } } }, 'o/r')).toThrow(/head.sha/);
    expect(() => pullRequestContext('push', {}, 'o/r')).toThrow(/does not handle "push"/);
  });

  test('schema v2: diagnosis ids, exercise states, sandbox and timeline are carried, and nothing else passes as them', () => {
    const raw = result();
    raw.exercises[0]!.tests[1]!.diagnosis = 'Missing await: see [here](https://x)';
    expect(() => validateResult(raw)).toThrow(/tests\[1\]\.diagnosis: expected null or a diagnosis id/);
    expect(() => validateResult({ ...result(), sandbox: 'docker' })).toThrow(/\$\.sandbox: expected one of none, bubblewrap/);
    // A failing exercise cannot be called complete; a fully passing one with pending hidden tests is 'hidden-pending'.
    const forged = result();
    forged.exercises[0]!.state = 'complete';
    expect(validateResult(forged).exercises[0]!.state).toBe('partial');
    const pending = result();
    pending.exercises[0]!.tests = [pending.exercises[0]!.tests[0]!];
    pending.exercises[0]!.hidden = { total: 1, passed: 0, pending: 1 };
    expect(validateResult(pending).exercises[0]!.state).toBe('hidden-pending');
    const timeline = {
      exercise: '01-add', test: 'adds', clock: 'virtual', elapsed: 1.5,
      lanes: [{ name: '::error::T1', kind: 'thread', segments: [{ start: 0, end: 1.5, state: 'sleeping', label: 'sleep(1.5)' }] }],
    };
    const valid = validateResult({ ...result(), timeline });
    expect(valid.timeline?.lanes[0]?.name).toBe(':\u200b:error:\u200b:T1');
    expect(valid.timeline?.lanes[0]?.segments).toEqual(timeline.lanes[0]!.segments);
    expect(() => validateResult({ ...result(), timeline: { ...timeline, clock: 'wall' } })).toThrow(/\$\.timeline\.clock/);
  });
});
