// The event loop of asyncio.run(): owns the set of tasks, schedules callbacks (call_soon / call_later) and
// bridges to threads (run_in_executor). There is no loop thread spinning here: tasks are fibers of the shared
// scheduler, which already runs one thing at a time in FIFO order on the shared (virtual or real) clock. A
// callback runs on a short-lived fiber of its own, so it queues behind the tasks already runnable, as
// CPython's ready queue does, and sees the loop as running.
import { writeOutput, type Fiber, type Scheduler, type TimerHandle as CoreTimer } from '../core/index.ts';
import { Future } from './futures.ts';
import { Task, taskCounter, type Thunk } from './tasks.ts';
import { LOOP_KEY, runningLoopOrNull, taskOf } from './context.ts';
import { RuntimeError, refuseAwaitable } from './errors.ts';
import { ThreadPoolExecutor, type Executor } from './executor.ts';

/** What runInExecutor() uses of a #runtime/multiprocessing Pool (duck-typed: no import of multiprocessing here). */
export interface ProcessPoolLike {
  applyAsync(fn: never, args: readonly unknown[]): { get(): Promise<unknown> };
}

function isProcessPool(value: unknown): value is ProcessPoolLike {
  return typeof (value as { applyAsync?: unknown }).applyAsync === 'function';
}

/** A callback scheduled with callSoon(); cancel() before it runs and it never does. */
export class Handle {
  protected _cancelled = false;
  cancel(): void {
    this._cancelled = true;
  }
  cancelled(): boolean {
    return this._cancelled;
  }
}

/** A callback scheduled with callLater()/callAt(). */
export class TimerHandle extends Handle {
  private readonly _when: number;
  _timer: CoreTimer | null = null;
  constructor(when: number) {
    super();
    this._when = when;
  }
  /** The loop time at which it is due. */
  when(): number {
    return this._when;
  }
  override cancel(): void {
    super.cancel();
    this._timer?.cancel();
    this._timer = null;
  }
}

export class EventLoop {
  readonly scheduler: Scheduler;
  /** The thread that called run(): threading.currentThread() inside the loop's tasks. */
  readonly thread: Fiber;
  /**
   * Tasks not done yet (asyncio.all_tasks()), in creation order. Found through the scheduler's live fibers
   * rather than kept in a set of our own: nothing to add and remove per task.
   */
  _liveTasks(): Task<unknown>[] {
    const tasks: Task<unknown>[] = [];
    for (const fiber of this.scheduler.fibers) {
      const task = taskOf(fiber);
      if (task !== null && task.getLoop() === this && !task.done()) tasks.push(task);
    }
    return tasks;
  }
  private _closed = false;
  private _defaultExecutor: ThreadPoolExecutor | null = null;
  /** Futures and tasks that failed and whose exception nobody has looked at yet. */
  private readonly _unretrievedErrors = new Set<Future<unknown>>();

  /** The program's (simulation's) task-name counter: Task-1, Task-2, ... across loops. */
  readonly _taskCounter: { n: number };

  constructor(scheduler: Scheduler, thread: Fiber) {
    this.scheduler = scheduler;
    this.thread = thread;
    this._taskCounter = taskCounter(scheduler);
  }

  /** Seconds on the loop's clock (the scheduler's: virtual in tests). */
  time(): number {
    return this.scheduler.now();
  }

  isRunning(): boolean {
    return !this._closed;
  }

  isClosed(): boolean {
    return this._closed;
  }

  close(): void {
    // From one of its own tasks or callbacks: CPython refuses to close a loop that is running.
    if (runningLoopOrNull() === this) throw new RuntimeError('Cannot close a running event loop');
    if (this._closed) return;
    this._closed = true;
    for (const fut of this._unretrievedErrors) {
      const kind = fut instanceof Task ? 'Task' : 'Future';
      this.callExceptionHandler({
        message: `${kind} exception was never retrieved\nfuture: ${String(fut)}`,
        exception: fut.exception(),
      });
    }
    this._unretrievedErrors.clear();
  }

  _unretrieved(fut: Future<unknown>): void {
    this._unretrievedErrors.add(fut);
  }

  _retrieved(fut: Future<unknown>): void {
    if (this._unretrievedErrors.size > 0) this._unretrievedErrors.delete(fut);
  }

  private _checkClosed(): void {
    if (this._closed) throw new RuntimeError('Event loop is closed');
  }

  /** Runs fn(...args) on the next turn, after everything already runnable (FIFO). */
  callSoon<A extends unknown[]>(fn: (...args: A) => unknown, ...args: A): Handle {
    this._checkClosed();
    if (typeof fn !== 'function') throw new TypeError('a callable object was expected by call_soon()');
    const handle = new Handle();
    this._spawnCallback(handle, fn, args);
    return handle;
  }

  /** Runs fn(...args) after `delay` seconds on the loop's clock. */
  callLater<A extends unknown[]>(delay: number, fn: (...args: A) => unknown, ...args: A): TimerHandle {
    return this.callAt(this.time() + delay, fn, ...args);
  }

  /** Runs fn(...args) when the loop's clock reaches `when`. */
  callAt<A extends unknown[]>(when: number, fn: (...args: A) => unknown, ...args: A): TimerHandle {
    this._checkClosed();
    if (typeof when !== 'number' || Number.isNaN(when)) {
      throw new TypeError(`callAt(when): when must be a number of seconds on the loop's clock (loop.time()), not ${when === null ? 'null' : typeof when}`);
    }
    if (typeof fn !== 'function') throw new TypeError('a callable object was expected by call_later()');
    const handle = new TimerHandle(when);
    handle._timer = this.scheduler.callLater(when - this.time(), () => {
      handle._timer = null;
      if (!handle.cancelled() && !this._closed) this._spawnCallback(handle, fn, args);
    });
    return handle;
  }

  private _spawnCallback<A extends unknown[]>(handle: Handle, fn: (...args: A) => unknown, args: A): void {
    const fiber = this.scheduler.spawn(
      () => {
        if (handle.cancelled()) return;
        try {
          const out = fn(...args);
          // An async callback is not awaited by asyncio either; report its failure instead of losing it.
          if (out instanceof Promise) out.catch((error: unknown) => this._reportCallbackError(fn, error));
        } catch (error) {
          this._reportCallbackError(fn, error);
        }
      },
      { name: 'callback', kind: 'task', owner: this.thread },
    );
    fiber.locals.set(LOOP_KEY, this);
  }

  private _reportCallbackError(fn: unknown, error: unknown): void {
    const name = typeof fn === 'function' && fn.name ? fn.name : 'callback';
    this.callExceptionHandler({ message: `Exception in callback ${name}()`, exception: error });
  }

  /** Reports an error nobody can catch (a failing callback) on stderr, as asyncio's default handler does. */
  callExceptionHandler(context: { message: string; exception?: unknown }): void {
    const error = context.exception;
    const detail = error instanceof Error ? (error.stack ?? String(error)) : String(error);
    writeOutput(`${context.message}\n${error === undefined ? '' : `${detail}\n`}`, 'stderr');
  }

  createFuture<T = unknown>(): Future<T> {
    return new Future<T>({ loop: this });
  }

  createTask<T>(thunk: Thunk<T>, options: { name?: string | null } = {}): Task<T> {
    this._checkClosed();
    if (typeof thunk !== 'function') refuseAwaitable('createTask', thunk);
    return new Task<T>(thunk, { loop: this, name: options.name ?? null });
  }

  /**
   * Runs fn(...args) in an executor and returns a Future of its result. `executor` null uses the loop's default
   * ThreadPoolExecutor (green threads named asyncio_0, asyncio_1, ...); a #runtime/multiprocessing Pool runs it
   * in a worker process (Python's ProcessPoolExecutor role).
   */
  runInExecutor<A extends unknown[], R>(
    executor: Executor | ProcessPoolLike | null,
    fn: (...args: A) => R | PromiseLike<R>,
    ...args: A
  ): Future<Awaited<R>> {
    this._checkClosed();
    const future = this.createFuture<Awaited<R>>();
    if (executor !== null && isProcessPool(executor)) {
      // A #runtime/multiprocessing Pool: the work runs in a worker process (fn must be an exported function).
      // A helper fiber waits for it as external work, so the virtual clock holds still meanwhile.
      const result = executor.applyAsync(fn as never, args);
      const helper = this.scheduler.spawn(
        async () => {
          try {
            const value = (await result.get()) as Awaited<R>;
            if (!future.done()) future.setResult(value);
          } catch (error) {
            if (!future.done()) future.setException(error);
          }
        },
        { name: 'runInExecutor(Pool)', kind: 'task', owner: this.thread, daemon: true },
      );
      helper.locals.set(LOOP_KEY, this);
      return future;
    }
    const pool = executor ?? (this._defaultExecutor ??= new ThreadPoolExecutor({ threadNamePrefix: 'asyncio' }));
    pool._submitTo(future, fn, args);
    return future;
  }

  /** Waits for the default executor's threads to finish (asyncio.run does this before closing). */
  async shutdownDefaultExecutor(): Promise<void> {
    const pool = this._defaultExecutor;
    this._defaultExecutor = null;
    if (pool !== null) await pool.shutdown(true);
  }

  toString(): string {
    return `<EventLoop running=${!this._closed} closed=${this._closed}>`;
  }
}
