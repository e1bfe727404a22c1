// A runtime call started without await (join(), acquire(), sleep(), a Manager proxy call...): the thread or
// task stays parked in it while the code goes on, and its next wait collides with it.
import { text, type Diagnosis } from '../diagnosis.ts';
import { ALREADY_WAITING, waitConflict } from './promise-all.ts';

/** The call to write with await, from the runtime's name of the first wait ("Thread.join() on Thread-1"). */
function awaited(call: string): string {
  if (/join\(\)/.test(call)) return 'await t.join()';
  if (/acquire\(\)/.test(call)) return 'await lock.acquire()';
  if (/sleep\(\)/.test(call)) return 'await sleep(s)';
  if (/\.get\(\)/.test(call)) return 'await q.get()';
  if (/\.put\(\)/.test(call)) return 'await q.put(x)';
  return `await ${call.replace(/ on .*$/, '')}`;
}

export const missingAwait: Diagnosis = {
  id: 'missing-await',
  diagnose(evidence) {
    const conflict = waitConflict(evidence);
    if (conflict === null) return null;
    const { error, where, combinator } = conflict;
    const match = ALREADY_WAITING.exec(error.message ?? '');
    if (match === null || combinator) return null;
    const [, who, first, second, kind] = match;
    const atOnce = kind === 'task'
      ? text(' Para que varias corrutinas corran a la vez, lánzalas como tareas: createTask(() => f(x)) o gather(() => f(a), () => f(b)).',
        ' To run several coroutines at once, make them tasks: createTask(() => f(x)) or gather(() => f(a), () => f(b)).')
      : text('', '');
    return {
      message: text(`Falta un await: ${who} seguía esperando en ${first}, una llamada sin await, cuando empezó otra espera en ${second}.`,
        `A missing await: ${who} was still waiting in ${first}, a call made without await, when it started another wait in ${second}.`),
      hint: text(`Pon await delante de cada llamada que espera (join(), acquire(), sleep(), get(), una corrutina, las llamadas a un proxy...): ${awaited(first ?? '')}.${atOnce.es}`,
        `Put await before every call that waits (join(), acquire(), sleep(), get(), a coroutine, calls on a proxy...): ${awaited(first ?? '')}.${atOnce.en}`),
      where,
    };
  },
};
