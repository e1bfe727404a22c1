// Ejercicio 10 · Lock: hilos y procesos / Exercise 10 · Lock: threads and processes.
// Lee README.md (es) o README.en.md (en). / Read README.md (es) or README.en.md (en).
import * as mp from '#runtime/multiprocessing';
import { Lock } from '#runtime/threading';
import type { Ledger } from './support.ts';

/**
 * Lee el valor y escribe el valor + 1, todo dentro de `lock`; suelta el cerrojo aunque read/write lancen.
 * Reads the value and writes value + 1, all inside `lock`; releases the lock even if read/write throw.
 */
export async function registerReceipt(ledger: Ledger, lock: Lock): Promise<void> {
  void ledger;
  void lock;
  throw new Error('Aún no implementado / Not implemented yet: registerReceipt');
}

/**
 * Un Lock compartido y `threads` hilos que se reparten `receipts` registros; espera a todos.
 * One shared Lock and `threads` threads sharing `receipts` registrations out; waits for all of them.
 */
export async function registerAll(ledger: Ledger, receipts: number, threads: number): Promise<void> {
  void ledger;
  void receipts;
  void threads;
  void Lock;
  throw new Error('Aún no implementado / Not implemented yet: registerAll');
}

/**
 * Objetivo de un hijo: con el cerrojo tomado, añade a `printer` las tres líneas del recibo, `pause` s entre ellas.
 * A child's target: holding the lock, appends the slip's three lines to `printer`, `pause` s apart.
 */
export async function printSlip(lock: mp.Lock, studentId: number, pause: number, printer: string): Promise<void> {
  void lock;
  void studentId;
  void pause;
  void printer;
  throw new Error('Aún no implementado / Not implemented yet: printSlip');
}

/**
 * Un proceso por estudiante, todos con el mismo mp.Lock y la misma impresora; arráncalos todos y espéralos a todos.
 * One process per student, all with the same mp.Lock and printer; start them all and wait for them all.
 */
export async function printAllSlips(studentIds: number[], pause: number, printer: string): Promise<void> {
  void studentIds;
  void pause;
  void printer;
  throw new Error('Aún no implementado / Not implemented yet: printAllSlips');
}
