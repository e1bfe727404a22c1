import { describe, expect, test } from 'vitest';
import { exerciseResult, gradeResult, testResult } from '../test-support/results.ts';
import { COMMENT_MARKER, markdown } from './markdown.ts';
import { classroomAnnotations, classroomRunnerResult, gradescope, junit } from './platforms.ts';
import { headline, hiddenSummary } from './labels.ts';
import { renderTerminal } from './terminal.ts';

const failing = testResult('hidden one', { visibility: 'hidden', status: 'fail', score: 0, message: 'should keep order' });
const result = gradeResult([
  exerciseResult('01-add', [testResult('a'), testResult('b'), testResult('h1', { visibility: 'hidden' }), testResult('h2', { visibility: 'hidden' }), failing]),
  exerciseResult('02-words', [testResult('c', { status: 'fail', score: 0, message: 'expected 3 | got `4`', output: '::error::forged' })]),
]);

describe('markdown', () => {
  test('total first, visible and hidden kept apart', () => {
    const text = markdown(result, 'summary');
    const lines = text.split('\n');
    expect(lines[0]).toBe('## Score: 4/6 (67 %)');
    expect(text).toContain('visible tests 2/3, hidden 2/3');
    expect(text).toContain('| ❌ | 01-add Title 01-add | 4/5 | 2/2 | 2/3 |');
  });

  test('all visible passing never reads as "passed" while hidden tests fail', () => {
    const onlyHiddenFail = gradeResult([result.exercises[0]!]);
    expect(markdown(onlyHiddenFail, 'summary')).toContain('all visible tests passed, hidden 2/3');
  });

  test('student text cannot break the table or the fence', () => {
    const text = markdown(result, 'comment');
    expect(text.startsWith(COMMENT_MARKER)).toBe(true);
    expect(text).toContain('```text\nexpected 3 | got `4`\n```');
  });

  test('Spanish', () => {
    expect(markdown({ ...result, lang: 'es' }, 'summary')).toContain('## Nota: 4/6');
  });
});

describe('pending hidden tests', () => {
  const pending = exerciseResult('03-x', [testResult('v')]);
  pending.hidden = { total: 4, passed: 0, pending: 4 };
  const partly = exerciseResult('04-y', [testResult('v')]);
  partly.hidden = { total: 4, passed: 1, pending: 2 };

  test('on a student machine they will run in CI', () => {
    expect(hiddenSummary(pending, 'en', false)).toBe('4 will run in CI');
    expect(hiddenSummary(partly, 'es', false)).toBe('1/2 (+2 en CI)');
    expect(headline(gradeResult([pending]), 'en', false)).toContain('4 hidden tests will run in CI');
  });

  test('an exercise whose every test that ran passed is "hidden pending", never a failure', () => {
    const solved = exerciseResult('05-z', [testResult('v1'), testResult('v2')],
      { status: 'fail', score: 2.86, max_score: 10, hidden: { total: 5, passed: 0, pending: 5 } });
    const stateOf = gradeResult([solved, partly]);
    expect(solved.state).toBe('hidden-pending');
    const md = markdown(stateOf, 'comment');
    expect(md).toContain('| 🕓 | 05-z Title 05-z | ?/10 (visible tests pass; hidden tests pending) |');
    expect(md).not.toContain('2.86');
    const text = renderTerminal({ ...stateOf, lang: 'es' }, { color: false });
    expect(text).toContain('◷ 05-z Title 05-z  ?/10 (visibles superados; faltan los ocultos)');
    expect(text).not.toContain('✗ 05-z');
  });

  test('inside GitHub Actions (a student repository, which never holds the key) the report says the instructor grades them', () => {
    expect(hiddenSummary(pending, 'en', true)).toBe('4 graded by your instructor');
    expect(hiddenSummary(pending, 'es', true)).toBe('4 los corrige tu profesor');
    expect(hiddenSummary(partly, 'en', true)).toBe('1/2 (+2 graded by your instructor)');
    expect(headline(gradeResult([pending]), 'es', true)).toContain('4 tests ocultos los corrige tu profesor');
  });
});

describe('platform formats', () => {
  test('Gradescope: score, max_score and one entry per test', () => {
    const gs = gradescope(result) as { score: number; max_score: number; tests: { status: string; name: string }[] };
    expect(gs.score).toBe(4);
    expect(gs.max_score).toBe(6);
    expect(gs.tests).toHaveLength(6);
    expect(gs.tests[4]).toMatchObject({ status: 'failed', name: '01-add › hidden one [hidden]' });
  });

  test('Classroom: runner result and the Points annotation', () => {
    expect(classroomRunnerResult(result)).toMatchObject({ version: 1, status: 'fail', max_score: 6 });
    expect(classroomAnnotations(result)[0]).toBe('::notice title=Autograding complete::Points 4/6');
  });

  test('JUnit XML counts and escapes', () => {
    const xml = junit(result);
    expect(xml).toContain('<testsuites name="course" tests="6" failures="2" errors="0"');
    expect(xml).toContain('expected 3 | got `4`');
    expect(xml).not.toMatch(/<\/?got/);
  });

  test('an exercise-level error is one JUnit error, not N failures', () => {
    const broken = gradeResult([exerciseResult('03-x', [], { status: 'error', max_score: 4, error: { kind: 'syntax', message: 'syntax error in exercise.ts:2 <here>' } })]);
    expect(junit(broken)).toContain('<error type="syntax" message="syntax error in exercise.ts:2 &lt;here&gt;">');
  });
});

describe('terminal', () => {
  test('failures with message and hint, the total with the split', () => {
    const text = renderTerminal(result, { color: false });
    expect(text).toContain('✗ hidden one [hidden] 0/1');
    expect(text).toContain('Hint 1/1: a hint');
    expect(text).toContain('Score: 4/6  visible tests 2/3, hidden 2/3');
  });

  test('an empty course says so', () => {
    expect(renderTerminal(gradeResult([]), { color: false })).toContain('There are no exercises to grade');
  });
});

describe('markdown collapses what repeats', () => {
  const stubMessage = 'Aún no implementado / Not implemented yet: attachReceipt';
  const stub = (key: string, n: number) => exerciseResult(key, Array.from({ length: n }, (_, i) => testResult(`${key} test ${i}`, { status: 'fail', score: 0, message: stubMessage })));

  test('exercises not started are one line, not a block per test', () => {
    const result = gradeResult([stub('01-a', 10), stub('02-b', 10), stub('03-c', 10), exerciseResult('04-d', [testResult('ok')])]);
    const text = markdown(result, 'comment');
    expect(text.split('Not implemented yet').length - 1).toBe(1);
    expect(text).toContain('⏳ **Not started (3):** 01-a, 02-b, 03-c. Their tests fail with the stub\'s "Not implemented yet"; start with the first one: `npm test -- 01`.');
    expect(text).not.toContain('<details>');
    expect(markdown({ ...result, lang: 'es' }, 'comment')).toContain('⏳ **Sin empezar (3):** 01-a, 02-b, 03-c.');
  });

  test('tests that fail with the same message show it once; a started exercise keeps its details', () => {
    const started = exerciseResult('05-e', [
      testResult('first', { status: 'fail', score: 0, message: 'the threads did not overlap' }),
      testResult('second', { status: 'fail', score: 0, message: 'the threads did not overlap' }),
      testResult('third', { status: 'fail', score: 0, message: 'ran in MainThread' }),
      testResult('fourth'),
    ]);
    const text = markdown(gradeResult([started]), 'comment');
    expect(text.split('the threads did not overlap').length - 1).toBe(1);
    expect(text).toContain('- ❌ first · second (2 tests, same message)');
    expect(text).toContain('- ❌ third\n');
  });
});
