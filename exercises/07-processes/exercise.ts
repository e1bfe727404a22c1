// Ejercicio 07 · Procesos con multiprocessing. Lee README.md (o README.en.md).
//
// Cada proceso hijo vuelve a importar este módulo: cada uno tiene su propio `stats`, y el código de nivel superior
// se ejecuta otra vez en cada hijo. Por eso la demo del final va detrás de la guarda del proceso principal.
import * as mp from '#runtime/multiprocessing';
import { currentThread } from '#runtime/threading';

/** Comprobantes revisados en ESTE proceso (cada proceso tiene su propia copia). */
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

/** Objetivo de cada hijo: suma 1 a stats.checkedHere e imprime la línea del comprobante (o lanza si es ilegible). */
export function checkReceipt(id: number): void {
  void id;
  throw new Error('Aún no implementado / Not implemented yet: checkReceipt');
}

/** Un proceso hijo por comprobante: arráncalos todos, espéralos a todos y lee sus códigos de salida. */
export async function checkAll(ids: number[]): Promise<CheckResult> {
  void ids;
  throw new Error('Aún no implementado / Not implemented yet: checkAll');
}

/** Ya escrita: trabajo de CPU puro (sin ningún await) que imprime una línea al empezar y otra al acabar. */
export function burn(rounds: number): number {
  const who = `${mp.currentProcess().name}/${currentThread().name}`;
  const n = Math.max(0, Math.floor(rounds));
  console.log(`${who} empieza ${n}`);
  let x = 0;
  for (let i = 0; i < n * 100_000; i++) x = (x * 31 + i) % 1_000_003;
  console.log(`${who} termina ${n}`);
  return x;
}

/** Un hilo (#runtime/threading) por trabajo, cada uno ejecuta burn(rounds[i]); espera a todos. */
export async function burnWithThreads(rounds: number[]): Promise<void> {
  void rounds;
  throw new Error('Aún no implementado / Not implemented yet: burnWithThreads');
}

/** Un proceso por trabajo (objetivo: burn); espera a todos. */
export async function burnWithProcesses(rounds: number[]): Promise<void> {
  void rounds;
  throw new Error('Aún no implementado / Not implemented yet: burnWithProcesses');
}

/** Ya escrita. `npx tsx exercises/07-processes/exercise.ts`: el mismo trabajo de CPU con hilos y con procesos. */
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

// La guarda del proceso principal, el `if __name__ == '__main__':` de Python. Dos preguntas en una: ¿es este
// archivo el programa que se ejecuta (no importado por una prueba ni por un hijo) y es el proceso principal?
if (process.argv[1] === import.meta.filename && mp.currentProcess().name === 'MainProcess') {
  await demo();
}
