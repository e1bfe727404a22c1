// multiprocessing.pool.ThreadPool: Pool's API on green threads of this process (#runtime/threading). Nothing
// is copied and any function works (a lambda, a closure), as in CPython; the tasks share this process's
// objects and run one at a time, switching at awaits: right for I/O-bound work (the course's downloads), no
// faster for CPU-bound work (the GIL lesson). Waits and timeouts use this process's scheduler clock, so
// ThreadPool code runs deterministically under #runtime/testing's virtual clock.
import { Event, Semaphore, Thread } from '../../threading/index.ts';
import { ValueError } from '../errors.ts';
import { cpuCount } from '../current.ts';
import { splitChunks } from './chunks.ts';
import type { DoneSignal } from './signal.ts';
import { PoolApi, type ChunkHandlers } from './api.ts';

type Fn = (...args: never[]) => unknown;

/** A DoneSignal on threading.Event: waiting is a scheduler block (virtual clock, deadlock reports). */
class ThreadSignal implements DoneSignal {
  private readonly _event = new Event();
  set(): void {
    this._event.set();
  }
  isSet(): boolean {
    return this._event.isSet();
  }
  wait(timeout: number | null): Promise<boolean> {
    return this._event.wait(timeout);
  }
}

interface Task {
  run: () => Promise<void>;
}

type PoolState = 'RUN' | 'CLOSE' | 'TERMINATE';

export class ThreadPool extends PoolApi {
  private readonly _threads: Thread[] = [];
  private readonly _tasks: Array<Task | null> = [];
  private readonly _available = new Semaphore(0);
  private _state: PoolState = 'RUN';
  private readonly _size: number;

  constructor(processes: number | null = null, initializer: Fn | null = null, initargs: readonly unknown[] = []) {
    super();
    const n = processes ?? cpuCount();
    if (!Number.isInteger(n) || n < 1) throw new ValueError('Number of processes must be at least 1');
    this._size = n;
    for (let i = 0; i < n; i++) {
      const thread = new Thread({ target: worker, args: [this, initializer, initargs], daemon: true });
      this._threads.push(thread);
      thread.start();
    }
  }

  override get processes(): number {
    return this._size;
  }

  /** @internal The next task for a worker thread (null: exit). */
  async _next(): Promise<Task | null> {
    await this._available.acquire();
    return this._tasks.shift() ?? null;
  }

  private _push(task: Task | null): void {
    this._tasks.push(task);
    this._available.release();
  }

  protected override _checkRunning(): void {
    if (this._state !== 'RUN') throw new ValueError('Pool not running');
  }

  /** Runs fn over chunks; calls back per chunk, then once at the end. */
  protected override _signal(): DoneSignal {
    return new ThreadSignal();
  }

  protected override _submit(fn: Fn, items: readonly unknown[], chunksize: number, star: boolean, handlers: ChunkHandlers): void {
    const { onChunk, onError, onDone } = handlers;
    const chunks = splitChunks(items, chunksize);
    let remaining = chunks.length;
    if (remaining === 0) {
      onDone();
      return;
    }
    for (const [start, part] of chunks) {
      this._push({
        run: async () => {
          try {
            const values: unknown[] = [];
            for (const item of part) {
              const call = fn as (...a: unknown[]) => unknown;
              values.push(await (star ? call(...(item as unknown[])) : call(item)));
            }
            onChunk(start, values);
          } catch (error) {
            onError(start, part.length, error);
          }
          if (--remaining === 0) onDone();
        },
      });
    }
  }

  /** No more tasks: the worker threads end after the submitted ones. */
  close(): void {
    if (this._state !== 'RUN') return;
    this._state = 'CLOSE';
    for (let i = 0; i < this._size; i++) this._push(null);
  }

  /** Drops the tasks not started yet (green threads cannot be killed: running tasks finish). */
  terminate(): void {
    if (this._state === 'TERMINATE') return;
    this._state = 'TERMINATE';
    this._tasks.length = 0;
    for (let i = 0; i < this._size; i++) this._push(null);
  }

  async join(): Promise<void> {
    if (this._state === 'RUN') throw new ValueError('Pool is still running');
    for (const thread of this._threads) await thread.join();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.terminate();
    await this.join();
  }

  override toString(): string {
    return `<multiprocessing.pool.ThreadPool state=${this._state} pool_size=${this._size}>`;
  }
}

/** A ThreadPool worker thread (named "Thread-N (worker)", as CPython 3.11 names them). */
async function worker(pool: ThreadPool, initializer: Fn | null, initargs: readonly unknown[]): Promise<void> {
  if (initializer !== null) await (initializer as (...a: unknown[]) => unknown)(...initargs);
  for (;;) {
    const task = await pool._next();
    if (task === null) return;
    await task.run();
  }
}
