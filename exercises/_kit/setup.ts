// The grader's vitest setup file for exercise tests: names each failing test's mistake. Around every test it
// collects the tracebacks of child processes that die; when the test fails, the first diagnosis that recognises
// the evidence replaces the raw error with the student's terms, in the course language, and records its id and
// hint on the error (`diagnosis`, `hint`), which the grader's reporter carries to result.json.
import { beforeEach } from 'vitest';
import { tapChildOutput } from '#runtime/testing';
import type { ChildTraceback, ErrorLike } from './diagnosis.ts';
import { explain } from './explain.ts';
import { courseLang } from './lang.ts';

const TRACEBACK = 'Traceback (most recent call last):';

beforeEach((context) => {
  const tracebacks: ChildTraceback[] = [];
  const stop = tapChildOutput((chunk) => {
    if (chunk.stream === 'stderr' && chunk.text.includes(TRACEBACK)) tracebacks.push({ process: chunk.processName, text: chunk.text });
  });
  context.onTestFinished(() => {
    stop();
  });
  context.onTestFailed(({ task }) => {
    const errors = task.result?.errors as ErrorLike[] | undefined;
    if (errors === undefined || errors.length === 0) return;
    const explanation = explain({ errors, tracebacks }, courseLang());
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
