// Splitting work into chunks as CPython's Pool does.
import { ValueError } from '../errors.ts';

/** Python's default for map/starmap: len / (4 * workers), rounded up (0 items -> 0). */
export function defaultChunksize(length: number, workers: number): number {
  if (length === 0) return 0;
  return Math.ceil(length / (workers * 4));
}

export function checkChunksize(chunksize: number): number {
  if (!Number.isInteger(chunksize) || chunksize < 1) {
    throw new ValueError(`Chunksize must be 1+, not ${String(chunksize)}`);
  }
  return chunksize;
}

/** [start, items] for each chunk. */
export function splitChunks<T>(items: readonly T[], chunksize: number): Array<[number, T[]]> {
  const out: Array<[number, T[]]> = [];
  for (let start = 0; start < items.length; start += chunksize) out.push([start, items.slice(start, start + chunksize)]);
  return out;
}
