// Ejercicio 07 · Procesos con multiprocessing / Exercise 07 · Processes with multiprocessing.
// Lee README.md (es) o README.en.md (en). / Read README.md (es) or README.en.md (en).
//
// Cada proceso hijo vuelve a importar este módulo: cada uno tiene su propio `stats`, y el código de nivel superior
// se ejecuta otra vez en cada hijo. / Every child process imports this module again: each has its own `stats`, and
// top-level code runs again in every child.
import * as mp from '#runtime/multiprocessing';
import { currentThread } from '#runtime/threading';

/** Comprobantes revisados en ESTE proceso (cada proceso tiene su propia copia). / Receipts checked in THIS process (each process has its own copy). */
export const stats = { checkedHere: 0 };

export interface ChildReport {
  id: number;
  name: string;
  pid: number;
  exitcode: number | null;
}

export interface CheckResult {
  children: ChildReport[];
  failed: number[];
}

/**
 * Objetivo de cada hijo: suma 1 a stats.checkedHere e imprime la línea del comprobante (o lanza si es ilegible).
 * Each child's target: adds 1 to stats.checkedHere and prints the receipt's line (or throws if it is unreadable).
 */
export function checkReceipt(id: number): void {
  void id;
  throw new Error('Aún no implementado / Not implemented yet: checkReceipt');
}

/**
 * Un proceso hijo por comprobante: arráncalos todos, espéralos a todos y lee sus códigos de salida.
 * One child process per receipt: start them all, wait for them all and read their exit codes.
 */
export async function checkAll(ids: number[]): Promise<CheckResult> {
  void ids;
  throw new Error('Aún no implementado / Not implemented yet: checkAll');
}

/**
 * Ya escrita: trabajo de CPU puro (sin ningún await) que imprime una línea al empezar y otra al acabar.
 * Already written: pure CPU work (no await at all) that prints a line when it starts and another when it ends.
 */
export function burn(rounds: number): number {
  const who = `${mp.currentProcess().name}/${currentThread().name}`;
  const n = Math.max(0, Math.floor(rounds));
  console.log(`${who} empieza ${n}`);
  let x = 0;
  for (let i = 0; i < n * 100_000; i++) x = (x * 31 + i) % 1_000_003;
  console.log(`${who} termina ${n}`);
  return x;
}

/**
 * Un hilo (#runtime/threading) por trabajo, cada uno ejecuta burn(rounds[i]); espera a todos.
 * One thread (#runtime/threading) per job, each runs burn(rounds[i]); waits for all of them.
 */
export async function burnWithThreads(rounds: number[]): Promise<void> {
  void rounds;
  throw new Error('Aún no implementado / Not implemented yet: burnWithThreads');
}

/** Un proceso por trabajo (objetivo: burn); espera a todos. / One process per job (target: burn); waits for all. */
export async function burnWithProcesses(rounds: number[]): Promise<void> {
  void rounds;
  throw new Error('Aún no implementado / Not implemented yet: burnWithProcesses');
}

/**
 * Ya escrita: el mismo trabajo de CPU con hilos y con procesos. / Already written: the same CPU work with threads
 * and with processes. `npx tsx exercises/07-processes/exercise.ts`
 */
export async function demo(): Promise<void> {
  const work = [1000, 1000];
  await burnWithProcesses([0]); // warm-up: the first child pays for bundling this module once
  let t0 = performance.now();
  await burnWithThreads(work);
  const threads = (performance.now() - t0) / 1000;
  t0 = performance.now();
  await burnWithProcesses(work);
  const processes = (performance.now() - t0) / 1000;
  console.log(`hilos: ${threads.toFixed(2)} s, procesos: ${processes.toFixed(2)} s`);
  console.log(await checkAll([101, 102, -7]));
}

// TODO (es): ejecuta demo() cuando este archivo sea el programa principal, pero NUNCA al importarlo (una prueba,
//   o cada proceso hijo, que vuelve a importar el módulo). Es el `if __name__ == '__main__':` de Python: mira el
//   README. / (en): run demo() when this file is the main program, but NEVER when it is imported (by a test, or by
//   each child process, which imports the module again). It is Python's `if __name__ == '__main__':`: see the README.
