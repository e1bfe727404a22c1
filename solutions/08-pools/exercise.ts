// Exercise 08 · Pool and ThreadPool — reference solution.
import * as mp from '#runtime/multiprocessing';
import { confirmedChecksum } from './support.ts';

/** Checksums computed in THIS process. The pool's workers are other processes with their own copy. */
export const stats = { computedHere: 0 };

/** CPU work: a checksum of the receipt (deterministic, a few milliseconds). */
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

/** Data parallelism: the pool splits `ids` among its processes; map gives the results back in input order. */
export async function checksumAll(ids: number[], processes: number): Promise<number[]> {
  // `await using` closes the pool when the function returns or throws (Python's `with Pool(n) as pool:`).
  await using pool = new mp.Pool(processes);
  return await pool.map(receiptChecksum, ids);
}

/**
 * Streaming: imap hands each result over as soon as it (and every one before it) is ready, in the order of ids,
 * while the pool's processes keep computing the rest; map would hand them all over at the end.
 */
export async function checksumStream(
  ids: number[],
  processes: number,
  onResult: (id: number, checksum: number) => void,
): Promise<void> {
  await using pool = new mp.Pool(processes);
  let i = 0;
  for await (const checksum of pool.imap(confirmedChecksum, ids)) onResult(ids[i++]!, checksum);
}

/** One download. Never throws: a failure is a result too, so one bad URL cannot stop the others. */
export async function download(url: string): Promise<DownloadResult> {
  try {
    const response = await fetch(url);
    const body = await response.arrayBuffer();
    return { url, status: response.status, bytes: body.byteLength };
  } catch {
    return { url, status: 0, bytes: 0 };
  }
}

/** I/O-bound work: threads are enough. imapUnordered yields each result as soon as it is ready. */
export async function downloadAll(urls: string[], workers: number): Promise<DownloadResult[]> {
  await using pool = new mp.ThreadPool(workers);
  const results: DownloadResult[] = [];
  for await (const result of pool.imapUnordered(download, urls)) results.push(result);
  return results;
}
