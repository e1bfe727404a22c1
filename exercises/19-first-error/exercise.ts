// Ejercicio 19 · El primer error / Exercise 19 · The first error.
// Lee README.md (es) o README.en.md (en). / Read README.md (es) or README.en.md (en).
// Puedes importar lo que necesites / import what you need, e.g.:
//   import { createTask, FIRST_EXCEPTION, gather, wait } from '#runtime/asyncio';
import type { Task } from '#runtime/asyncio';

function notImplemented(what: string): Error {
  return new Error(`Aún no implementado / Not implemented yet: ${what}`);
}

/**
 * Valida todo el lote a la vez; el primer comprobante falso lo rechaza entero y para a los demás.
 * Validates the whole batch at once; the first forged receipt rejects all of it and stops the others.
 */
export async function validateBatch(ids: readonly string[], validate: (id: string) => Promise<string>): Promise<string[]> {
  // TODO (es): gather sin returnExceptions lanza el primer error en cuanto ocurre, pero ¿qué pasa con las demás
  //   validaciones? / (en): gather without returnExceptions raises the first error as soon as it happens, but what
  //   becomes of the other validations?
  void ids;
  void validate;
  throw notImplemented('validateBatch');
}

/** Cómo acabó la vigilancia / How the supervision ended. */
export type SupervisionOutcome = 'first-error' | 'timeout' | 'all-done';

export interface Supervision {
  outcome: SupervisionOutcome;
  done: string[];
  failed: string[];
  pending: Task<string>[];
}

/**
 * Vigila las subidas hasta el primer error o hasta `seconds`, sin cancelar nada.
 * Watches the uploads until the first error or until `seconds`, cancelling nothing.
 */
export async function superviseUploads(uploads: readonly Task<string>[], seconds: number): Promise<Supervision> {
  // TODO (es): ¿qué función espera hasta la primera excepción o un plazo, y deja en marcha lo que no ha terminado?
  //   / (en): which function waits until the first exception or a deadline, and leaves running what has not finished?
  void uploads;
  void seconds;
  throw notImplemented('superviseUploads');
}
