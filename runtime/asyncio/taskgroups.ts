// asyncio.TaskGroup (Python 3.11), ported from CPython's taskgroups.py. Python writes
// `async with asyncio.TaskGroup() as tg:`; here `await new TaskGroup().run(async (tg) => { tg.createTask(...) })`.
// When the block ends it waits for every child. The first child error cancels the others and the parent;
// all the errors then leave as one ExceptionGroup.
import type { EventLoop } from './events.ts';
import type { Task, Thunk } from './tasks.ts';
import { getRunningLoop } from './context.ts';
import { currentTask } from './tasks.ts';
import { CancelledError, ExceptionGroup, RuntimeError } from './errors.ts';
import type { Future } from './futures.ts';

export class TaskGroup {
  private _entered = false;
  private _exiting = false;
  private _aborting = false;
  private _loop: EventLoop | null = null;
  private _parentTask: Task<unknown> | null = null;
  private _parentCancelRequested = false;
  private readonly _tasks = new Set<Task<unknown>>();
  private _errors: unknown[] = [];
  private _onCompletedFut: Future<boolean> | null = null;

  /** `__aenter__`: must run inside a task. */
  async enter(): Promise<this> {
    if (this._entered) throw new RuntimeError(`TaskGroup ${String(this)} has already been entered`);
    this._entered = true;
    this._loop ??= getRunningLoop();
    this._parentTask = currentTask();
    if (this._parentTask === null) throw new RuntimeError(`TaskGroup ${String(this)} cannot determine the parent task`);
    return this;
  }

  /** `__aexit__`: pass the error that left the block, if any. Waits for every child, then raises. */
  async exit(error?: unknown, hasError = error !== undefined): Promise<void> {
    this._exiting = true;
    let propagateCancellation: unknown = hasError && error instanceof CancelledError ? error : null;
    if (this._parentCancelRequested) {
      // The cancellation we sent to the parent (on a child's error) is ours to absorb.
      if (this._parentTask!.uncancel() === 0) propagateCancellation = null;
    }
    if (hasError && !this._aborting) this._abort();
    while (this._tasks.size > 0) {
      this._onCompletedFut ??= this._loop!.createFuture<boolean>();
      try {
        await this._onCompletedFut;
      } catch (e) {
        if (!(e instanceof CancelledError)) throw e;
        if (!this._aborting) {
          propagateCancellation = e;
          this._abort();
        }
      }
      this._onCompletedFut = null;
    }
    if (propagateCancellation !== null && this._errors.length === 0) throw propagateCancellation;
    if (hasError && !(error instanceof CancelledError)) this._errors.push(error);
    if (this._errors.length > 0) {
      const errors = this._errors;
      this._errors = [];
      throw new ExceptionGroup('unhandled errors in a TaskGroup', errors);
    }
  }

  /** Runs `body` with this group (Python's `async with`), then waits for the group's tasks. */
  async run<T>(body: (tg: this) => PromiseLike<T> | T): Promise<T> {
    await this.enter();
    let result: T;
    try {
      result = await body(this);
    } catch (error) {
      await this.exit(error, true);
      throw error;
    }
    await this.exit();
    return result;
  }

  /** Starts a task that belongs to the group. */
  createTask<T>(thunk: Thunk<T>, options: { name?: string | null } = {}): Task<T> {
    if (!this._entered) throw new RuntimeError(`TaskGroup ${String(this)} has not been entered`);
    if (this._exiting && this._tasks.size === 0) throw new RuntimeError(`TaskGroup ${String(this)} is finished`);
    if (this._aborting) throw new RuntimeError(`TaskGroup ${String(this)} is shutting down`);
    const task = this._loop!.createTask(thunk, options);
    // On the next turn, as in CPython: siblings already woken at this instant still run their step first.
    task.addDoneCallback(() => this._onTaskDone(task as Task<unknown>));
    this._tasks.add(task as Task<unknown>);
    return task;
  }

  private _abort(): void {
    this._aborting = true;
    for (const t of this._tasks) if (!t.done()) t.cancel();
  }

  private _onTaskDone(task: Task<unknown>): void {
    this._tasks.delete(task);
    if (this._onCompletedFut !== null && this._tasks.size === 0 && !this._onCompletedFut.done()) {
      this._onCompletedFut.setResult(true);
    }
    if (task.cancelled()) return;
    const exc = task.exception();
    if (exc === null) return;
    this._errors.push(exc);
    if (this._parentTask!.done()) {
      this._loop!.callExceptionHandler({
        message: `Task ${String(task)} has errored out but its parent task ${String(this._parentTask)} is already completed`,
        exception: exc,
      });
      return;
    }
    if (!this._aborting && !this._parentCancelRequested) {
      this._abort();
      this._parentCancelRequested = true;
      this._parentTask!.cancel();
    }
  }

  toString(): string {
    const info: string[] = [];
    if (this._tasks.size) info.push(`tasks=${this._tasks.size}`);
    if (this._errors.length) info.push(`errors=${this._errors.length}`);
    if (this._aborting) info.push('cancelling');
    else if (this._entered) info.push('entered');
    return `<TaskGroup${info.map((s) => ` ${s}`).join('')}>`;
  }
}
