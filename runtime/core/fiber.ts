// A fiber is one green thread of control: a threading.Thread, the main thread, or an asyncio Task.
// The scheduler runs exactly one fiber at a time (the one holding the baton).
import type { Scheduler } from './scheduler.ts';

export type FiberKind = 'main' | 'thread' | 'task';

/**
 * new -> runnable <-> running -> done; running -> blocked -> runnable;
 * running -> external (awaiting work the scheduler does not control) -> runnable/running.
 */
export type FiberState = 'new' | 'runnable' | 'running' | 'blocked' | 'external' | 'done';

/** What a blocked fiber waits on; used to unlink it on timeout or cancellation, and for deadlock reports. */
export interface Blocker {
  /** Human-readable call, e.g. "Lock.acquire()". */
  what: string;
  /** The fiber that holds the resource (a lock's owner, the thread being joined), for the wait-for graph. */
  holder?: () => Fiber | null;
  /** Unlinks the fiber from the primitive's wait queue (called on timeout and on fail()). */
  cancel?: () => void;
  /** Capture the caller's source line for reports (a stack capture: off for sleeps). */
  trackSite?: boolean;
  /**
   * The public function the user called (e.g. Thread.prototype.join), when it calls block() synchronously:
   * only the frame just above it is captured, which is several times cheaper than a whole stack.
   */
  siteOf?: (...args: never[]) => unknown;
  /**
   * An outside wait with no timeout (awaitExternal): only another process can end it (a Process.join(), a
   * Queue.get() or Connection.recv() without timeout). The whole-program hang check (quiescence.ts) counts it
   * as parked; any other outside wait means "don't know".
   */
  untimed?: boolean;
}

export class Fiber {
  readonly id: number;
  name: string;
  readonly kind: FiberKind;
  daemon: boolean;
  state: FiberState = 'new';
  readonly scheduler: Scheduler;
  blockedOn: Blocker | null = null;
  /** The stack captured when it blocked, formatted only when a report needs it. */
  blockedSite: { stack?: string } | null = null;
  private _locals: Map<unknown, unknown> | null = null;
  /** Settle the promise the fiber is parked on (set while it waits for its turn). */
  gateResolve: ((value: unknown) => void) | null = null;
  gateReject: ((error: unknown) => void) | null = null;
  /** PCT priority (higher runs first). */
  priority = 0;
  /** Outcome handed over by wake()/fail()/timeout, delivered when the fiber is next dispatched. */
  pending: Outcome | null = null;
  /** Timer armed by a timed block. */
  timer: { cancelled: boolean } | null = null;
  /** For tasks: the thread that runs the event loop (threading.currentThread() inside a task). */
  owner: Fiber | null = null;
  /** Runs the body the first time the fiber is dispatched. */
  start: (() => void) | null = null;
  readonly doneCallbacks: Array<(f: Fiber) => void> = [];
  result: unknown = undefined;
  error: unknown = undefined;
  failed = false;
  /** Set between a hand-over straight back to a parking fiber and the fiber's continuation (a microtask). */
  resumedInPlace = false;
  /** It started threads since it last gave up the baton: its next runtime call lets them run first. */
  startedThreads = false;
  /** The call of its latest wait, for messages. */
  lastWait = '';
  /**
   * Set when a Thread got, as its target, the Promise of a call this fiber made and that is now waiting here
   * (`target: worker(i)`): the real cause of this fiber's next "already waiting" conflict.
   */
  calledTarget: { thread: string; site: string | null } | null = null;

  constructor(scheduler: Scheduler, id: number, name: string, kind: FiberKind, daemon: boolean) {
    this.scheduler = scheduler;
    this.id = id;
    this.name = name;
    this.kind = kind;
    this.daemon = daemon;
  }

  /** Per-fiber storage: threading.local, the asyncio current task, the Thread object owning this fiber. */
  get locals(): Map<unknown, unknown> {
    return (this._locals ??= new Map());
  }

  /** The thread this fiber belongs to (itself, or the loop's thread for a task). */
  get thread(): Fiber {
    return this.owner ?? this;
  }

  get alive(): boolean {
    return this.state !== 'new' && this.state !== 'done';
  }
}

export type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };
