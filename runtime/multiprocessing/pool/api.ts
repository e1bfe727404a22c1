// The call forms Pool and ThreadPool share — apply, map, starmap, imap, imapUnordered and the async variants —
// written once over the three operations each pool implements its own way.
import type { AsyncResult, Callback, ErrorCallback } from './async-result.ts';
import type { IMapIterator } from './imap.ts';

export type PoolFn = (...args: never[]) => unknown;

export abstract class PoolApi {
  /** Python's apply_async(func, args, kwds, callback, error_callback). */
  abstract applyAsync<R>(
    fn: PoolFn,
    args?: readonly unknown[],
    kwds?: Record<string, unknown>,
    callback?: Callback<R> | null,
    errorCallback?: ErrorCallback | null,
  ): AsyncResult<R>;

  /** fn over every item (each item the argument list when `star`), results in order in one AsyncResult. */
  protected abstract _mapAsync<R>(
    fn: PoolFn,
    iterable: Iterable<unknown>,
    chunksize: number | null,
    star: boolean,
    callback: Callback<R[]> | null,
    errorCallback: ErrorCallback | null,
  ): AsyncResult<R[]>;

  /** fn over every item, results delivered as they come (in order when `ordered`). */
  protected abstract _imap<R>(fn: PoolFn, iterable: Iterable<unknown>, chunksize: number, ordered: boolean): IMapIterator<R>;

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
