// Promise.all (or race/allSettled/any) over runtime calls: every call parks the same thread or task, which
// waits for one thing at a time. Told apart from a forgotten await by the student's line.
import { codeAt, findError, studentFrames, text, type Diagnosis, type Evidence, type ErrorLike, type SourceLine } from '../diagnosis.ts';

export const ALREADY_WAITING = /^(.+?) is already waiting \(in (.+?)\) and cannot also wait in (.+?): a (thread|task) waits/;
const ASYNCIO_ONE_AWAITABLE = /A task can wait for only one runtime awaitable at a time/;
const PROMISE_COMBINATOR = /Promise\s*\.\s*(all|race|allSettled|any)\s*\(/;

/**
 * The "already waiting" conflict (or asyncio's one-awaitable error) and the student's line: the outermost of
 * the student's frames that led synchronously to the second wait, where the unawaited calls were made (a
 * `steps.map((s) => work(s))` rather than the sleep inside work); a frame using Promise.all wins.
 */
export function waitConflict(evidence: Evidence): { error: ErrorLike; where: SourceLine | null; combinator: boolean } | null {
  const error = findError(evidence, ALREADY_WAITING) ?? findError(evidence, ASYNCIO_ONE_AWAITABLE) ?? refusedInThread(evidence);
  if (error === undefined) return null;
  const frames = studentFrames(error.stack);
  const combined = frames.find((frame) => usesPromiseCombinator(frame));
  return { error, where: combined ?? frames.at(-1) ?? null, combinator: combined !== undefined };
}

/**
 * A conflict raised where the test could not see it: inside a thread or task, in the Promise of a call made
 * without await (`void sleep(1)` twice). The runtime reports it to the kit (evidence.unawaited).
 */
function refusedInThread(evidence: Evidence): ErrorLike | undefined {
  const refused = (evidence.unawaited ?? []).find((wait) => wait.kind === 'refused' && wait.error !== undefined
    && ALREADY_WAITING.test(wait.error.message) && studentFrames(wait.stack ?? wait.error.stack).length > 0);
  if (refused?.error === undefined) return undefined;
  // The stack of the call still pending (the one without await), not of the second call that collided with it.
  return { name: 'RuntimeError', message: refused.error.message, stack: refused.stack ?? refused.error.stack };
}

/** Whether the student's line (or one of the three before it: a call split over lines) uses Promise.all & co. */
export function usesPromiseCombinator(where: SourceLine | null): boolean {
  if (where === null) return false;
  for (let line = where.line; line >= Math.max(1, where.line - 3); line--) {
    if (PROMISE_COMBINATOR.test((line === where.line ? where.code : codeAt(where.path, line)) ?? '')) return true;
  }
  return false;
}

export const promiseAll: Diagnosis = {
  id: 'promise-all',
  diagnose(evidence) {
    const conflict = waitConflict(evidence);
    if (conflict === null) return null;
    const { error, where, combinator } = conflict;
    const asyncio = ASYNCIO_ONE_AWAITABLE.test(error.message ?? '');
    if (!asyncio && !combinator) return null;
    const [, who = '', first = '', second = '', kind = 'task'] = ALREADY_WAITING.exec(error.message ?? '') ?? [];
    const clash = who === '' ? text('', '') : text(` (${who} ya esperaba en ${first} y no puede esperar también en ${second})`,
      ` (${who} was already waiting in ${first} and cannot also wait in ${second})`);
    return {
      message: text(`Promise.all sobre llamadas del runtime: todas esperan en el mismo ${kind === 'thread' ? 'hilo' : 'hilo o tarea'}, que espera una sola cosa a la vez${clash.es}.`,
        `Promise.all over runtime calls: they all wait in the same ${kind === 'thread' ? 'thread' : 'thread or task'}, which waits for one thing at a time${clash.en}.`),
      hint: kind === 'thread' && /join\(\)/.test(first)
        ? text('Para esperar a varios hilos, haz await de cada join() uno detrás de otro: for (const t of threads) await t.join().',
          'To wait for several threads, await each join() one after another: for (const t of threads) await t.join().')
        : kind === 'thread'
        ? text('Dentro de un hilo, haz await de cada llamada una detrás de otra: for (const x of items) await f(x). Para trabajar a la vez, usa varios hilos.',
          'Inside a thread, await each call one after another: for (const x of items) await f(x). To work at the same time, use several threads.')
        : text('Para correr corrutinas a la vez usa gather(() => f(a), () => f(b)) o createTask(() => f(a)), no Promise.all.',
          'To run coroutines at once use gather(() => f(a), () => f(b)) or createTask(() => f(a)), not Promise.all.'),
      where,
    };
  },
};
