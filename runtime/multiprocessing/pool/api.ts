// The call forms Pool and ThreadPool share — apply, map, starmap, imap, imapUnordered and the async variants —
// written once over what each pool does its own way: run chunks of calls (`_submit`), and wait for a result
// (`_signal`: messages from other processes for Pool, a threading.Event for ThreadPool).
import { AsyncResult, type Callback, type ErrorCallback } from './async-result.ts';
import { OrderedResults, checkChunksize, defaultChunksize, itemsOf, itemsUntilError } from './chunks.ts';
import { IMapIterator } from './imap.ts';
import type { DoneSignal } from './signal.ts';
import { typeName } from '../../python/index.ts';

export type PoolFn = (...args: never[]) => unknown;

/** What a pool reports while it runs one call form: each chunk's results or error, then the end. */
export interface ChunkHandlers {
  onChunk: (start: number, values: unknown[]) => void;
  onError: (start: number, size: number, error: unknown) => void;
  onDone: () => void;
}

/** The TypeError CPython raises for kwds that are not a mapping (here: a plain object), or undefined. */
function kwdsProblem(fn: PoolFn, kwds: unknown): TypeError | undefined {
  if (typeof kwds === 'object' && kwds !== null && !Array.isArray(kwds)) {
    const proto = Object.getPrototypeOf(kwds) as object | null;
    if (proto === Object.prototype || proto === null) return undefined;
  }
  return new TypeError(`${fn.name || '<lambda>'}() argument after ** must be a mapping, not ${kwds instanceof Map ? 'Map (pass a plain object)' : typeName(kwds)}`);
}

export abstract class PoolApi {
  /** How many workers (processes or threads) the pool runs. */
  abstract get processes(): number;

  /** Throws Python's ValueError('Pool not running') after close() or terminate(). */
  protected abstract _checkRunning(): void;

  /** A new signal for one result to wait on. */
  protected abstract _signal(): DoneSignal;

  /** Runs fn over `items` in chunks of `chunksize` (each item the argument list when `star`). */
  protected abstract _submit(fn: PoolFn, items: readonly unknown[], chunksize: number, star: boolean, handlers: ChunkHandlers): void;

  /** Python's apply_async(func, args, kwds, callback, error_callback). */
  applyAsync<R>(
    fn: PoolFn,
    args: readonly unknown[] = [],
    kwds?: Record<string, unknown>,
    callback: Callback<R> | null = null,
    errorCallback: ErrorCallback | null = null,
  ): AsyncResult<R> {
    this._checkRunning();
    const result = new AsyncResult<R>(this._signal(), callback, errorCallback);
    const notMapping = kwds === undefined ? undefined : kwdsProblem(fn, kwds);
    if (notMapping !== undefined) {
      // CPython finds it when the worker calls func(*args, **kwds): the error comes back through get().
      queueMicrotask(() => result._settle(false, notMapping));
      return result;
    }
    const all = kwds === undefined ? [...args] : [...args, kwds];
    let ok = true;
    let outcome: unknown;
    this._submit(fn, [all], 1, true, {
      onChunk: (_start, values) => (outcome = values[0]),
      onError: (_start, _size, error) => {
        ok = false;
        outcome = error;
      },
      onDone: () => result._settle(ok, outcome),
    });
    return result;
  }

  /** fn over every item (each item the argument list when `star`), results in order in one AsyncResult. */
  protected _mapAsync<R>(
    fn: PoolFn,
    iterable: Iterable<unknown>,
    chunksize: number | null,
    star: boolean,
    callback: Callback<R[]> | null,
    errorCallback: ErrorCallback | null,
  ): AsyncResult<R[]> {
    this._checkRunning();
    const items = itemsOf(iterable);
    const size = Math.max(chunksize === null ? defaultChunksize(items.length, this.processes) : checkChunksize(chunksize), 1);
    const result = new AsyncResult<R[]>(this._signal(), callback, errorCallback);
    const values = new OrderedResults<R>(items.length, size);
    let failed = false;
    let error: unknown;
    this._submit(fn, items, size, star, {
      onChunk: (start, chunk) => values.add(start, chunk as R[]),
      onError: (_start, _size, e) => {
        // The first error fails the call, as in CPython.
        if (!failed) error = e;
        failed = true;
      },
      onDone: () => result._settle(!failed, failed ? error : values.toArray()),
    });
    return result;
  }

  /** fn over every item, results delivered as they come (in order when `ordered`). */
  protected _imap<R>(fn: PoolFn, iterable: Iterable<unknown>, chunksize: number, ordered: boolean): IMapIterator<R> {
    this._checkRunning();
    const size = checkChunksize(chunksize);
    const { items, error } = itemsUntilError(iterable, size);
    const iterator = new IMapIterator<R>(() => this._signal(), ordered, items.length + (error === undefined ? 0 : 1));
    if (items.length > 0 || error === undefined) {
      this._submit(fn, items, size, false, {
        onChunk: (start, values) => iterator._deliver(start, values as R[]),
        onError: (start, chunkSize, e) => iterator._fail(start, chunkSize, e),
        onDone: () => {},
      });
    }
    if (error !== undefined) iterator._fail(items.length, 1, error.value);
    return iterator;
  }

  /** Python's apply(): runs fn(...args) in a worker and waits for the result. */
  async apply<R>(fn: PoolFn, args: readonly unknown[] = [], kwds?: Record<string, unknown>): Promise<R> {
    return this.applyAsync<R>(fn, args, kwds).get();
  }

  /** Python's map(): fn over every item, in parallel, results in order. The first error fails the call. */
  async map<T, R>(fn: (item: T) => R | Promise<R>, iterable: Iterable<T>, chunksize: number | null = null): Promise<R[]> {
    return this._mapAsync<R>(fn as PoolFn, iterable, chunksize, false, null, null).get();
  }

  mapAsync<T, R>(
    fn: (item: T) => R | Promise<R>,
    iterable: Iterable<T>,
    chunksize: number | null = null,
    callback: Callback<R[]> | null = null,
    errorCallback: ErrorCallback | null = null,
  ): AsyncResult<R[]> {
    return this._mapAsync<R>(fn as PoolFn, iterable, chunksize, false, callback, errorCallback);
  }

  /** Python's starmap(): each item is the argument list. */
  async starmap<R>(fn: PoolFn, iterable: Iterable<readonly unknown[]>, chunksize: number | null = null): Promise<R[]> {
    return this._mapAsync<R>(fn, iterable, chunksize, true, null, null).get();
  }

  starmapAsync<R>(
    fn: PoolFn,
    iterable: Iterable<readonly unknown[]>,
    chunksize: number | null = null,
    callback: Callback<R[]> | null = null,
    errorCallback: ErrorCallback | null = null,
  ): AsyncResult<R[]> {
    return this._mapAsync<R>(fn, iterable, chunksize, true, callback, errorCallback);
  }

  /** Python's imap(): an async iterable of results in order, available as they come. */
  imap<T, R>(fn: (item: T) => R | Promise<R>, iterable: Iterable<T>, chunksize = 1): IMapIterator<R> {
    return this._imap<R>(fn as PoolFn, iterable, chunksize, true);
  }

  /** Python's imap_unordered(): an async iterable of results in completion order. */
  imapUnordered<T, R>(fn: (item: T) => R | Promise<R>, iterable: Iterable<T>, chunksize = 1): IMapIterator<R> {
    return this._imap<R>(fn as PoolFn, iterable, chunksize, false);
  }
}
