// Course material for exercise 17 (do not edit): a chunked storage on the virtual clock that records every
// write, failure, commit and removal with its time, so tests can see whether a cancelled upload cleaned up.
import { getRunningLoop, sleep } from '#runtime/asyncio';

/** Seconds one chunk write takes (then it succeeds or fails). */
export const CHUNK_SECONDS = 0.5;
/** Seconds the final commit takes (the file becomes a receipt). */
export const COMMIT_SECONDS = 0.1;
/** Seconds removing a half-written file takes. */
export const REMOVE_SECONDS = 0.2;
/** How many times one chunk may be tried before the upload gives up. */
export const ATTEMPTS_PER_CHUNK = 3;

/** The storage refused a chunk (full disk, quota...). */
export class StorageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StorageError';
  }
}

/** The connection to the storage dropped while writing a chunk. */
export class NetworkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NetworkError';
  }
}

/** A receipt to upload: its id and how many chunks its file has. */
export interface Receipt {
  id: string;
  chunks: number;
}

export type StorageOp = 'write' | 'fail' | 'commit' | 'remove';

/** One thing the storage did, `at` seconds after the storage was created. */
export interface StorageEvent {
  at: number;
  op: StorageOp;
  id: string;
  chunk?: number;
}

/** Which chunk writes fail: receipt id -> chunk indexes, one entry per failed attempt (repeat to fail again). */
export type FailurePlan = Record<string, number[]>;

/**
 * Chunks of a receipt's file are written one at a time; `commit` turns them into the stored receipt, `remove`
 * deletes a half-written file. A chunk listed in the failure plan fails (StorageError or NetworkError,
 * alternating) after its 0.5 s, once per listed entry.
 */
export class FakeStorage {
  readonly events: StorageEvent[] = [];
  readonly #plan: Map<string, number[]>;
  readonly #written = new Map<string, Set<number>>();
  readonly #committed = new Set<string>();
  readonly #t0: number;
  #failures = 0;

  constructor(plan: FailurePlan = {}) {
    this.#plan = new Map(Object.entries(plan).map(([id, chunks]) => [id, [...chunks]]));
    this.#t0 = getRunningLoop().time();
  }

  #now(): number {
    return Math.round((getRunningLoop().time() - this.#t0) * 1e6) / 1e6;
  }

  /** Writes chunk number `chunk` (0-based) of the receipt's file: 0.5 s, then it may fail. */
  async writeChunk(id: string, chunk: number): Promise<void> {
    await sleep(CHUNK_SECONDS);
    const planned = this.#plan.get(id);
    const index = planned?.indexOf(chunk) ?? -1;
    if (planned !== undefined && index >= 0) {
      planned.splice(index, 1);
      this.events.push({ at: this.#now(), op: 'fail', id, chunk });
      this.#failures += 1;
      throw this.#failures % 2 === 1
        ? new StorageError(`chunk ${chunk} of ${id} refused`)
        : new NetworkError(`connection lost writing chunk ${chunk} of ${id}`);
    }
    let written = this.#written.get(id);
    if (written === undefined) this.#written.set(id, (written = new Set()));
    written.add(chunk);
    this.events.push({ at: this.#now(), op: 'write', id, chunk });
  }

  /** Stores the file as a receipt (0.1 s) and returns its address, `rcpt/<id>`. Every chunk must be written. */
  async commit(id: string, chunks: number): Promise<string> {
    await sleep(COMMIT_SECONDS);
    const written = this.#written.get(id)?.size ?? 0;
    if (written !== chunks) throw new StorageError(`${id}: commit with ${written} of ${chunks} chunks written`);
    this.#written.delete(id);
    this.#committed.add(id);
    this.events.push({ at: this.#now(), op: 'commit', id });
    return `rcpt/${id}`;
  }

  /** Deletes the half-written file of a receipt (0.2 s). Harmless if there is none. */
  async remove(id: string): Promise<void> {
    await sleep(REMOVE_SECONDS);
    this.#written.delete(id);
    this.events.push({ at: this.#now(), op: 'remove', id });
  }

  /** Receipts with a half-written file still on the storage (left behind by an upload that did not clean up). */
  partial(): string[] {
    return [...this.#written.keys()].sort();
  }

  /** Receipts stored. */
  committed(): string[] {
    return [...this.#committed].sort();
  }

  /** The events of one receipt. */
  of(id: string): StorageEvent[] {
    return this.events.filter((e) => e.id === id);
  }
}
