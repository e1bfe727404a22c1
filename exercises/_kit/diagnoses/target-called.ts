// `new Thread({ target: worker(x) })`: the work was called right away, in the creating thread, and the thread
// got its result (a Promise) instead of the function. The runtime names the cause when the creating thread
// next waits ("... whose Promise became Thread-1's target (exercise.ts:20)") or when the thread runs.
import { findError, studentLine, text, type Diagnosis } from '../diagnosis.ts';

export const targetCalled: Diagnosis = {
  id: 'target-called',
  diagnose(evidence) {
    const error = findError(evidence, /whose Promise became \S+'s target|target got the result of calling the function/);
    if (error === undefined) return null;
    const message = error.message ?? '';
    const thread = /^(\S+) cannot wait in/.exec(message)?.[1] ?? 'MainThread';
    return {
      message: text(
        `El trabajo se ejecutó en ${thread}, no en un hilo nuevo: target: worker(x) llama a worker en ese momento y le da al hilo su resultado (una Promise) en vez de la función.`,
        `The work ran in ${thread}, not in a new thread: target: worker(x) calls worker right then and hands the thread its result (a Promise) instead of the function.`),
      hint: text('Pasa la función y sus argumentos por separado: new Thread({ target: worker, args: [x] }).',
        'Pass the function and its arguments apart: new Thread({ target: worker, args: [x] }).'),
      // The site named in the message is the `new Thread(...)` line; the stack is where the next wait failed.
      where: studentLine(message, error.stack),
    };
  },
};
