// A runtime call started without await (join(), acquire(), sleep(), a Manager proxy call...): the thread or
// task stays parked in it while the code goes on, and its next wait collides with it, or it ends with the call
// still pending. Both are seen in the test's own errors or, when raised inside a thread or task where the test
// cannot see them, in the runtime's report of unawaited waits (evidence.unawaited).
import { studentFrames, studentLine, text, type Diagnosis, type Evidence, type Finding, type SourceLine } from '../diagnosis.ts';
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

/**
 * The fix written on the student's own line when that line is a bare call (`void this.store(receipt);` ->
 * `await this.store(receipt)`), else the runtime call to await.
 */
function fixFor(where: SourceLine | null, call: string): string {
  const code = where?.code ?? '';
  const bare = /^(?:void\s+)?((?:this\.)?[\w$]+(?:\.[\w$]+)*\(.*\));?$/.exec(code);
  return bare === null || /^await\b/.test(code) ? awaited(call) : `await ${bare[1]}`;
}

/** A thread or task that ended while a call it made was still waiting: that call's Promise was dropped. */
function endedWaiting(evidence: Evidence): Finding | null {
  for (const wait of evidence.unawaited ?? []) {
    if (wait.kind !== 'ended') continue;
    const where = studentFrames(wait.stack ?? undefined).at(-1) ?? studentLine(wait.site ?? undefined);
    if (where === null) continue; // only the student's own calls: never blame the test's code
    return {
      message: text(`Falta un await: ${wait.who} terminó mientras seguía esperando en ${wait.what}, una llamada hecha sin await; la espera no ocurrió.`,
        `A missing await: ${wait.who} ended while still waiting in ${wait.what}, a call made without await; the wait never happened.`),
      hint: text(`Pon await delante de cada llamada que espera: ${fixFor(where, wait.what)}. Sin await, la función sigue sin esperar.`,
        `Put await before every call that waits: ${fixFor(where, wait.what)}. Without await, the function goes on without waiting.`),
      where,
    };
  }
  return null;
}

export const missingAwait: Diagnosis = {
  id: 'missing-await',
  diagnose(evidence) {
    const conflict = waitConflict(evidence);
    if (conflict === null) return endedWaiting(evidence);
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
      hint: text(`Pon await delante de cada llamada que espera (join(), acquire(), sleep(), get(), una corrutina, las llamadas a un proxy...): ${fixFor(where, first ?? '')}.${atOnce.es}`,
        `Put await before every call that waits (join(), acquire(), sleep(), get(), a coroutine, calls on a proxy...): ${fixFor(where, first ?? '')}.${atOnce.en}`),
      where,
    };
  },
};
