// multiprocessing.Pool: a fixed set of worker processes (daemon children named SpawnPoolWorker-N) that run
// chunks of work in parallel. The parent hands each ready worker at most two chunks at a time (one running,
// one waiting), so a slow chunk does not hold back the others. A task that throws fails only its own job, with
// the worker's traceback as the error's cause; a worker that dies is replaced (its unfinished chunk fails its
// job with ProcessError: CPython would wait forever). Timeouts are real seconds (workers are other processes).
import { loads, type Pickled } from '../reduction.ts';
import type { TransferListItem } from 'node:worker_threads';
import type { Target } from '../process.ts';
import { PoolWorkerProcess } from './worker-process.ts';
import { callerModule, locateTarget } from '../spawn/target.ts';
import { bundleFor } from '../spawn/bundler.ts';
import { cpuCount } from '../current.ts';
import { state } from '../state.ts';
import { PicklingError, ProcessError, ValueError } from '../errors.ts';
import type { FunctionRef, ReadyMessage, ResultMessage } from '../spawn/child/protocol.ts';
import { pickleChunk, splitChunks } from './chunks.ts';
import { rebuildRemoteError } from './remote-error.ts';
import { ExternalSignal, type DoneSignal } from './signal.ts';
import { PoolApi, type ChunkHandlers } from './api.ts';

export interface PoolOptions {
  processes?: number | null;
  initializer?: Target | null;
  initargs?: readonly unknown[];
  /** Replace a worker after it has run this many chunks (Python's maxtasksperchild). */
  maxtasksperchild?: number | null;
}

interface Chunk {
  job: Job;
  start: number;
  size: number;
  items: unknown[];
}

interface Job extends ChunkHandlers {
  id: number;
  fn: Promise<FunctionRef>;
  star: boolean;
  remaining: number;
}

interface Worker {
  process: PoolWorkerProcess;
  ready: boolean;
  /** Chunks sent and not answered, by "job:start". */
  outstanding: Map<string, Chunk>;
  tasksRun: number;
}

type PoolState = 'RUN' | 'CLOSE' | 'TERMINATE';
const PREFETCH = 2;

export class Pool extends PoolApi {
  private readonly _processes: number;
  private readonly _initializer: Target | null;
  private readonly _initargs: readonly unknown[];
  private readonly _maxTasks: number | null;
  private readonly _caller: string | null;
  private readonly _workers = new Set<Worker>();
  private readonly _pending: Chunk[] = [];
  private readonly _jobs = new Map<number, Job>();
  private readonly _refs = new WeakMap<Target, Promise<FunctionRef>>();
  private _state: PoolState = 'RUN';
  private _nextJob = 1;
  private _failedStarts = 0;
  private readonly _allExited = new ExternalSignal();

  constructor(
    processes: number | null | PoolOptions = null,
    initializer: Target | null = null,
    initargs: readonly unknown[] = [],
    maxtasksperchild: number | null = null,
  ) {
    super();
    const options: PoolOptions =
      typeof processes === 'object' && processes !== null
        ? processes
        : { processes, initializer, initargs, maxtasksperchild };
    const n = options.processes ?? cpuCount();
    if (!Number.isInteger(n) || n < 1) throw new ValueError('Number of processes must be at least 1');
    if (options.initializer != null && typeof options.initializer !== 'function') {
      throw new TypeError('initializer must be a callable');
    }
    this._processes = n;
    this._initializer = options.initializer ?? null;
    this._initargs = options.initargs ?? [];
    const maxTasks = options.maxtasksperchild ?? null;
    if (maxTasks !== null && !(Number.isInteger(maxTasks) && maxTasks > 0)) {
      throw new ValueError('maxtasksperchild must be a positive int or None');
    }
    this._maxTasks = maxTasks;
    this._caller = callerModule(new Error().stack);
    for (let i = 0; i < n; i++) this._spawn();
  }

  override get processes(): number {
    return this._processes;
  }

  // ---- workers ----

  private _spawn(): void {
    const process = new PoolWorkerProcess({
      initializer: this._initializer,
      initargs: this._initargs,
      caller: this._caller,
      onMessage: (message) => this._onMessage(worker, message),
    });
    process.name = `SpawnPoolWorker-${[...state.identity, state.childCounter].join(':')}`;
    const worker: Worker = { process, ready: false, outstanding: new Map(), tasksRun: 0 };
    this._workers.add(worker);
    process.start();
    void process._whenExited()?.then(() => this._onExit(worker));
  }

  private _onMessage(worker: Worker, message: ReadyMessage | ResultMessage): void {
    if (message.kind === 'ready') {
      worker.ready = true;
      this._failedStarts = 0;
      this._dispatch();
      return;
    }
    const key = `${message.job}:${message.chunk}`;
    const chunk = worker.outstanding.get(key);
    worker.outstanding.delete(key);
    worker.tasksRun++;
    if (chunk !== undefined) {
      if (message.ok) this._chunkDone(chunk, loads(message.value) as unknown[]);
      else this._chunkFailed(chunk, rebuildRemoteError(message.error));
    }
    if (this._maxTasks !== null && worker.tasksRun >= this._maxTasks && worker.outstanding.size === 0) {
      this._retire(worker);
    }
    this._dispatch();
  }

  private _retire(worker: Worker): void {
    worker.ready = false;
    worker.process.post({ kind: 'stop' });
  }

  private _onExit(worker: Worker): void {
    this._workers.delete(worker);
    const code = worker.process.exitcode;
    for (const chunk of worker.outstanding.values()) {
      const why =
        this._state === 'TERMINATE'
          ? 'the pool was terminated'
          : `pool worker ${worker.process.name} exited with exitcode ${code} while running this task`;
      this._chunkFailed(chunk, new ProcessError(why));
    }
    worker.outstanding.clear();
    if (!worker.ready && code !== 0) this._failedStarts++;
    if (this._state === 'TERMINATE' || (this._state === 'CLOSE' && this._pending.length === 0)) {
      if (this._workers.size === 0) this._allExited.set();
      return;
    }
    if (this._failedStarts >= 3) {
      // The workers cannot even start (an initializer that fails, a module that does not load): stop
      // replacing them and fail what waits, instead of CPython's endless respawning.
      const error = new ProcessError('pool workers keep failing to start (see the traceback above)');
      for (const chunk of this._pending.splice(0)) this._chunkFailed(chunk, error);
      if (this._workers.size === 0) this._allExited.set();
      return;
    }
    this._spawn();
    // The replacement starts unreferenced (a daemon): if every worker just retired, it alone must keep the
    // program alive until it is ready for the waiting work (else a top-level `await res.get()` ends the program).
    this._dispatch();
  }

  private _dispatch(): void {
    // Like CPython's shared task queue, an idle worker takes the next chunk; a second chunk in advance only
    // when there is more work than workers (so a worker still starting is not left without any).
    for (;;) {
      if (this._pending.length === 0) break;
      const limit = this._pending.length > this._workers.size ? PREFETCH : 1;
      let best: Worker | null = null;
      for (const worker of this._workers) {
        if (!worker.ready || worker.outstanding.size >= limit) continue;
        if (best === null || worker.outstanding.size < best.outstanding.size) best = worker;
      }
      if (best === null) break;
      void this._send(best, this._pending.shift() as Chunk);
    }
    let busy = false;
    for (const worker of this._workers) busy ||= worker.outstanding.size > 0;
    // Daemon workers keep the program alive only while they have work the program waits for, or while they
    // are on their way out after close() (else a top-level `await pool.join()` finds an empty event loop).
    const keep = busy || this._pending.length > 0 || this._state === 'CLOSE';
    for (const worker of this._workers) worker.process.keepAlive(keep);
    if (this._state === 'CLOSE' && this._pending.length === 0) {
      for (const worker of this._workers) if (worker.ready && worker.outstanding.size === 0) this._retire(worker);
    }
  }

  private async _send(worker: Worker, chunk: Chunk): Promise<void> {
    const key = `${chunk.job.id}:${chunk.start}`;
    worker.outstanding.set(key, chunk);
    let fn: FunctionRef;
    try {
      fn = await chunk.job.fn;
    } catch (error) {
      worker.outstanding.delete(key);
      this._chunkFailed(chunk, error);
      this._dispatch();
      return;
    }
    let pickled: Pickled;
    let transfer: TransferListItem[];
    try {
      ({ pickled, transfer } = pickleChunk(chunk.items));
    } catch (error) {
      // An argument that cannot go to a worker (a Lock...): that call fails, the pool goes on.
      worker.outstanding.delete(key);
      this._chunkFailed(chunk, error);
      this._dispatch();
      return;
    }
    try {
      worker.process.post(
        { kind: 'task', job: chunk.job.id, chunk: chunk.start, fn, star: chunk.job.star, items: pickled },
        transfer,
      );
    } catch (error) {
      // Something dumps() let through that structured clone still refuses (a WeakMap, a Promise inside a class
      // instance): CPython's PicklingError through get(), never an uncaught DataCloneError.
      worker.outstanding.delete(key);
      this._chunkFailed(chunk, new PicklingError(`Can't pickle an argument: ${(error as Error).message}`));
      this._dispatch();
    }
  }

  private _chunkDone(chunk: Chunk, values: unknown[]): void {
    chunk.job.onChunk(chunk.start, values);
    this._finishChunk(chunk.job);
  }

  private _chunkFailed(chunk: Chunk, error: unknown): void {
    const job = chunk.job;
    job.onError(chunk.start, chunk.size, error);
    this._finishChunk(job);
  }

  private _finishChunk(job: Job): void {
    job.remaining--;
    if (job.remaining === 0) {
      this._jobs.delete(job.id);
      job.onDone();
    }
  }

  // ---- jobs ----

  protected override _checkRunning(): void {
    if (this._state !== 'RUN') throw new ValueError('Pool not running');
  }

  private _ref(fn: Target): Promise<FunctionRef> {
    let ref = this._refs.get(fn);
    if (ref === undefined) {
      const caller = callerModule(new Error().stack);
      ref = (async () => {
        if (typeof fn !== 'function') throw new TypeError(`'${typeof fn}' object is not callable`);
        const found = await locateTarget(fn, null, caller);
        return { ...found, entryUrl: await bundleFor(found.modulePath) };
      })();
      ref.catch(() => {});
      this._refs.set(fn, ref);
    }
    return ref;
  }

  protected override _signal(): DoneSignal {
    return new ExternalSignal();
  }

  protected override _submit(fn: Target, items: readonly unknown[], chunksize: number, star: boolean, handlers: ChunkHandlers): void {
    const job: Job = { id: this._nextJob++, fn: this._ref(fn), star, remaining: 0, ...handlers };
    const chunks = splitChunks(items, chunksize);
    job.remaining = chunks.length;
    if (chunks.length === 0) {
      job.onDone();
      return;
    }
    this._jobs.set(job.id, job);
    for (const [start, part] of chunks) this._pending.push({ job, start, size: part.length, items: part });
    this._dispatch();
  }

  // ---- lifecycle ----

  /** No more tasks: workers exit once the submitted ones are done. */
  close(): void {
    if (this._state === 'RUN') this._state = 'CLOSE';
    this._dispatch();
  }

  /** Stops the workers at once; unfinished jobs fail with ProcessError. */
  terminate(): void {
    if (this._state === 'TERMINATE') return;
    this._state = 'TERMINATE';
    const error = new ProcessError('the pool was terminated');
    for (const chunk of this._pending.splice(0)) this._chunkFailed(chunk, error);
    for (const worker of this._workers) {
      worker.process.keepAlive(true); // until its exit is seen: join() waits for it
      worker.process.terminate();
    }
    if (this._workers.size === 0) this._allExited.set();
  }

  /** Waits for the workers to exit; call close() or terminate() first. */
  async join(): Promise<void> {
    if (this._state === 'RUN') throw new ValueError('Pool is still running');
    await this._allExited.wait(null, 'Pool.join()');
  }

  /** `await using pool = new Pool()`: Python's `with Pool() as pool:` terminates the pool on exit. */
  async [Symbol.asyncDispose](): Promise<void> {
    this.terminate();
    await this.join();
  }

  override toString(): string {
    return `<multiprocessing.pool.Pool state=${this._state} pool_size=${this._processes}>`;
  }
}
