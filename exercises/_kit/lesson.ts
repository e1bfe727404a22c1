// A lesson check that names the mistake: an exercise test that recognises a mistake it was written for (a join
// inside the start loop, a swallowed error, a daemon flag...) fails with the mistake's stable id and a hint, as
// the diagnoses do (result.json `diagnosis` and `hint`; setup.ts leaves an error that carries an id alone).
// The ids are a closed list, so a typo is a type error and the vocabulary stays reviewable in one place.
import { say } from './lang.ts';

/** The mistakes lesson checks name, with what each means (ids share the diagnoses' form and, where the same, their id). */
export const LESSONS = {
  'missing-await': 'a call that waits (sleep, join, get, put, a proxy call, a coroutine) made without await',
  'missing-join': 'a thread or process never joined before its work is read or the function returns',
  'join-in-start-loop': 'each thread or process joined inside the loop that starts it: they never overlap',
  'not-started': 'a thread or process created but never started, or run() called instead of start()',
  'target-called': 'the target called in the creating thread instead of passed to Thread/Process',
  'args-not-list': 'args given a bare value (args: x) instead of a list (args: [x]): the thread spreads it into arguments',
  'work-in-wrong-thread': 'the work done by the wrong thread or process (the caller instead of the worker)',
  'error-swallowed': 'an error caught and dropped: the caller never learns that the work failed',
  'failure-not-isolated': "one task's or thread's error stops all the others, instead of being caught and recorded where it happened",
  'daemon-flag': 'a thread or process with the wrong daemon flag',
  'wrong-size': 'a Semaphore, Barrier or pool one larger or smaller than asked, or no bound where one was asked',
  'wrong-count': 'one item, sentinel or round too many or too few',
  'missing-signal': 'a wake-up never sent: a sentinel, taskDone(), set(), notify() or a future result',
  'missing-cancel': 'a task or timer left running instead of cancelled',
  'wrong-order': 'results in the wrong order (completion order instead of submission order, or the reverse)',
  'shared-state-lost': 'a plain variable where a shared Value, Array or Manager object was needed: the writes stay in the child',
  'lock-not-released': 'a lock left held (not released on every path) or not taken around the shared update',
  'missing-main-guard': 'code that starts processes at import time, outside the main guard',
  'not-concurrent': 'work that should overlap done one after another',
  'blocking-on-loop': "a blocking call made on the event loop's thread instead of in a worker thread (toThread, runInExecutor)",
  'waits-for-all': 'a wait meant to end at the first result or error (FIRST_COMPLETED, FIRST_EXCEPTION) that waits for all of them (ALL_COMPLETED)',
} as const satisfies Record<string, string>;

export type LessonId = keyof typeof LESSONS;

/** The failure of a lesson check: its message in the course language, its id and hint for the report. */
export class LessonFailure extends Error {
  override name = 'LessonFailure';
  readonly diagnosis: LessonId;
  readonly hint: string | null;

  constructor(id: LessonId, message: string, hint: string | null = null) {
    super(message);
    this.diagnosis = id;
    this.hint = hint;
  }
}

/** Fails the test with the mistake `id`: `message` and `hint` are [es, en] pairs, shown in the course language. */
export function failLesson(id: LessonId, message: readonly [string, string], hint?: readonly [string, string]): never {
  throw new LessonFailure(id, say(message[0], message[1]), hint === undefined ? null : say(hint[0], hint[1]));
}

/** Fails with `id` unless `ok`: the lesson check's assertion form. */
export function expectLesson(ok: boolean, id: LessonId, message: readonly [string, string], hint?: readonly [string, string]): void {
  if (!ok) failLesson(id, message, hint);
}
