// The async iterable returned by imap() and imapUnordered(): results as they come, in task order (imap) or
// completion order (imapUnordered). `for await (const r of pool.imap(f, xs))` is Python's `for r in
// pool.imap(f, xs)`; next(timeout) raises multiprocessing.TimeoutError as IMapIterator.next(timeout) does.
import { TimeoutError } from '../errors.ts';
import type { DoneSignal } from './signal.ts';

type Slot<T> = { ok: true; value: T } | { ok: false; error: unknown };

export class IMapIterator<T> implements AsyncIterableIterator<T> {
  private readonly _newSignal: () => DoneSignal;
  private readonly _ordered: boolean;
  private readonly _total: number;
  private readonly _byIndex = new Map<number, Slot<T>>();
  private readonly _arrived: Slot<T>[] = [];
  private _nextIndex = 0;
  private _yielded = 0;
  private _signal: DoneSignal;

  /** @internal Created by the pools. */
  constructor(newSignal: () => DoneSignal, ordered: boolean, total: number) {
    this._newSignal = newSignal;
    this._ordered = ordered;
    this._total = total;
    this._signal = newSignal();
  }

  /** @internal A chunk's results, starting at item `start`. */
  _deliver(start: number, values: T[]): void {
    values.forEach((value, i) => this._put(start + i, { ok: true, value }));
    this._wake();
  }

  /** @internal A chunk failed: its first position holds the error, its other items are skipped. */
  _fail(start: number, size: number, error: unknown): void {
    this._put(start, { ok: false, error });
    for (let i = 1; i < size; i++) this._skip(start + i);
    this._wake();
  }

  private _put(index: number, slot: Slot<T>): void {
    if (this._ordered) this._byIndex.set(index, slot);
    else this._arrived.push(slot);
  }

  private _skip(index: number): void {
    if (this._ordered) this._byIndex.set(index, { ok: true, value: SKIPPED as T });
    else this._yielded++;
  }

  private _wake(): void {
    const signal = this._signal;
    this._signal = this._newSignal();
    signal.set();
  }

  private _take(): Slot<T> | 'done' | null {
    for (;;) {
      if (this._ordered) {
        if (this._nextIndex >= this._total) return 'done';
        const slot = this._byIndex.get(this._nextIndex);
        if (slot === undefined) return null;
        this._byIndex.delete(this._nextIndex++);
        if (slot.ok && slot.value === SKIPPED) continue;
        return slot;
      }
      const slot = this._arrived.shift();
      if (slot !== undefined) {
        this._yielded++;
        return slot;
      }
      return this._yielded >= this._total ? 'done' : null;
    }
  }

  /** The next result; waits at most `timeout` seconds (then TimeoutError). */
  async next(timeout: number | null = null): Promise<IteratorResult<T>> {
    for (;;) {
      const slot = this._take();
      if (slot === 'done') return { done: true, value: undefined };
      if (slot !== null) {
        if (!slot.ok) throw slot.error;
        return { done: false, value: slot.value };
      }
      if (!(await this._signal.wait(timeout, 'IMapIterator.next()'))) throw new TimeoutError();
    }
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

const SKIPPED = Symbol('skipped');
