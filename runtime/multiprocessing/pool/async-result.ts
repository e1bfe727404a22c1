// AsyncResult (Python's multiprocessing.pool.AsyncResult / ApplyResult): the future value of a task sent to a
// Pool or ThreadPool. Callbacks run in the parent when the result arrives, as Python runs them in the pool's
// result-handler thread.
import { TimeoutError, ValueError } from '../errors.ts';
import type { DoneSignal } from './signal.ts';

export type Callback<T> = (value: T) => void;
export type ErrorCallback = (error: unknown) => void;

export class AsyncResult<T = unknown> {
  private readonly _signal: DoneSignal;
  private readonly _callback: Callback<T> | null;
  private readonly _errorCallback: ErrorCallback | null;
  private _ok = false;
  private _value: T | undefined;
  private _error: unknown;

  /** @internal Created by the pools. */
  constructor(signal: DoneSignal, callback: Callback<T> | null = null, errorCallback: ErrorCallback | null = null) {
    this._signal = signal;
    this._callback = callback;
    this._errorCallback = errorCallback;
  }

  /** True once the task has finished (successfully or not). */
  ready(): boolean {
    return this._signal.isSet();
  }

  /** Whether the task finished without raising; ValueError if it has not finished yet. */
  successful(): boolean {
    if (!this.ready()) throw new ValueError(`${String(this)} not ready`);
    return this._ok;
  }

  /** Waits until the result is ready, or `timeout` seconds pass. */
  async wait(timeout: number | null = null): Promise<void> {
    await this._signal.wait(timeout, 'AsyncResult.wait()');
  }

  /** The result; re-raises the task's error (with the remote traceback); TimeoutError after `timeout` s. */
  async get(timeout: number | null = null): Promise<T> {
    if (!(await this._signal.wait(timeout, 'AsyncResult.get()'))) throw new TimeoutError();
    if (!this._ok) throw this._error;
    return this._value as T;
  }

  /** @internal */
  _settle(ok: boolean, valueOrError: unknown): void {
    if (this._signal.isSet()) return;
    this._ok = ok;
    if (ok) this._value = valueOrError as T;
    else this._error = valueOrError;
    try {
      if (ok) this._callback?.(valueOrError as T);
      else this._errorCallback?.(valueOrError);
    } finally {
      this._signal.set();
    }
  }

  toString(): string {
    return '<multiprocessing.pool.AsyncResult object>';
  }
}
