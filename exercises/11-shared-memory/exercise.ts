// Ejercicio 11 · Memoria compartida: Value y Array / Exercise 11 · Shared memory: Value and Array.
// Lee README.md (es) o README.en.md (en). / Read README.md (es) or README.en.md (en).
import * as mp from '#runtime/multiprocessing';

/**
 * La f del tema: num.value = 3.1415927 y cambia el signo de cada elemento de arr.
 * The unit's f: num.value = 3.1415927 and flips the sign of every element of arr.
 */
export function negate(num: mp.Value<'d'>, arr: mp.Array<'i'>): void {
  void num;
  void arr;
  throw new Error('Aún no implementado / Not implemented yet: negate');
}

/**
 * Value('d', 0.0) y Array('i', values); negate en un proceso hijo; devuelve { num: num.value, arr: arr.toArray() }.
 * Value('d', 0.0) and Array('i', values); negate in a child process; returns { num: num.value, arr: arr.toArray() }.
 */
export async function negateInChild(values: number[]): Promise<{ num: number; arr: number[] }> {
  void values;
  throw new Error('Aún no implementado / Not implemented yet: negateInChild');
}

/**
 * Objetivo de cada proceso: espera en la barrera `opening` y suma 1 a counter.value `times` veces, sin perder ninguna.
 * Each process's target: waits at the `opening` barrier and adds 1 to counter.value `times` times, losing none.
 */
export async function addReceipts(counter: mp.Value<'i'>, times: number, opening: mp.Barrier): Promise<void> {
  void counter;
  void times;
  void opening;
  throw new Error('Aún no implementado / Not implemented yet: addReceipts');
}

/**
 * Value('i', 0) y Barrier(processes); `processes` procesos con addReceipts; devuelve counter.value.
 * Value('i', 0) and Barrier(processes); `processes` processes running addReceipts; returns counter.value.
 */
export async function countInProcesses(processes: number, perProcess: number): Promise<number> {
  void processes;
  void perProcess;
  throw new Error('Aún no implementado / Not implemented yet: countInProcesses');
}
