// The "did the code wait" lesson checks: each names its mistake only on evidence that cannot be luck, and stays
// silent when the lifecycle or the value is right.
import { expect, test } from 'vitest';
import { expectNoPromise, expectWaitedFor, isPromiseLike, LessonFailure, nameManagerMistake } from '../../exercises/_kit/index.ts';
import type { LifecycleEvent } from '#runtime/testing';

function diagnosisOf(fn: () => void): string | null {
  try {
    fn();
    return null;
  } catch (error) {
    if (error instanceof LessonFailure) return error.diagnosis;
    throw error;
  }
}

const ev = (kind: 'start' | 'join', name: string): LifecycleEvent => ({ kind, what: 'Process', name });

test('a Promise, or a Promise one level inside an object, array or Map, is a missing await', () => {
  const pending = Promise.resolve(1);
  expect(isPromiseLike(pending)).toBe(true);
  expect(isPromiseLike({ then: () => undefined })).toBe(true);
  expect(isPromiseLike({ value: 1 })).toBe(false);
  for (const value of [pending, [1, pending], { d: new Map(), l: pending }, new Map([['a', pending]])]) {
    expect(diagnosisOf(() => expectNoPromise(value, ['x', 'x'], 'await x()'))).toBe('missing-await');
  }
  for (const value of [[1, 2], { d: new Map(), l: [] }, new Map([['a', 1]]), null, 3, 'text']) {
    expect(diagnosisOf(() => expectNoPromise(value, ['x', 'x'], 'await x()'))).toBeNull();
  }
});

test('a start without a join is a missing join; a joined child alive at return is a join without await', () => {
  expect(diagnosisOf(() => expectWaitedFor([ev('start', 'P-1'), ev('start', 'P-2'), ev('join', 'P-1')], 'Process', 'f', []))).toBe('missing-join');
  expect(diagnosisOf(() => expectWaitedFor([ev('start', 'P-1'), ev('join', 'P-1')], 'Process', 'f', ['P-1']))).toBe('missing-await');
  expect(diagnosisOf(() => expectWaitedFor([ev('start', 'P-1'), ev('join', 'P-1')], 'Process', 'f', []))).toBeNull();
  // Another kind, or a child the function never started, is not its business.
  expect(diagnosisOf(() => expectWaitedFor([ev('start', 'P-1')], 'Thread', 'f', []))).toBeNull();
  expect(diagnosisOf(() => expectWaitedFor([], 'Process', 'f', ['SyncManager-1']))).toBeNull();
});

test('a Manager mistake is named from its TypeError; any other error is left alone', () => {
  expect(diagnosisOf(() => nameManagerMistake(new TypeError('Object is not disposable.'), 'f'))).toBe('missing-await');
  expect(diagnosisOf(() => nameManagerMistake(new TypeError('totals.copy is not a function'), 'f'))).toBe('shared-state-lost');
  expect(diagnosisOf(() => nameManagerMistake(new TypeError('x is not iterable'), 'f'))).toBeNull();
  expect(diagnosisOf(() => nameManagerMistake(new RangeError('Object is not disposable.'), 'f'))).toBeNull();
});
