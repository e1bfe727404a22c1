// Ejercicio 10 · Lock: hilos y procesos. Lee README.md (o README.en.md).
import * as mp from '#runtime/multiprocessing';
import { Lock } from '#runtime/threading';
import type { Ledger } from './support.ts';

/** Lee el valor y escribe el valor + 1, todo dentro de `lock`; suelta el candado aunque read/write lancen. */
export async function registerReceipt(ledger: Ledger, lock: Lock): Promise<void> {
  void ledger;
  void lock;
  throw new Error('Aún no implementado / Not implemented yet: registerReceipt');
}

/** Un Lock compartido y `threads` hilos que se reparten `receipts` registros; espera a todos. */
export async function registerAll(ledger: Ledger, receipts: number, threads: number): Promise<void> {
  void ledger;
  void receipts;
  void threads;
  void Lock;
  throw new Error('Aún no implementado / Not implemented yet: registerAll');
}

/** Objetivo de un hijo: con el candado tomado, añade a `printer` las tres líneas del recibo, `pause` s entre ellas. */
export async function printSlip(lock: mp.Lock, studentId: number, pause: number, printer: string): Promise<void> {
  void lock;
  void studentId;
  void pause;
  void printer;
  throw new Error('Aún no implementado / Not implemented yet: printSlip');
}

/** Un proceso por estudiante, todos con el mismo mp.Lock y la misma impresora; arráncalos todos y espéralos a todos. */
export async function printAllSlips(studentIds: number[], pause: number, printer: string): Promise<void> {
  void studentIds;
  void pause;
  void printer;
  throw new Error('Aún no implementado / Not implemented yet: printAllSlips');
}
