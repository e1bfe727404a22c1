// join() on a thread or process that was never started (or start() called twice): the two phases of the
// unit, "start them all, then join them all", got mixed up.
import { findError, studentLine, text, type Diagnosis } from '../diagnosis.ts';

const NOT_STARTED = /cannot join thread before it is started|can only join a started process/;
const TWICE = /threads can only be started once|cannot start a process twice/;

export const notStarted: Diagnosis = {
  id: 'not-started',
  diagnose(evidence) {
    const never = findError(evidence, NOT_STARTED);
    const twice = never === undefined ? findError(evidence, TWICE) : undefined;
    const error = never ?? twice;
    if (error === undefined) return null;
    const what = /process/.test(error.message ?? '') ? text('proceso', 'process') : text('hilo', 'thread');
    return never !== undefined
      ? {
        message: text(`join() de un ${what.es} que nunca se arrancó: join() espera a que termine, y un ${what.es} sin start() no empieza nunca.`,
          `join() on a ${what.en} that was never started: join() waits for it to end, and a ${what.en} without start() never begins.`),
        hint: text('Primero arranca todos (start()), después espera a cada uno (await join()).',
          'First start them all (start()), then wait for each one (await join()).'),
        where: studentLine(error.stack),
      }
      : {
        message: text(`start() se llamó dos veces sobre el mismo ${what.es}: cada uno se arranca una sola vez.`,
          `start() was called twice on the same ${what.en}: each one is started exactly once.`),
        hint: text('Crea un objeto nuevo por trabajo, o quita el segundo start().', 'Create a new object per job, or drop the second start().'),
        where: studentLine(error.stack),
      };
  },
};
