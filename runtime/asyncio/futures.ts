// asyncio.Future: a result that other code sets later. It is a thenable whose then() runs in the awaiting
// fiber's context (AsyncLocalStorage), so awaiting a pending Future parks that fiber on the scheduler, and a
// cancelled Future raises CancelledError right at the await line, as in Python.
import { currentScheduler, type Blocker, type Fiber } from '../core/index.ts';
import { CancelledError, InvalidStateError, RuntimeError } from './errors.ts';
import { runningLoopOrNull, taskOf } from './context.ts';
import type { EventLoop } from './events.ts';

type State = 'PENDING' | 'CANCELLED' | 'FINISHED';

/** A completion listener: a parked fiber, an internal function called at once, or a user callback (call_soon). */
/** Stored loosely typed so that Future<T> stays assignable to Future<unknown>; called with the future itself. */
type Callback = (future: never) => void;
/** A user callback (run on the next turn), told apart from internal ones (plain functions, run at once). */
class UserCallback {
  readonly fn: Callback;
  constructor(fn: Callback) {
    this.fn = fn;
  }
}
/** A parked fiber, an internal hook, or a user callback; no wrapper object for the two frequent kinds. */
type Listener = Fiber | Callback | UserCallback;

export class Future<T = unknown> implements PromiseLike<T> {
  protected _state: State = 'PENDING';
  protected _result: T | undefined = undefined;
  protected _exception: unknown = undefined;
  protected _hasException = false;
  /** Message given to cancel(), carried by the CancelledError. */
  protected _cancelMessage: string | undefined = undefined;
  protected _cancelledExc: CancelledError | null = null;
  protected readonly _loop: EventLoop | null;
  /** Allocated on first use: most futures of a big gather never get more than one listener. */
  private _listeners: Listener[] | null = null;

  constructor(options: { loop?: EventLoop | null } = {}) {
    this._loop = options.loop ?? runningLoopOrNull();
  }

  getLoop(): EventLoop {
    if (this._loop === null) throw new RuntimeError('Future is not bound to an event loop');
    return this._loop;
  }

  done(): boolean {
    return this._state !== 'PENDING';
  }

  cancelled(): boolean {
    return this._state === 'CANCELLED';
  }

  /** The result; raises the exception it holds, CancelledError if cancelled, InvalidStateError if pending. */
  result(): T {
    if (this._state === 'CANCELLED') throw this._makeCancelledError();
    if (this._state === 'PENDING') throw new InvalidStateError('Result is not set.');
    this._loop?._retrieved(this as Future<unknown>);
    if (this._hasException) throw this._exception;
    return this._result as T;
  }

  /** The exception set (null if none); CancelledError if cancelled, InvalidStateError if pending. */
  exception(): unknown {
    if (this._state === 'CANCELLED') throw this._makeCancelledError();
    if (this._state === 'PENDING') throw new InvalidStateError('Exception is not set.');
    this._loop?._retrieved(this as Future<unknown>);
    return this._hasException ? this._exception : null;
  }

  setResult(value: T): void {
    if (this._state !== 'PENDING') throw new InvalidStateError('invalid state');
    this._result = value;
    this._state = 'FINISHED';
    this._scheduleCallbacks();
  }

  setException(error: unknown): void {
    if (this._state !== 'PENDING') throw new InvalidStateError('invalid state');
    this._exception = error;
    this._hasException = true;
    this._state = 'FINISHED';
    // Reported at the end of run() unless someone looks at it (CPython reports it when the object dies).
    this._loop?._unretrieved(this as Future<unknown>);
    this._scheduleCallbacks();
  }

  /** Cancels a pending future (true), or does nothing to a done one (false). */
  cancel(msg?: string | null): boolean {
    if (this._state !== 'PENDING') return false;
    this._state = 'CANCELLED';
    this._cancelMessage = msg ?? undefined;
    this._scheduleCallbacks();
    return true;
  }

  /** Calls fn(future) on the loop's next turn once the future is done (at once if it is done already). */
  addDoneCallback(fn: (future: this) => void): void {
    if (this._state !== 'PENDING') this._callSoon(fn);
    else (this._listeners ??= []).push(new UserCallback(fn as Callback));
  }

  /** Removes every registration of fn; returns how many there were. */
  removeDoneCallback(fn: (future: this) => void): number {
    if (this._listeners === null) return 0;
    const before = this._listeners.length;
    this._listeners = this._listeners.filter((l) => !(l instanceof UserCallback) || l.fn !== fn);
    return before - this._listeners.length;
  }

  /** Runtime-internal completion hook, called synchronously at completion (not on the next turn). */
  _onDone(fn: (future: this) => void): () => void {
    if (this._state !== 'PENDING') {
      fn(this);
      return () => {};
    }
    const listener = fn as Callback;
    (this._listeners ??= []).push(listener);
    return () => this._unlisten(listener);
  }

  /** _onDone() for hooks that are never removed (gather): no remover to allocate. */
  _hook(fn: (future: this) => void): void {
    if (this._state !== 'PENDING') fn(this);
    else (this._listeners ??= []).push(fn as Callback);
  }

  /** The CancelledError to raise: the one that cancelled a task first, then a fresh one with the message. */
  _makeCancelledError(): CancelledError {
    if (this._cancelledExc !== null) {
      const exc = this._cancelledExc;
      this._cancelledExc = null;
      return exc;
    }
    return new CancelledError(this._cancelMessage);
  }

  /** The message cancel() was given ('' if none), for the CancelledError gather() puts in its results. */
  _cancelMessageText(): string {
    return this._cancelMessage ?? '';
  }

  private _callSoon(fn: (future: this) => void): void {
    const loop = this._loop ?? runningLoopOrNull();
    if (loop === null) fn(this);
    else loop.callSoon(fn, this);
  }

  private _unlisten(listener: Listener): void {
    const i = this._listeners?.indexOf(listener) ?? -1;
    if (i >= 0) this._listeners!.splice(i, 1);
  }

  protected _scheduleCallbacks(): void {
    const listeners = this._listeners;
    if (listeners === null) return;
    this._listeners = null;
    for (const l of listeners) {
      if (typeof l === 'function') (l as (f: this) => void)(this);
      else if (l instanceof UserCallback) this._callSoon(l.fn as (f: this) => void);
      else l.scheduler.wake(l);
    }
  }

  // ---- awaiting ----

  then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this._wait().then(onfulfilled, onrejected);
  }

  /** What the awaiting code gets: the value, or the exception thrown at its await line. */
  private _settled(): Promise<T> {
    try {
      return Promise.resolve(this.result());
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  /** Parks the awaiting fiber until this future is done; a cancelled task gets CancelledError here. */
  private _wait(): Promise<T> {
    if (this._state !== 'PENDING') return this._settled();
    const scheduler = this._loop?.scheduler ?? currentScheduler();
    const fiber = scheduler.current();
    if (fiber.state !== 'running' && fiber.state !== 'external') {
      // A second pending awaitable handed to Promise.all/race in the same turn: the fiber is already parked.
      const error = new TypeError(
        'A task can wait for only one runtime awaitable at a time; Promise.all()/race() over pending Tasks or ' +
          'Futures is not supported: use asyncio gather(), wait() or asCompleted() instead',
      );
      scheduler.fail(fiber, error);
      return Promise.reject(error);
    }
    const task = taskOf(fiber);
    if (task !== null) {
      if ((task as unknown) === this) {
        return Promise.reject(new RuntimeError(`Task cannot await on itself: ${String(this)}`));
      }
      // A cancel() that arrived while the task was running is delivered at its next await (Task.__step).
      if (task._mustCancel && this.cancel(task._cancelMessageForWaiter())) task._mustCancel = false;
      if (this._state !== 'PENDING') return this._settled();
      task._futWaiter = this as Future<unknown>;
    }
    const listener: Listener = fiber;
    (this._listeners ??= []).push(listener);
    const blocker: Blocker = {
      what: this._awaitDescription(),
      holder: () => this._holder(),
      cancel: () => this._unlisten(listener),
    };
    return scheduler.block(blocker).then(
      () => {
        if (task !== null) task._futWaiter = null;
        return this._settled();
      },
      (error: unknown) => {
        if (task !== null) task._futWaiter = null;
        throw error;
      },
    );
  }

  /** For deadlock reports: what the fiber is blocked on, and who would complete it. */
  protected _awaitDescription(): string {
    return 'await Future';
  }

  protected _holder(): Fiber | null {
    return null;
  }

  /** CPython's repr() pieces: 'pending', 'cancelled', "finished result=1", "finished exception=ValueError('x')". */
  protected _stateText(): { state: string; detail: string } {
    if (this._state === 'PENDING') return { state: 'pending', detail: '' };
    if (this._state === 'CANCELLED') return { state: 'cancelled', detail: '' };
    if (this._hasException) return { state: 'finished', detail: ` exception=${errorRepr(this._exception)}` };
    return { state: 'finished', detail: ` result=${valueRepr(this._result)}` };
  }

  toString(): string {
    const { state, detail } = this._stateText();
    return `<Future ${state}${detail}>`;
  }
}

function valueRepr(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (value === undefined || value === null) return 'None';
  return String(value);
}

function errorRepr(error: unknown): string {
  if (!(error instanceof Error)) return valueRepr(error);
  return error.message ? `${error.name}(${valueRepr(error.message)})` : `${error.name}()`;
}

/** A future a synchronisation primitive parks a task on, named after the call for deadlock reports. */
export class WaiterFuture<T> extends Future<T> {
  private readonly _what: string;
  constructor(loop: EventLoop, what: string) {
    super({ loop });
    this._what = what;
  }
  protected override _awaitDescription(): string {
    return this._what;
  }
}

/** True for the runtime's own awaitables (Future and Task). */
export function isFuture(value: unknown): value is Future<unknown> {
  return value instanceof Future;
}
