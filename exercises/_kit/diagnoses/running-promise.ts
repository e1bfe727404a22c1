// gather()/createTask()/run() got a Promise that is already running (the coroutine was called while writing
// the list) instead of a function that starts it. The runtime's message carries the thunk form of the
// student's own argument.
import { findError, studentLine, text, type Diagnosis } from '../diagnosis.ts';

// The suggestion runs to the end of the line, or to the closing quote when a test quoted the message.
const RUNNING = /(\w+)\(\) got a Promise that is already running; pass a function instead: ([^"\n]+?)(?:, or for a list ([^"\n]+?))?(?:"|$)/m;

export const runningPromise: Diagnosis = {
  id: 'running-promise',
  diagnose(evidence) {
    const error = findError(evidence, RUNNING);
    if (error === undefined) return null;
    const [, api = 'gather', suggestion = '', forList] = RUNNING.exec(error.message ?? '') ?? [];
    const example = forList === undefined ? suggestion : `${suggestion} (${forList})`;
    return {
      message: text(`${api}() recibió una Promise que ya estaba en marcha: al escribir la llamada ya ejecutaste la corrutina, así que ${api} no puede decidir cuándo empieza ni cancelarla.`,
        `${api}() got a Promise that was already running: writing the call already ran the coroutine, so ${api} can neither decide when it starts nor cancel it.`),
      hint: text(`Pásale una función que la inicie: ${example}.`, `Pass it a function that starts it: ${example}.`),
      where: studentLine(error.stack),
    };
  },
};
