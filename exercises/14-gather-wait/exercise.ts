// Ejercicio 14 · gather, waitFor y wait / Exercise 14. Lee README.md (es) o README.en.md (en).
// Puedes importar lo que necesites / import what you need, e.g.:
//   import { createTask, FIRST_COMPLETED, gather, TimeoutError, wait, waitFor } from '#runtime/asyncio';

export type Outcome =
  | { id: string; ok: true; value: string }
  | { id: string; ok: false; error: Error };

export type DeadlineResult<T> = { status: 'done'; value: T } | { status: 'timeout' };

function notImplemented(what: string): Error {
  return new Error(`Aún no implementado / Not implemented yet: ${what}`);
}

/** Validates every receipt at once; one Outcome per id, in the order of ids, errors kept. */
export async function validateAll(
  ids: readonly string[],
  validate: (id: string) => Promise<string>,
): Promise<Outcome[]> {
  void ids;
  void validate;
  throw notImplemented('validateAll');
}

/** Runs operation with a deadline; on timeout it is cancelled and cleaned up before this returns. */
export async function withDeadline<T>(operation: () => Promise<T>, seconds: number): Promise<DeadlineResult<T>> {
  void operation;
  void seconds;
  throw notImplemented('withDeadline');
}

/** The value of the first mirror upload that succeeds; the others are cancelled and awaited. */
export async function fastestMirror(mirrors: readonly (() => Promise<string>)[]): Promise<string> {
  void mirrors;
  throw notImplemented('fastestMirror');
}
