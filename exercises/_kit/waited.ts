// Lesson checks for "did the code wait for what it started": a test whose result came out wrong asks these
// which wait was missing, from evidence that cannot be luck. A value that is a Promise was never awaited; a
// thread or process started and never joined was not waited for; one joined but still alive when the function
// returned had its join() called without await (an awaited join() returns only once the child has exited, and
// a child's exit is noticed in a later turn of the event loop, never between a function's last read and its
// return). Called once the result is known to be wrong, or where the function must join everything it starts
// before it returns: a correct solution never fails them, whatever the timing.
import type { LifecycleEvent } from '#runtime/testing';
import { failLesson } from './lesson.ts';

/** True for a Promise or any thenable: what a call returns when its result is used without await. */
export function isPromiseLike(value: unknown): boolean {
  return (typeof value === 'object' || typeof value === 'function') && value !== null
    && typeof (value as { then?: unknown }).then === 'function';
}

/**
 * Fails with `missing-await` when `value`, or one of its own fields or items (one level down), is a Promise:
 * `what` names the value in the student's terms ([es, en], e.g. "la lista que devuelve runSeedExample") and
 * `call` the call to await (e.g. "await l.copy()").
 */
export function expectNoPromise(value: unknown, what: readonly [string, string], call: string): void {
  const inside = isPromiseLike(value) ? [value]
    : value instanceof Map ? [...value.values()]
    : Array.isArray(value) ? value
    : typeof value === 'object' && value !== null ? Object.values(value) : [];
  if (!inside.some(isPromiseLike)) return;
  failLesson('missing-await', [
    `${what[0]} es una promesa (Promise), no el valor: falta un await. Escribe ${call} antes de usar o devolver el resultado`,
    `${what[1]} is a Promise, not the value: an await is missing. Write ${call} before using or returning the result`,
  ], [
    `Una llamada que espera (copy(), get(), recv(), wait(), mp.Manager()...) devuelve una promesa: ${call}.`,
    `A call that waits (copy(), get(), recv(), wait(), mp.Manager()...) returns a Promise: ${call}.`,
  ]);
}

/**
 * After `fn` returned a wrong result: fails with `missing-join` when a thread or process it started was never
 * joined, or with `missing-await` when it was joined but still alive as `fn` returned (its join() not awaited).
 * `alive` are the names still running right after `fn` returned. Does nothing when the lifecycle looks right.
 */
export function expectWaitedFor(
  events: readonly LifecycleEvent[],
  what: LifecycleEvent['what'],
  fn: string,
  alive: readonly string[],
): void {
  const started = events.filter((e) => e.what === what && e.kind === 'start').map((e) => e.name);
  const joined = new Set(events.filter((e) => e.what === what && e.kind === 'join').map((e) => e.name));
  const [es, en] = what === 'Thread' ? ['hilo', 'thread'] : ['proceso', 'process'];
  const unjoined = started.find((name) => !joined.has(name));
  if (unjoined !== undefined) {
    failLesson('missing-join', [
      `${fn} terminó sin esperar al ${es} ${unjoined}: nunca llamó a su join(), así que leyó el resultado antes de que el ${es} acabara. Espera a cada ${es} (await p.join()) antes de leer lo que escribió`,
      `${fn} ended without waiting for ${en} ${unjoined}: it never called its join(), so it read the result before the ${en} finished. Wait for every ${en} (await p.join()) before reading what it wrote`,
    ], [
      `Arranca todos y después: for (const p of ${what === 'Thread' ? 'threads' : 'processes'}) await p.join(); y solo entonces lee los resultados.`,
      `Start them all, then: for (const p of ${what === 'Thread' ? 'threads' : 'processes'}) await p.join(); and only then read the results.`,
    ]);
  }
  const early = started.find((name) => alive.includes(name));
  if (early !== undefined) {
    failLesson('missing-await', [
      `${fn} llamó a join() de ${early} pero no esperó: el ${es} seguía vivo cuando ${fn} terminó. Escribe await delante: await p.join()`,
      `${fn} called join() on ${early} but did not wait: the ${en} was still alive when ${fn} returned. Put await before it: await p.join()`,
    ], [
      'join() devuelve una promesa: sin await, la función sigue sin esperar. Escribe await p.join().',
      'join() returns a Promise: without await, the function goes on without waiting. Write await p.join().',
    ]);
  }
}

/**
 * For an error thrown by a function that uses a Manager: fails with the mistake's id when the error shows one,
 * else returns (rethrow it). `await using` given a Promise ("not disposable") is mp.Manager() without await; a
 * proxy method that does not exist (`d.copy is not a function`) is a plain Map or array in place of a proxy.
 */
export function nameManagerMistake(error: unknown, fn: string): void {
  if (!(error instanceof TypeError)) return;
  if (/not disposable/i.test(error.message)) {
    failLesson('missing-await', [
      `${fn}: \`await using\` recibió una promesa en vez del Manager (${error.message}): mp.Manager() arranca el proceso servidor y hay que esperarlo. Escribe await using manager = await mp.Manager()`,
      `${fn}: \`await using\` got a Promise instead of the Manager (${error.message}): mp.Manager() starts the server process and must be awaited. Write await using manager = await mp.Manager()`,
    ], [
      'await using manager = await mp.Manager(); (los dos await: uno espera al Manager, el otro lo cierra al salir del bloque).',
      'await using manager = await mp.Manager(); (both awaits: one waits for the Manager, the other shuts it down when the block ends).',
    ]);
  }
  const missing = /(\w+)\.(copy|len|set|get|append|reverse|keys|values|items) is not a function/.exec(error.message);
  if (missing !== null) {
    const [, name, method] = missing;
    failLesson('shared-state-lost', [
      `${fn}: ${name} no es un proxy del Manager (${name}.${method} no existe): es un Map o un array normal, y cada hijo recibe una copia y escribe en ella. Créalo en el Manager: manager.dict() o manager.list(...)`,
      `${fn}: ${name} is not a Manager proxy (${name}.${method} does not exist): it is a plain Map or array, and each child gets a copy and writes into it. Create it in the Manager: manager.dict() or manager.list(...)`,
    ], [
      'Los datos que comparten los procesos viven en el servidor del Manager: const d = manager.dict(); const l = manager.list([...]); y se leen con await d.copy().',
      'The data the processes share lives in the Manager\'s server: const d = manager.dict(); const l = manager.list([...]); read back with await d.copy().',
    ]);
  }
}
