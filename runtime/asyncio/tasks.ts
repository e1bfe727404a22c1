// asyncio.Task: a Future that runs a coroutine (here a thunk, `() => work(x)`) on its own fiber of the shared
// scheduler. Cancellation follows CPython's Task: cancel() cancels the future the task awaits (so an inner task
// is cancelled too), or fails the fiber's current block (sleep, a threading primitive), or is remembered and
// raised at the task's next await when it is running or about to run.
import { ASYNCIO_SLEEP, currentScheduler, type Fiber, type Scheduler } from '../core/index.ts';
import { CancelledError, RuntimeError, refuseAwaitable } from './errors.ts';
import { Future, isFuture } from './futures.ts';
import { getRunningLoop, runningLoopOrNull, setTaskOf, taskOf } from './context.ts';
import type { EventLoop } from './events.ts';

/** Work for a task: a function starting it (Python's coroutine object), returning a promise or a value. */
export type Thunk<T> = () => PromiseLike<T> | T;
/** Anything the asyncio functions accept where Python takes an awaitable. */
export type AwaitableLike<T> = Thunk<T> | Future<T>;

const counters = new WeakMap<Scheduler, { n: number }>();

/**
 * CPython numbers every task (named or not) per process; here per scheduler, so each simulation starts at 1.
 * Each loop keeps the scheduler's counter object, so creating a task does no map lookup.
 */
export function taskCounter(scheduler: Scheduler): { n: number } {
  let counter = counters.get(scheduler);
  if (counter === undefined) counters.set(scheduler, (counter = { n: 0 }));
  return counter;
}

export class Task<T = unknown> extends Future<T> {
  /** The future this task is parked on (CPython's _fut_waiter): cancel() cancels it. */
  _futWaiter: Future<unknown> | null = null;
  /** cancel() arrived while the task could not be interrupted: raise CancelledError at its next await. */
  _mustCancel = false;
  private _taskCancelMessage: string | undefined = undefined;
  private _numCancelsRequested = 0;
  private _name: string;
  /** The fiber running the task; dropped once it has finished (a big gather keeps its tasks, not their fibers). */
  _fiber: Fiber | null;

  constructor(thunk: Thunk<T>, options: { loop: EventLoop; name?: string | null }) {
    super({ loop: options.loop });
    const loop = options.loop;
    const number = ++loop._taskCounter.n;
    this._name = options.name ?? `Task-${number}`;
    // Spawned now, runs on the next turn after what is already runnable (CPython's call_soon(__step)).
    const fiber = loop.scheduler.spawn(() => this._start(thunk), { name: this._name, kind: 'task', owner: loop.thread });
    this._fiber = fiber;
    setTaskOf(fiber, this as Task<unknown>);
    fiber.doneCallbacks.push(settleTask);
  }

  /**
   * The fiber's body: starts the work. The scheduler awaits what it returns and records the outcome on the
   * fiber; settleTask() then settles the task from it (no promise or closure of our own per task).
   */
  private _start(thunk: Thunk<T>): PromiseLike<T> | T {
    if (this._mustCancel) {
      // Cancelled before its first step: the coroutine never runs.
      this._mustCancel = false;
      throw this._cancelErrorForStep();
    }
    return thunk();
  }

  /** Called by the scheduler when the task's fiber has finished. */
  _settle(fiber: Fiber): void {
    this._fiber = null;
    if (fiber.failed) this._fail(fiber.error);
    else this._succeed(fiber.result as T);
  }

  private _succeed(value: T): void {
    if (this._mustCancel) {
      // cancel() was called while it ran its last step: it ends cancelled, as in CPython.
      this._mustCancel = false;
      super.cancel(this._taskCancelMessage);
    } else {
      super.setResult(value);
    }
  }

  private _fail(error: unknown): void {
    if (error instanceof CancelledError) {
      this._cancelledExc = error;
      super.cancel();
    } else {
      super.setException(error);
    }
  }

  getName(): string {
    return this._name;
  }

  setName(name: unknown): void {
    this._name = String(name);
    if (this._fiber !== null) this._fiber.name = this._name;
  }

  /** Tasks complete by running; setting their result from outside is an error, as in Python. */
  override setResult(_value: T): never {
    throw new RuntimeError('Task does not support set_result operation');
  }

  override setException(_error: unknown): never {
    throw new RuntimeError('Task does not support set_exception operation');
  }

  /**
   * Requests cancellation: CancelledError is raised inside the task at the await it is parked on (or its next
   * one). Returns false if the task is already done. The task may catch it and go on (then it is not cancelled).
   */
  override cancel(msg?: string | null): boolean {
    if (this.done()) return false;
    this._numCancelsRequested++;
    if (this._futWaiter !== null && this._futWaiter.cancel(msg)) return true;
    this._mustCancel = true;
    this._taskCancelMessage = msg ?? undefined;
    const fiber = this._fiber;
    if (fiber === null) return true; // finishing right now: its outcome is being recorded
    if (fiber.state === 'blocked' && this._futWaiter === null) {
      // Parked on a sleep or on a threading primitive: fail that wait (the blocker unlinks itself).
      this._mustCancel = false;
      fiber.scheduler.fail(fiber, this._cancelErrorForStep());
    } else if (fiber.state === 'runnable' && fiber.pending !== null) {
      // Woken but not yet running again: its await raises instead of returning (CPython's __step throw).
      this._mustCancel = false;
      fiber.pending = { ok: false, error: this._cancelErrorForStep() };
    }
    return true;
  }

  /** How many cancellation requests are pending (Python 3.11's Task.cancelling()). */
  cancelling(): number {
    return this._numCancelsRequested;
  }

  /** Decrements the pending cancellation requests (used by timeout() and TaskGroup); returns what is left. */
  uncancel(): number {
    if (this._numCancelsRequested > 0) this._numCancelsRequested--;
    return this._numCancelsRequested;
  }

  _cancelMessageForWaiter(): string | undefined {
    return this._taskCancelMessage;
  }

  private _cancelErrorForStep(): CancelledError {
    return new CancelledError(this._taskCancelMessage);
  }

  protected override _awaitDescription(): string {
    return `await Task '${this._name}'`;
  }

  protected override _holder(): Fiber | null {
    return this._fiber;
  }

  override toString(): string {
    const { state, detail } = this._stateText();
    return `<Task ${state} name='${this._name}'${detail}>`;
  }
}

/** One shared done-callback for every task fiber. */
function settleTask(fiber: Fiber): void {
  taskOf(fiber)!._settle(fiber);
}

/** asyncio.create_task(): schedules `thunk` to run as a task of the running loop. */
export function createTask<T>(thunk: Thunk<T>, options: { name?: string | null } = {}): Task<T> {
  if (typeof thunk !== 'function') refuseAwaitable('createTask', thunk);
  return getRunningLoop().createTask(thunk, options);
}

/** asyncio.current_task(): the Task running the calling code (null in a loop callback). */
export function currentTask(): Task<unknown> | null {
  getRunningLoop();
  return taskOf(runningFiber());
}

function runningFiber(): Fiber {
  const loop = getRunningLoop();
  return loop.scheduler.current();
}

/** asyncio.all_tasks(): the running loop's tasks that are not done yet. */
export function allTasks(): Set<Task<unknown>> {
  return new Set(getRunningLoop()._liveTasks());
}

/**
 * asyncio.ensure_future(): a Future or Task is returned as is; a thunk becomes a Task. `api` names the caller in
 * the error for an already-running Promise.
 */
export function ensureFuture<T>(
  aw: AwaitableLike<T>,
  options: { loop?: EventLoop; api?: string; index?: number } = {},
): Future<T> {
  if (isFuture(aw)) return aw as Future<T>;
  if (typeof aw !== 'function') refuseAwaitable(options.api ?? 'ensureFuture', aw, options.index ?? 0);
  const loop = options.loop ?? runningLoopOrNull() ?? getRunningLoop();
  return loop.createTask(aw);
}

/**
 * asyncio.sleep(): suspends the calling task for `delay` seconds on the loop's clock and returns `result`.
 * sleep(0) (or a negative delay) just lets every other runnable task and thread go first.
 */
export async function sleep<T = undefined>(delay: number, result?: T): Promise<T> {
  if (typeof delay !== 'number' || Number.isNaN(delay)) {
    throw new TypeError(`'${typeof delay}' object cannot be interpreted as a float`);
  }
  const scheduler = currentScheduler();
  const task = taskOf(scheduler.current());
  if (task !== null && task._mustCancel) {
    // cancel() arrived while this task was running: it surfaces at this await.
    task._mustCancel = false;
    throw new CancelledError(task._cancelMessageForWaiter());
  }
  if (delay <= 0) {
    await scheduler.yieldNow();
  } else {
    getRunningLoop();
    await scheduler.block(ASYNCIO_SLEEP, delay);
  }
  return result as T;
}
