// Ejercicio 06 · Controlar muchos demonios / Exercise 06 · Controlling many daemons.
// Lee README.md (es) o README.en.md (en). / Read README.md (es) or README.en.md (en).
// Puedes importar lo que necesites / import what you need, e.g.:
//   import { ValueError, activeCount, currentThread, enumerate, getIdent, mainThread } from '#runtime/threading';
//   import { sleep } from '#runtime/time';
import type { Thread } from '#runtime/threading';

function notImplemented(what: string): Error {
  return new Error(`Aún no implementado / Not implemented yet: ${what}`);
}

/** For i = 1..upTo: print `<number> <ident of this thread> <i>`, wait `pause` s. */
export async function count(number: number, upTo: number, pause: number): Promise<void> {
  void number;
  void upTo;
  void pause;
  throw notImplemented('count');
}

/**
 * Un hilo por pausa que ejecuta count(k, upTo, pause), k desde 1: demonio si `daemon`, normal si no (lo llame quien
 * lo llame); arrancados y devueltos en orden.
 * One thread per pause running count(k, upTo, pause), k from 1: a daemon if `daemon`, ordinary if not (whoever
 * calls it); started, returned in order.
 */
export function startCounters(pauses: readonly number[], upTo: number, daemon = true): Thread[] {
  void pauses;
  void upTo;
  void daemon;
  throw notImplemented('startCounters');
}

export interface ThreadReport {
  name: string;
  ident: number;
  daemon: boolean;
  /** activeCount() right before joining this thread. */
  active: number;
}

/** Joins every live thread from enumerate() except the main one (and the caller); one report per join. */
export async function joinAllButMain(): Promise<ThreadReport[]> {
  throw notImplemented('joinAllButMain');
}
