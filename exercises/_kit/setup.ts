// The grader's vitest setup file for exercise tests: names each failing test's mistake. Around every test it
// collects the tracebacks of child processes that die, the runtime calls made without await and the starts and
// joins of threads and processes; when the test fails, the first diagnosis that recognises
// the evidence replaces the raw error with the student's terms, in the course language, and records its id and
// hint on the error (`diagnosis`, `hint`), which the grader's reporter carries to result.json.
import { beforeEach } from 'vitest';
import { onLifecycle, tapChildOutput, tapUnawaitedWaits } from '#runtime/testing';
import type { ChildTraceback, ErrorLike, LifecycleStep, UnawaitedWait } from './diagnosis.ts';
import { explain } from './explain.ts';
import { courseLang } from './lang.ts';

const TRACEBACK = 'Traceback (most recent call last):';

beforeEach((context) => {
  const tracebacks: ChildTraceback[] = [];
  const unawaited: UnawaitedWait[] = [];
  const lifecycle: LifecycleStep[] = [];
  const stops = [
    tapChildOutput((chunk) => {
      if (chunk.stream === 'stderr' && chunk.text.includes(TRACEBACK)) tracebacks.push({ process: chunk.processName, text: chunk.text });
    }),
    // A few of each are enough to name a mistake; a loop making one on every turn must not grow without end.
    tapUnawaitedWaits((wait) => void (unawaited.length < 20 && unawaited.push(wait))),
    onLifecycle((event) => void (lifecycle.length < 1000 && lifecycle.push({ ...event }))),
  ];
  context.onTestFinished(() => {
    for (const stop of stops) stop();
  });
  context.onTestFailed(({ task }) => {
    const errors = task.result?.errors as ErrorLike[] | undefined;
    if (errors === undefined || errors.length === 0) return;
    // Already named by the isolation boundary (isolation.ts: a hang or a deadlock at the test's deadline).
    if (errors.some((error) => typeof error.diagnosis === 'string')) return;
    const explanation = explain({ errors, tracebacks, unawaited, lifecycle }, courseLang());
    if (explanation === null) return;
    errors.splice(0, errors.length, {
      name: 'Error',
      message: explanation.message,
      stack: '',
      diagnosis: explanation.id,
      hint: explanation.hint,
    });
  });
});
