// Machine-readable reports: Gradescope results.json, GitHub Classroom's runner result, JUnit XML.
import type { GradeResult, TestResult } from '../result.ts';
import { label } from './labels.ts';

/** Gradescope's results.json (https://gradescope-autograders.readthedocs.io/en/latest/specs/). */
export function gradescope(result: GradeResult): object {
  const { lang } = result;
  const tests: object[] = [];
  let number = 0;
  for (const exercise of result.exercises) {
    if (exercise.error !== null || exercise.tests.length === 0) {
      tests.push({
        name: `${exercise.key}`, number: `${exercise.id}.0`, score: 0, max_score: exercise.max_score,
        status: 'failed', output: exercise.error?.message ?? '', visibility: 'visible', tags: [exercise.key],
      });
      continue;
    }
    for (const test of exercise.tests) {
      number += 1;
      tests.push({
        name: `${exercise.key} › ${test.id}${test.visibility === 'hidden' ? ` [${label('hiddenTag', lang)}]` : ''}`,
        number: `${exercise.id}.${number}`,
        score: test.score,
        max_score: test.max_score,
        status: test.status === 'pass' ? 'passed' : 'failed',
        output: [test.message ?? '', test.output].filter((s) => s !== '').join('\n\n'),
        visibility: 'visible',
        tags: [exercise.key, test.visibility],
      });
    }
  }
  const notes = [...result.errors, ...result.tamper.changed.map((path) => `${label('tamper', lang)} ${path}`)];
  return {
    score: result.score,
    max_score: result.max_score,
    output: notes.join('\n'),
    output_format: 'text',
    test_output_format: 'text',
    visibility: 'visible',
    stdout_visibility: 'hidden',
    tests,
  };
}

/** The JSON GitHub Classroom's grading reporter expects from a runner step (base64-encode it). */
export function classroomRunnerResult(result: GradeResult): object {
  const tests = result.exercises.flatMap((exercise) => {
    if (exercise.error !== null || exercise.tests.length === 0) {
      return [{ name: exercise.key, status: exercise.status === 'pass' ? 'pass' : exercise.status === 'error' ? 'error' : 'fail',
        score: exercise.score, message: exercise.error?.message ?? '', test_code: '', filename: `exercises/${exercise.key}`,
        line_no: 0, duration: 0, output: '' }];
    }
    return exercise.tests.map((test: TestResult) => ({
      name: `${exercise.key} › ${test.id}`, status: test.status, score: test.score, message: test.message ?? '',
      test_code: '', filename: `exercises/${exercise.key}/${test.visibility === 'hidden' ? 'hidden' : 'exercise'}.test.ts`,
      line_no: 0, duration: Math.round(test.duration * 1000), output: test.output,
    }));
  });
  return { version: 1, status: result.status, max_score: result.max_score, tests };
}

export function classroomBase64(result: GradeResult): string {
  return Buffer.from(JSON.stringify(classroomRunnerResult(result))).toString('base64');
}

/** The notice annotations GitHub Classroom shows; the score is ours, so nothing here is student text. */
export function classroomAnnotations(result: GradeResult): string[] {
  return [
    `::notice title=Autograding complete::Points ${result.score}/${result.max_score}`,
    `::notice title=Autograding report::${JSON.stringify({ totalPoints: result.score, maxPoints: result.max_score })}`,
  ];
}

function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD]/gu, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export function junit(result: GradeResult): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  for (const exercise of result.exercises) {
    const cases: string[] = [];
    let suiteFailures = 0;
    let suiteErrors = 0;
    let time = 0;
    if (exercise.error !== null) {
      suiteErrors += 1;
      cases.push(`    <testcase classname="${xml(exercise.key)}" name="${xml(exercise.key)}" time="0">\n`
        + `      <error type="${xml(exercise.error.kind)}" message="${xml(exercise.error.message.split('\n')[0] ?? '')}">${xml(exercise.error.message)}</error>\n    </testcase>`);
    }
    for (const test of exercise.tests) {
      time += test.duration;
      const name = `${test.id}${test.visibility === 'hidden' ? ' [hidden]' : ''}`;
      const body = test.status === 'pass' ? ''
        : `\n      <failure message="${xml((test.message ?? '').split('\n')[0] ?? '')}">${xml(test.message ?? '')}</failure>`;
      const output = test.output !== '' ? `\n      <system-out>${xml(test.output)}</system-out>` : '';
      if (test.status !== 'pass') suiteFailures += 1;
      cases.push(`    <testcase classname="${xml(exercise.key)}" name="${xml(name)}" time="${test.duration}">${body}${output}${body || output ? '\n    ' : ''}</testcase>`);
    }
    const count = exercise.tests.length + (exercise.error !== null ? 1 : 0);
    tests += count;
    failures += suiteFailures;
    errors += suiteErrors;
    suites.push(`  <testsuite name="${xml(`${exercise.key} ${exercise.title}`)}" tests="${count}" failures="${suiteFailures}" errors="${suiteErrors}" time="${time.toFixed(3)}">\n${cases.join('\n')}\n  </testsuite>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="course" tests="${tests}" failures="${failures}" errors="${errors}" time="${result.duration}">\n${suites.join('\n')}\n</testsuites>\n`;
}
