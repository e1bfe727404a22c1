// threading.Thread on green threads: each started Thread runs as one fiber of the scheduler. Like CPython under
// the GIL, threads share every object and only one runs at a time; unlike CPython, a switch happens only at an
// `await` on a runtime call (sleep, lock, queue, join...), never in the middle of synchronous code.
import { emitLifecycle, captureSite, currentScheduler, type Fiber, type Scheduler, TIMEOUT, userSite, writeOutput } from '../core/index.ts';
import { RuntimeError, typeName } from '../python/index.ts';

type Target = (...args: never[]) => unknown;

export interface ThreadOptions {
  /** The function run by run(); pass the function itself, not the result of calling it. */
  target?: Target | null;
  args?: readonly unknown[];
  /** Python's keyword arguments: passed to the target as one extra, last argument. */
  kwargs?: Record<string, unknown>;
  name?: string | null;
  /** null: inherit from the creating thread, as in Python. */
  daemon?: boolean | null;
}

/** Key of the Thread object in its fiber's locals. */
export const THREAD_KEY = Symbol('threading.Thread');

const DONE: Promise<void> = Promise.resolve();

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}

const counters = new WeakMap<Scheduler, number>();

/** CPython's _newname: "Thread-N", a counter per program (per simulation here, so names are reproducible). */
function newName(scheduler: Scheduler): string {
  const n = (counters.get(scheduler) ?? 0) + 1;
  counters.set(scheduler, n);
  return `Thread-${n}`;
}

export class Thread {
  private _name: string;
  private _daemon: boolean;
  private _ident: number | null = null;
  private _started = false;
  private _fiber: Fiber | null = null;
  private readonly _scheduler: Scheduler;
  private readonly _target: Target | null | undefined;
  private readonly _args: readonly unknown[];
  private readonly _kwargs: Record<string, unknown> | undefined;
  /** Fibers blocked in join(). */
  private readonly _joiners = new Set<Fiber>();

  constructor(options: ThreadOptions = {}) {
    if (typeof options !== 'object' || options === null) {
      throw new TypeError('Thread() takes an options object: new Thread({ target, args, name, daemon })');
    }
    this._scheduler = currentScheduler();
    this._target = options.target;
    this._args = options.args ?? [];
    this._kwargs = options.kwargs;
    // Python's `if name:` — an empty name (or 0, false) counts as no name, as None does.
    if (options.name) {
      this._name = String(options.name);
    } else {
      this._name = newName(this._scheduler);
      const target = options.target as unknown;
      // An inline arrow function gets the inferred name 'target'; Python calls such a function <lambda>.
      if (typeof target === 'function') this._name += ` (${target.name === '' || target.name === 'target' ? '<lambda>' : target.name})`;
    }
    this._daemon = options.daemon ?? currentThread().daemon;
    if (isPromiseLike(options.target)) this._noteCalledTarget(options.target);
  }

  /**
   * `target: worker(i)`: the call already ran here, and if it started a wait (`await sleep(...)` inside worker)
   * the creating thread is now parked in it while its code goes on. Remember why, so that its next wait fails
   * with this cause instead of a bare "already waiting"; and nobody will ever await that Promise, so its
   * rejection is this thread's error (raised by run()), not an unhandled one.
   */
  private _noteCalledTarget(promise: PromiseLike<unknown>): void {
    promise.then(undefined, () => undefined);
    const me = this._scheduler.current();
    if (me.state === 'blocked' || me.state === 'runnable' || me.resumedInPlace) {
      me.calledTarget ??= { thread: this._name, site: userSite(captureSite(Thread as unknown as (...args: never[]) => unknown)) };
    }
  }

  get name(): string {
    return this._name;
  }
  set name(value: string) {
    this._name = String(value);
    if (this._fiber !== null) this._fiber.name = this._name;
  }

  get daemon(): boolean {
    return this._daemon;
  }
  set daemon(value: boolean) {
    if (this._started) throw new RuntimeError('cannot set daemon status of active thread');
    this._daemon = Boolean(value);
  }

  /** The thread identifier (virtual: unique within the program), or null before start(). */
  get ident(): number | null {
    return this._ident;
  }

  get nativeId(): number | null {
    return this._ident;
  }

  /** Starts the thread: it runs when the starting thread next waits (an `await` on the runtime) or ends. */
  start(): void {
    if (this._started) throw new RuntimeError('threads can only be started once');
    this._started = true;
    emitLifecycle({ kind: 'start', what: 'Thread', name: this._name });
    const fiber = this._scheduler.spawn(() => this._bootstrap(), {
      name: this._name,
      daemon: this._daemon,
    });
    fiber.locals.set(THREAD_KEY, this);
    this._fiber = fiber;
    this._ident = fiber.id;
    fiber.doneCallbacks.push(() => {
      for (const joiner of this._joiners) this._scheduler.wake(joiner);
      this._joiners.clear();
    });
  }

  /** Runs run(); an error goes to excepthook. A synchronous run() costs no promise (start+join is hot). */
  private _bootstrap(): Promise<void> | undefined {
    let result: unknown;
    try {
      result = this.run();
    } catch (error) {
      excepthook(this, error);
      return undefined;
    }
    if (!isPromiseLike(result)) return undefined;
    return Promise.resolve(result).then(
      () => undefined,
      (error: unknown) => excepthook(this, error),
    );
  }

  /** The thread's activity: calls target(...args, kwargs?). Override it in a subclass. */
  run(): unknown {
    const target = this._target as unknown;
    if (target === undefined || target === null) return undefined;
    if (typeof target !== 'function') {
      let message = `'${typeName(target)}' object is not callable`;
      if (target instanceof Promise) {
        message +=
          ' (target got the result of calling the function, not the function: write' +
          ' `new Thread({ target: worker, args: [i] })`, not `target: worker(i)`)';
      }
      throw new TypeError(message);
    }
    const args = this._kwargs === undefined ? this._args : [...this._args, this._kwargs];
    return (target as (...a: unknown[]) => unknown)(...args);
  }

  /** Waits until the thread ends, or `timeout` seconds pass (then check isAlive()). */
  join(timeout: number | null = null): Promise<void> {
    if (!this._started) return Promise.reject(new RuntimeError('cannot join thread before it is started'));
    emitLifecycle({ kind: 'join', what: 'Thread', name: this._name });
    const scheduler = this._scheduler;
    const me = scheduler.current();
    if (this._fiber === me || (this._fiber === null && me === scheduler.main)) {
      return Promise.reject(new RuntimeError('cannot join current thread'));
    }
    const fiber = this._fiber!;
    if (fiber.state === 'done') return scheduler.preemptionPoint() ?? DONE;
    this._joiners.add(me);
    // Synchronous up to block(), so the one-frame site capture sees the caller's line; the end of the thread
    // wakes joiners with undefined, so without a timeout the gate itself is join()'s promise.
    const gate = scheduler.block(
      {
        what: `Thread.join() on ${this._name}`,
        holder: () => (fiber.state === 'done' ? null : fiber),
        cancel: () => this._joiners.delete(me),
        trackSite: true,
        siteOf: Thread.prototype.join,
      },
      timeout === null ? null : Math.max(0, timeout),
    );
    if (timeout === null) return gate as Promise<void>;
    return gate.then((outcome) => {
      if (outcome === TIMEOUT) this._joiners.delete(me);
    });
  }

  isAlive(): boolean {
    return this._fiber !== null && this._fiber.state !== 'done';
  }

  /** @deprecated CPython 3.10+ alias of `name`. */
  getName(): string {
    return this.name;
  }
  /** @deprecated CPython 3.10+ alias of `name = ...`. */
  setName(name: string): void {
    this.name = name;
  }
  /** @deprecated CPython 3.10+ alias of `daemon`. */
  isDaemon(): boolean {
    return this.daemon;
  }
  /** @deprecated CPython 3.10+ alias of `daemon = ...`. */
  setDaemon(daemonic: boolean): void {
    this.daemon = daemonic;
  }

  /** Python's repr: <Thread(name, started daemon 12)>. */
  toString(): string {
    let status = 'initial';
    if (this._started) status = 'started';
    if (this._fiber?.state === 'done') status = 'stopped';
    if (this._daemon) status += ' daemon';
    if (this._ident !== null) status += ` ${this._ident}`;
    return `<${this.constructor.name}(${this._name}, ${status})>`;
  }

  /** @internal Binds this object to an existing fiber (the main thread, or a foreign fiber). */
  _adopt(fiber: Fiber): void {
    this._started = true;
    this._fiber = fiber;
    this._ident = fiber.id;
    fiber.locals.set(THREAD_KEY, this);
    fiber.doneCallbacks.push(() => {
      for (const joiner of this._joiners) this._scheduler.wake(joiner);
      this._joiners.clear();
    });
  }
}

/** The Thread object of the program's main thread. */
class MainThreadObject extends Thread {
  constructor(fiber: Fiber) {
    super({ name: fiber.name, daemon: false });
    this._adopt(fiber);
  }
  override toString(): string {
    return super.toString().replace(/^<MainThreadObject/, '<_MainThread');
  }
}

/** A thread the runtime did not start through Thread (Python's _DummyThread): always daemon, not joinable. */
class DummyThread extends Thread {
  constructor(fiber: Fiber) {
    super({ name: fiber.name, daemon: true });
    this._adopt(fiber);
  }
}

/** threading.excepthook's default: print the uncaught error of a thread to stderr, as CPython does. */
export function excepthook(thread: Thread, error: unknown): void {
  const detail = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  writeOutput(`Exception in thread ${thread.name}:\n${detail}\n`, 'stderr');
}

function threadOf(fiber: Fiber): Thread {
  const existing = fiber.locals.get(THREAD_KEY) as Thread | undefined;
  if (existing !== undefined) return existing;
  return fiber.kind === 'main' ? new MainThreadObject(fiber) : new DummyThread(fiber);
}

/** The Thread object of the caller (inside an asyncio task: the thread running its event loop). */
export function currentThread(): Thread {
  return threadOf(currentScheduler().current().thread);
}

export function mainThread(): Thread {
  return threadOf(currentScheduler().main);
}

/** Every alive Thread: the main thread (while it runs) and started threads that have not ended. */
export function enumerate(): Thread[] {
  const threads: Thread[] = [];
  for (const fiber of currentScheduler().fibers) {
    if (fiber.kind !== 'task' && fiber.state !== 'done') threads.push(threadOf(fiber));
  }
  return threads;
}

export function activeCount(): number {
  return enumerate().length;
}

/** The caller's thread identifier. */
export function getIdent(): number {
  return currentScheduler().current().thread.id;
}
