// Ejercicio 08 · Pool y ThreadPool / Exercise 08 · Pool and ThreadPool.
// Lee README.md (es) o README.en.md (en). / Read README.md (es) or README.en.md (en).
import * as mp from '#runtime/multiprocessing';
import { confirmedChecksum } from './support.ts';

/**
 * Sumas de control calculadas en ESTE proceso (los trabajadores del Pool tienen su propia copia).
 * Checksums computed in THIS process (the Pool's workers have their own copy).
 */
export const stats = { computedHere: 0 };

/**
 * Ya escrita: trabajo de CPU, la suma de control de un comprobante (unos milisegundos).
 * Already written: CPU work, the checksum of a receipt (a few milliseconds).
 */
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

/**
 * Con un Pool de `processes` procesos: receiptChecksum de cada id, en el orden de `ids`. Cierra el pool.
 * With a Pool of `processes` processes: receiptChecksum of each id, in the order of `ids`. Closes the pool.
 */
export async function checksumAll(ids: number[], processes: number): Promise<number[]> {
  void ids;
  void processes;
  void mp; // new mp.Pool(...) y new mp.ThreadPool(...)
  throw new Error('Aún no implementado / Not implemented yet: checksumAll');
}

/**
 * Con un Pool de procesos y confirmedChecksum: llama a onResult(id, suma) en el orden de ids, EN CUANTO cada
 * resultado está listo, no al final. / With a process Pool and confirmedChecksum: calls onResult(id, checksum) in
 * the order of ids, AS SOON AS each result is ready, not at the end.
 */
export async function checksumStream(
  ids: number[],
  processes: number,
  onResult: (id: number, checksum: number) => void,
): Promise<void> {
  // TODO (es): map entrega todos los resultados juntos al final; ¿qué método del Pool los entrega uno a uno, en
  //   orden? / (en): map hands every result over together at the end; which Pool method hands them over one by one,
  //   in order?
  void ids;
  void processes;
  void onResult;
  void confirmedChecksum;
  throw new Error('Aún no implementado / Not implemented yet: checksumStream');
}

/**
 * Descarga una URL con fetch: { url, status, bytes }. Nunca lanza: si falla la conexión, status 0 y bytes 0.
 * Downloads a URL with fetch: { url, status, bytes }. Never throws: if the connection fails, status 0 and bytes 0.
 */
export async function download(url: string): Promise<DownloadResult> {
  void url;
  throw new Error('Aún no implementado / Not implemented yet: download');
}

/**
 * Con un ThreadPool de `workers` hilos e imapUnordered: los resultados en orden de llegada. Cierra el pool.
 * With a ThreadPool of `workers` threads and imapUnordered: the results in order of arrival. Closes the pool.
 */
export async function downloadAll(urls: string[], workers: number): Promise<DownloadResult[]> {
  void urls;
  void workers;
  throw new Error('Aún no implementado / Not implemented yet: downloadAll');
}
