// Splitting work into chunks as CPython's Pool does, and packing a chunk for the trip to or from a worker.
import type { TransferListItem } from 'node:worker_threads';
import { ValueError } from '../errors.ts';
import { dumps, type Pickled } from '../reduction.ts';

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

/**
 * The items of a map call. An array is used as it is (its chunks are sliced off at once, before the call
 * returns, so later changes by the caller do not reach the tasks); any other iterable is consumed into one.
 */
export function itemsOf<T>(iterable: Iterable<T>): readonly T[] {
  return Array.isArray(iterable) ? (iterable as T[]) : [...iterable];
}

/**
 * The items of an imap call, read until the iterable raises. CPython's imap() returns at once and consumes the
 * iterable chunk by chunk: the chunks read whole before the error run, and the error takes the place of the
 * chunk it broke, raised by the iterator's next() after the earlier results.
 */
export function itemsUntilError<T>(iterable: Iterable<T>, chunksize: number): { items: readonly T[]; error?: { value: unknown } } {
  if (Array.isArray(iterable)) return { items: iterable as T[] };
  const items: T[] = [];
  try {
    for (const item of iterable) items.push(item);
  } catch (value) {
    return { items: items.slice(0, Math.floor(items.length / chunksize) * chunksize), error: { value } };
  }
  return { items };
}

/**
 * A map's results, assembled chunk by chunk in item order. The chunks' arrays are kept and concatenated once at
 * the end: writing 200,000 results one by one into `new Array(200_000)` (a dictionary-mode array in V8 past
 * ~100k holes) cost milliseconds per chunk.
 */
export class OrderedResults<T> {
  private readonly parts: T[][];
  private readonly chunksize: number;

  constructor(length: number, chunksize: number) {
    this.chunksize = chunksize;
    this.parts = length === 0 ? [] : Array.from({ length: Math.ceil(length / chunksize) }, () => []);
  }

  /** The results of the chunk that starts at item `start`. */
  add(start: number, values: readonly T[]): void {
    this.parts[start / this.chunksize] = values as T[];
  }

  /** Every result in item order (call once, when all chunks are in). */
  toArray(): T[] {
    const parts = this.parts;
    if (parts.length === 1) return parts[0] as T[];
    let out: T[] = [];
    // concat() copies packed arrays natively; batches keep the argument count far below the engine's limit.
    for (let i = 0; i < parts.length; i += 4096) out = out.concat(...parts.slice(i, i + 4096));
    return out;
  }
}

/**
 * dumps() for a chunk of items or results. A chunk of primitives (numbers, strings...), the usual case, has
 * nothing to reduce: one tight loop proves it, instead of dumps' recursive walk over every item.
 * Tasks and results are not Process arguments: like CPython, refuse what only travels through inheritance (a
 * Lock, a Value, a Queue: "RuntimeError: Lock objects should only be shared between processes through
 * inheritance"); pass those to the workers through Pool's initializer/initargs instead.
 */
export function pickleChunk(values: readonly unknown[]): { pickled: Pickled; transfer: TransferListItem[] } {
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (typeof value === 'object' && value !== null) return dumps(values, { spawning: false });
  }
  return { pickled: { value: values, reduced: false }, transfer: [] };
}
