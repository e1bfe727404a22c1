import { describe, expect, test } from 'vitest';
import { join } from 'node:path';
import { FIXTURE_COURSE } from '../test-support/course-builder.ts';
import { loadCourse, selectExercises } from './course.ts';
import { MetaError, validateMeta } from './meta.ts';

const FIXTURE = FIXTURE_COURSE;

const good = {
  id: '01', slug: 'add', title: { es: 'Sumar', en: 'Add' }, points: 10,
  hints: { es: ['a'], en: ['b'] },
};

function problemsOf(raw: unknown): string[] {
  try {
    validateMeta(raw, 'x/meta.json');
  } catch (error) {
    if (error instanceof MetaError) return error.problems;
    throw error;
  }
  return [];
}

describe('validateMeta', () => {
  test('fills defaults for the optional fields', () => {
    const meta = validateMeta(good, 'x/meta.json');
    expect(meta.files).toEqual(['exercise.ts']);
    expect(meta.timeLimit).toBe(20);
    expect(meta.hiddenFeedback).toBe('message');
    expect(meta.weights).toEqual({});
  });

  test('names the file and every bad field at once', () => {
    const bad = { ...good, points: 0, title: { es: 'x' }, files: ['../evil.ts'], hiddenFeedback: 'all' };
    let error: unknown;
    try {
      validateMeta(bad, 'exercises/01-add/meta.json');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(MetaError);
    const message = (error as MetaError).message;
    expect(message).toContain('exercises/01-add/meta.json');
    for (const field of ['"points"', '"title"', '"files"', '"hiddenFeedback"']) expect(message).toContain(field);
  });

  test('hints must have the same count in both languages', () => {
    expect(problemsOf({ ...good, hints: { es: ['a', 'b'], en: ['a'] } })[0]).toMatch(/"hints".*2.*1/);
  });

  test('a test file cannot be declared changeable', () => {
    expect(problemsOf({ ...good, files: ['exercise.test.ts'] })[0]).toMatch(/course material/);
  });

  test('testHints and testTitles: bilingual texts keyed by test name, empty by default', () => {
    const meta = validateMeta({ ...good, testHints: { 'adds two numbers': { es: 'suma', en: 'add' } } }, 'x/meta.json');
    expect(meta.testHints).toEqual({ 'adds two numbers': { es: 'suma', en: 'add' } });
    expect(meta.testTitles).toEqual({});
    expect(problemsOf({ ...good, testHints: ['a'] })[0]).toMatch(/"testHints": must be an object/);
    expect(problemsOf({ ...good, testTitles: { t: { es: 'x' } } })[0]).toMatch(/"testTitles": "t" must be .*both texts/);
  });

  test('not an object', () => {
    expect(problemsOf([1, 2])).toEqual(['the file must contain a JSON object']);
  });
});

describe('loadCourse', () => {
  test('discovers the fixture exercises with their visible and hidden tests', () => {
    const course = loadCourse(FIXTURE);
    expect(course.problems).toEqual([]);
    expect(course.exercises.map((ex) => ex.key)).toEqual(['01-add', '02-words', '03-sleepy']);
    const first = course.exercises[0]!;
    expect(first.visibleTests).toEqual(['exercise.test.ts']);
    expect(first.hidden).toEqual({ kind: 'plain', file: 'hidden.test.ts' });
  });

  test('a course without exercises/ is empty, not an error', () => {
    const course = loadCourse(join(FIXTURE, 'does-not-exist'));
    expect(course.exercises).toEqual([]);
  });

  test('selectExercises accepts ids with or without the leading zero, folders and slugs', () => {
    const { exercises } = loadCourse(FIXTURE);
    expect(selectExercises(exercises, ['2']).selected.map((ex) => ex.key)).toEqual(['02-words']);
    expect(selectExercises(exercises, ['01-add', 'sleepy']).selected.map((ex) => ex.key)).toEqual(['01-add', '03-sleepy']);
    expect(selectExercises(exercises, ['99']).unknown).toEqual(['99']);
  });
});
