// Ejercicio 20 · Una carrera a través de un Manager / Exercise 20 · A race through a Manager.
// Lee README.md (es) o README.en.md (en). / Read README.md (es) or README.en.md (en).
// Puedes importar lo que necesites / import what you need, e.g.:
//   import { confirm } from './support.ts';
import type * as mp from '#runtime/multiprocessing';
import type { Audit, Receipt } from './support.ts';

function notImplemented(what: string): Error {
  return new Error(`Aún no implementado / Not implemented yet: ${what}`);
}

/**
 * Suma un importe al total de su facultad: lee el total, lo confirma el banco (confirm) y escribe total + importe.
 * Adds an amount to its faculty's total: reads the total, the bank confirms it (confirm), writes total + amount.
 */
export async function addReceipt(
  totals: mp.DictProxy<string, number>,
  lock: mp.AcquirerProxy,
  audit: Audit,
  faculty: string,
  amount: number,
): Promise<void> {
  // TODO (es): leer, confirmar y escribir son tres viajes al proceso servidor. ¿Qué puede hacer otra caja entre tu
  //   lectura y tu escritura, y qué lo impide? / (en): reading, confirming and writing are three trips to the
  //   server process. What can another till do between your read and your write, and what prevents it?
  void totals;
  void lock;
  void audit;
  void faculty;
  void amount;
  throw notImplemented('addReceipt');
}

/** Objetivo de cada proceso caja / Target of each till process: addReceipt for each receipt, in order. */
export async function tillProcess(
  totals: mp.DictProxy<string, number>,
  lock: mp.AcquirerProxy,
  audit: Audit,
  receipts: Receipt[],
): Promise<void> {
  void totals;
  void lock;
  void audit;
  void receipts;
  throw notImplemented('tillProcess');
}

/**
 * Un Manager, un diccionario de totales y un proceso por caja; devuelve una copia de los totales.
 * A Manager, a dict of totals and one process per till; returns a copy of the totals.
 */
export async function collectAll(tills: Receipt[][], audit: Audit): Promise<Map<string, number>> {
  // TODO (es): ¿cuántos cerrojos necesitas, quién los crea y cómo llegan a cada proceso? / (en): how many locks do
  //   you need, who creates them and how do they reach each process?
  void tills;
  void audit;
  throw notImplemented('collectAll');
}
