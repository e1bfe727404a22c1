// Ejercicio 08 · Pool y ThreadPool. Lee README.md (o README.en.md).
import * as mp from '#runtime/multiprocessing';

/** Sumas de control calculadas en ESTE proceso (los trabajadores del Pool tienen su propia copia). */
export const stats = { computedHere: 0 };

/** Ya escrita: trabajo de CPU, la suma de control de un comprobante (unos milisegundos). */
export function receiptChecksum(id: number): number {
  stats.computedHere += 1;
  let h = 2166136261 ^ id;
  for (let i = 0; i < 20_000; i++) {
    h ^= i + id;
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h;
}

export interface DownloadResult {
  url: string;
  status: number;
  bytes: number;
}

/** Con un Pool de `processes` procesos: receiptChecksum de cada id, en el orden de `ids`. Cierra el pool. */
export async function checksumAll(ids: number[], processes: number): Promise<number[]> {
  void ids;
  void processes;
  void mp; // new mp.Pool(...) y new mp.ThreadPool(...)
  throw new Error('Aún no implementado / Not implemented yet: checksumAll');
}

/** Descarga una URL con fetch: { url, status, bytes }. Nunca lanza: si falla la conexión, status 0 y bytes 0. */
export async function download(url: string): Promise<DownloadResult> {
  void url;
  throw new Error('Aún no implementado / Not implemented yet: download');
}

/** Con un ThreadPool de `workers` hilos e imapUnordered: los resultados en orden de llegada. Cierra el pool. */
export async function downloadAll(urls: string[], workers: number): Promise<DownloadResult[]> {
  void urls;
  void workers;
  throw new Error('Aún no implementado / Not implemented yet: downloadAll');
}
