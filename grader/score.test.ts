import { describe, expect, test } from 'vitest';
import { loadCourse } from './model/course.ts';
import type { CaseEvent } from './run/channel.ts';
import type { RawExercise } from './run/engine.ts';
import { hiddenMessage, teachingMessage, scoreExercise } from './score.ts';
import { FIXTURE_COURSE } from './test-support/course-builder.ts';

const course = loadCourse(FIXTURE_COURSE);
const add = course.exercises[0]!;

function event(name: string, state: CaseEvent['state'], errors: string[] = []): CaseEvent {
  return { type: 'case', file: 'f', name, fullName: name, state, errors, duration: 5, output: '' };
}

function raw(visible: CaseEvent[], hidden: CaseEvent[] = []): RawExercise {
  return {
    key: add.key,
    files: [
      { visibility: 'visible', name: 'exercise.test.ts', moduleErrors: [], cases: visible, canaryOk: true },
      ...(hidden.length > 0 ? [{ visibility: 'hidden' as const, name: 'hidden.test.ts', moduleErrors: [], cases: hidden, canaryOk: true }] : []),
    ],
  };
}

describe('scoreExercise', () => {
  test('points split by weight ("adds negatives" weighs 2), partial credit', () => {
    const result = scoreExercise({
      exercise: add, lang: 'en', gate: [],
      raw: raw([event('adds small numbers', 'passed'), event('adds negatives', 'passed')], [event('adds zero', 'failed', ['zero: expected 8 to be 7']), event('adds large numbers', 'passed')]),
    });
    expect(result.tests.map((t) => t.max_score)).toEqual([2, 4, 2, 2]);
    expect(result.score).toBe(8);
    expect(result.status).toBe('fail');
    expect(result.hint).toBe('Use the + operator.');
    expect(result.tests[2]?.message).toBe('zero');
  });

  test('a test title from meta.json testTitles in the run\'s language; the name stays the id', () => {
    const titled = { ...add, meta: { ...add.meta, testTitles: { 'adds zero': { es: 'suma cero', en: 'adds the number zero' } } } };
    const ev = { ...event('adds zero', 'failed', ['x']), fullName: 'add > adds zero' };
    const es = scoreExercise({ exercise: titled, lang: 'es', gate: [], raw: raw([ev, event('adds negatives', 'passed')]) });
    expect(es.tests[0]).toMatchObject({ id: 'add > adds zero', name: 'add > suma cero' });
    expect(es.tests[1]).toMatchObject({ id: 'adds negatives', name: 'adds negatives' });
    const en = scoreExercise({ exercise: titled, lang: 'en', gate: [], raw: raw([ev]) });
    expect(en.tests[0]).toMatchObject({ id: 'add > adds zero', name: 'add > adds the number zero' });
  });

  test("a failure's diagnosis and hint go into the result; a pass carries none; student text is sanitised", () => {
    const diagnosed = { ...event('adds zero', 'failed', ['Falta un await']), diagnosis: 'missing-await', hint: 'Pon await\u0007 ::set-output x' };
    const passing = { ...event('adds small numbers', 'passed'), diagnosis: 'missing-await', hint: 'stale' };
    const result = scoreExercise({ exercise: add, lang: 'es', gate: [], raw: raw([passing, diagnosed]) });
    expect(result.tests.map((t) => [t.diagnosis, t.hint])).toEqual([[null, null], ['missing-await', 'Pon await :\u200b:set-output x']]);
  });

  test("a recognised mistake's advice is the failure's hint; the test's own hint (testHints) when none is recognised", () => {
    const hinted = { ...add, meta: { ...add.meta, testHints: { 'adds zero': { es: 'prueba con 0', en: 'try 0' }, 'adds negatives': { es: 'prueba con -1', en: 'try -1' } } } };
    const diagnosed = { ...event('adds zero', 'failed', ['Falta un await']), diagnosis: 'missing-await', hint: 'Pon await delante' };
    const plain = event('adds negatives', 'failed', ['-1 + -1 should be -2']);
    const result = scoreExercise({ exercise: hinted, lang: 'es', gate: [], raw: raw([diagnosed, plain]) });
    expect(result.tests.map((t) => t.hint)).toEqual(['Pon await delante', 'prueba con -1']);
  });

  test('full marks are exactly the points, even with thirds', () => {
    const result = scoreExercise({ exercise: add, lang: 'en', gate: [], raw: raw([event('adds small numbers', 'passed'), event('adds negatives', 'passed'), event('x', 'passed')]) });
    expect(result).toMatchObject({ status: 'pass', score: 10, hint: null });
  });

  test('sealed hidden tests not run here keep their share of the points out of reach', () => {
    const result = scoreExercise({
      exercise: add, lang: 'en', gate: [], pendingHidden: { tests: 2, weight: 2 },
      raw: raw([event('adds small numbers', 'passed'), event('adds negatives', 'passed')]),
    });
    expect(result).toMatchObject({ status: 'fail', score: 6, max_score: 10, hidden: { total: 2, passed: 0, pending: 2 } });
  });

  test('skipped tests are an error, not a pass', () => {
    const result = scoreExercise({ exercise: add, lang: 'en', gate: [], raw: raw([event('adds small numbers', 'passed'), event('adds negatives', 'skipped')]) });
    expect(result).toMatchObject({ status: 'error', score: 0, error: { kind: 'skipped' } });
  });

  test('zero tests is an error', () => {
    const result = scoreExercise({ exercise: add, lang: 'es', gate: [], raw: raw([]) });
    expect(result).toMatchObject({ status: 'error', error: { kind: 'no-tests' } });
    expect(result.error?.message).toMatch(/no se ejecutó ningún test/);
  });

  test('a module that fails to load explains itself once', () => {
    const broken: RawExercise = { key: add.key, files: [{ visibility: 'visible', name: 'exercise.test.ts', moduleErrors: ['Error: boom at import'], cases: [], canaryOk: true }] };
    const result = scoreExercise({ exercise: add, lang: 'en', gate: [], raw: broken });
    expect(result).toMatchObject({ status: 'error', tests: [], error: { kind: 'load' } });
    expect(result.error?.message).toContain('boom at import');
  });

  test('a canary that did not fail means tampering', () => {
    const tampered = raw([event('adds small numbers', 'passed')]);
    tampered.files[0]!.canaryOk = false;
    expect(scoreExercise({ exercise: add, lang: 'en', gate: [], raw: tampered }).error?.kind).toBe('integrity');
  });
});

describe('hiddenMessage', () => {
  test('keeps the teaching sentence, drops expected values', () => {
    expect(hiddenMessage(['order matters: expected [ 1, 2 ] to deeply equal [ 2, 1 ]'], 'message', 'en')).toBe('order matters');
    expect(hiddenMessage(['expected 1 to be 2 // Object.is equality'], 'message', 'en')).toBe('failed (hidden test)');
    // Visible tests: the teaching sentence instead of vitest's expected/received text; without one, vitest's text.
    expect(teachingMessage('three waits overlap: 0.5 s, not 1.5 s: expected 1.5 to be 0.5 // Object.is equality\n- Expected\n+ Received\n\n- 0.5\n+ 1.5'))
      .toBe('three waits overlap: 0.5 s, not 1.5 s');
    expect(teachingMessage('expected 1 to be 2 // Object.is equality')).toBe('expected 1 to be 2 // Object.is equality');
    const lines = "one line per student: expected [ 'A' ] to deeply equal [ 'A', 'B' ]\n- Expected\n+ Received";
    expect(teachingMessage(lines)).toBe(lines);
    expect(teachingMessage('El trabajo se ejecutó en MainThread\n  exercise.ts:20  │ code')).toBe('El trabajo se ejecutó en MainThread\n  exercise.ts:20  │ code');
    expect(hiddenMessage(['TypeError: x is not a function'], 'message', 'en')).toBe('TypeError: x is not a function');
    expect(hiddenMessage(['order matters: expected 1'], 'name-only', 'es')).toBe('falló (test oculto)');
  });
});
