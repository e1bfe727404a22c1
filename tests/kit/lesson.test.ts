// Lesson checks name the mistake: the error a lesson check throws carries its id and hint through vitest's
// serialisation (what the grader's reporter reads), in the course language.
import { processError } from '@vitest/utils/error';
import { afterEach, expect, test } from 'vitest';
import { expectLesson, failLesson, LESSONS, LessonFailure } from '../../exercises/_kit/index.ts';

const saved = process.env['COURSE_LANG'];
afterEach(() => {
  if (saved === undefined) delete process.env['COURSE_LANG'];
  else process.env['COURSE_LANG'] = saved;
});

test('every lesson id has the diagnoses\' form and says what it means', () => {
  for (const [id, meaning] of Object.entries(LESSONS)) {
    expect(id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
    expect(meaning.length).toBeGreaterThan(20);
  }
});

test('a failed lesson check carries its id, message and hint through serialisation, in the course language', () => {
  for (const [lang, message, hint] of [['es', 'se tragó el error', 'vuelve a lanzarlo'], ['en', 'the error was swallowed', 'raise it again']] as const) {
    process.env['COURSE_LANG'] = lang;
    let thrown: unknown;
    try {
      failLesson('error-swallowed', ['se tragó el error', 'the error was swallowed'], ['vuelve a lanzarlo', 'raise it again']);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(LessonFailure);
    const serialised = processError(thrown) as { message: string; diagnosis: string; hint: string };
    expect(serialised).toMatchObject({ message, diagnosis: 'error-swallowed', hint });
  }
});

test('expectLesson passes when the check holds and fails with the id when it does not', () => {
  expect(() => expectLesson(true, 'missing-join', ['a', 'b'])).not.toThrow();
  expect(() => expectLesson(false, 'missing-join', ['a', 'b'])).toThrow(LessonFailure);
});
