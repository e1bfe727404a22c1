// The scheduler core: runs fibers (green threads and asyncio tasks) one at a time by baton passing, owns time
// (a virtual or a real clock), and decides who runs next through a strategy (FIFO, random, PCT, replay).
//
// A fiber gives up the baton only at a runtime scheduling point (block, yield, sleep, preemption point, end).
// A fiber that awaits something the runtime does not control (a native promise, real I/O) is noticed by a
// watchdog immediate and marked "external": others run meanwhile, and the virtual clock does not jump until it
// comes back.
import { AsyncLocalStorage } from 'node:async_hooks';
import { Fiber, type Blocker, type FiberKind, type Outcome } from './fiber.ts';
import { TimerHeap, type Timer } from './timers.ts';
import {
  FifoStrategy,
  PctStrategy,
  RandomStrategy,
  ReplayStrategy,
  type Strategy,
  type StrategyName,
} from './strategy.ts';
import { ValueError } from './errors.ts';

// Captured at load time so fake timers installed later (vi.useFakeTimers) cannot break the scheduler.
const realSetImmediate = globalThis.setImmediate;
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;

/** Identity of the running fiber survives every await, timer and immediate. */
export const fiberStorage = new AsyncLocalStorage<Fiber>();

/** What a timed block() resolves to when its timeout passes first. */
export const TIMEOUT: unique symbol = Symbol('timeout');

/** After this many consecutive hand-overs inside one macrotask, let the event loop breathe (I/O, real timers). */
const BURST_LIMIT = 5000;
/** Yields in a row without the clock moving before a busy-waiting program gets virtual time advanced anyway. */
const SPIN_LIMIT = 10_000;

export type ClockKind = 'virtual' | 'real';

export interface SchedulerOptions {
  clock: ClockKind;
  strategy?: StrategyName;
  seed?: number;
  /** A recorded choice list to replay (see Scheduler.choices). */
  replay?: readonly number[];
  /** Record a trace of scheduling events. */
  trace?: boolean;
  /** time.time() at now() == 0, in seconds since the epoch. */
  epoch?: number;
  /** Called when nothing can run, nothing external is in flight and no timer is pending. */
  onIdle?: (scheduler: Scheduler) => void;
  /** Called after any fiber finishes. */
  onFiberDone?: (fiber: Fiber) => void;
  /** Virtual clock: the latest time it may reach; the next jump past it calls onTimeLimit instead. */
  timeLimit?: number;
  onTimeLimit?: (scheduler: Scheduler) => void;
}

export interface TraceEvent {
  /** Clock time in seconds. */
  time: number;
  fiber: string;
  fiberId: number;
  event: 'spawn' | 'run' | 'block' | 'yield' | 'finish' | 'external';
  detail?: string;
}

export interface TimerHandle {
  cancel(): void;
  readonly when: number;
}

const OK: Outcome = { ok: true, value: undefined };

export class Scheduler {
  readonly clock: ClockKind;
  readonly strategy: Strategy;
  readonly seed: number | undefined;
  readonly epoch: number;
  /** Ids of the fibers chosen at each decision (two or more candidates): replayable with ReplayStrategy. */
  readonly choices: number[] = [];
  readonly trace: TraceEvent[] | null;
  /** Every fiber started and not finished. */
  readonly fibers = new Set<Fiber>();
  main!: Fiber;
  running: Fiber | null = null;
  closed = false;
  onIdle: ((scheduler: Scheduler) => void) | undefined;
  onFiberDone: ((fiber: Fiber) => void) | undefined;
  onTimeLimit: ((scheduler: Scheduler) => void) | undefined;
  readonly timeLimit: number;
  /** Scheduling decisions taken (also the PCT step counter). */
  steps = 0;
  /** Output captured by #runtime/testing (null: print normally). */
  capture: string[] | null = null;

  private readonly timers = new TimerHeap();
  private vnow = 0;
  private readonly realOrigin = performance.now();
  private realTimer: ReturnType<typeof setTimeout> | null = null;
  private realTimerAt = Infinity;
  private runnable: Fiber[] = [];
  private runHead = 0;
  private external = 0;
  private nextId = 1;
  private watchdogArmed = false;
  private burst = 0;
  private deferred = false;
  private dispatching = false;
  private spins = 0;
  /** Non-daemon threads alive: with the main thread they keep a real-clock program running. */
  private nonDaemonThreads = 0;

  constructor(options: SchedulerOptions) {
    this.clock = options.clock;
    this.seed = options.seed;
    this.epoch = options.epoch ?? Date.now() / 1000;
    this.trace = options.trace === true ? [] : null;
    this.onIdle = options.onIdle;
    this.onFiberDone = options.onFiberDone;
    this.onTimeLimit = options.onTimeLimit;
    this.timeLimit = options.timeLimit ?? Infinity;
    const seed = options.seed ?? 0;
    if (options.replay !== undefined) {
      this.strategy = new ReplayStrategy(options.replay, options.strategy !== undefined && options.strategy !== 'fifo');
    } else if (options.strategy === 'random') this.strategy = new RandomStrategy(seed);
    else if (options.strategy === 'pct') this.strategy = new PctStrategy(seed);
    else this.strategy = new FifoStrategy();
  }

  // ---- identity and time ----

  /** The fiber running now (the program's main thread outside any fiber). */
  current(): Fiber {
    const fiber = fiberStorage.getStore();
    return fiber !== undefined && fiber.scheduler === this ? fiber : this.main;
  }

  /** Seconds on this scheduler's clock (monotonic; starts at 0). */
  now(): number {
    return this.clock === 'virtual' ? this.vnow : (performance.now() - this.realOrigin) / 1000;
  }

  get preemptive(): boolean {
    return this.strategy.preemptive;
  }

  /** Fibers currently waiting for something the runtime does not control. */
  get externalCount(): number {
    return this.external;
  }

  get pendingTimers(): number {
    return this.timers.size;
  }

  // ---- creating fibers ----

  /** Adopts the code already running (a program's top level) as the main fiber, holding the baton. */
  adoptMain(name: string): Fiber {
    const fiber = new Fiber(this, this.nextId++, name, 'main', false);
    fiber.state = 'running';
    this.main = fiber;
    this.fibers.add(fiber);
    this.running = fiber;
    this.armWatchdog();
    return fiber;
  }

  /** Creates a runnable fiber that will run `body` when scheduled (FIFO: after those already waiting). */
  spawn(
    body: () => unknown,
    options: { name: string; kind?: FiberKind; daemon?: boolean; owner?: Fiber | null },
  ): Fiber {
    const fiber = new Fiber(this, this.nextId++, options.name, options.kind ?? 'thread', options.daemon ?? false);
    fiber.owner = options.owner ?? null;
    fiber.start = () => {
      fiber.start = null;
      fiberStorage.run(fiber, () => void this.runBody(fiber, body));
    };
    if (fiber.kind === 'main') this.main = fiber;
    if (fiber.kind === 'thread' && !fiber.daemon) this.nonDaemonThreads++;
    this.strategy.onSpawn(fiber);
    this.fibers.add(fiber);
    this.record(fiber, 'spawn');
    this.enqueue(fiber);
    return fiber;
  }

  private async runBody(fiber: Fiber, body: () => unknown): Promise<void> {
    try {
      fiber.result = await body();
    } catch (error) {
      fiber.failed = true;
      fiber.error = error;
    }
    this.finish(fiber);
  }

  private finish(fiber: Fiber): void {
    this.leave(fiber);
    fiber.state = 'done';
    this.fibers.delete(fiber);
    if (fiber.kind === 'thread' && !fiber.daemon) this.nonDaemonThreads--;
    this.updateRef();
    this.record(fiber, 'finish');
    for (const callback of fiber.doneCallbacks.splice(0)) callback(fiber);
    this.onFiberDone?.(fiber);
    this.dispatch();
  }

  // ---- scheduling points ----

  /**
   * Parks the current fiber until wake() (resolves with its value), fail() (rejects: cancellation) or the
   * timeout in seconds passes (resolves with TIMEOUT; blocker.cancel() unlinks it from the primitive).
   */
  block<T = unknown>(blocker: Blocker, timeout?: number | null): Promise<T | typeof TIMEOUT> {
    const fiber = this.current();
    this.leave(fiber);
    fiber.state = 'blocked';
    fiber.blockedOn = blocker;
    fiber.blockedSite = blocker.trackSite === true ? captureSite(blocker.siteOf) : null;
    if (timeout !== undefined && timeout !== null) {
      const timer = this.addTimer(Math.max(0, timeout), () => {
        if (fiber.state !== 'blocked' || fiber.blockedOn !== blocker) return;
        blocker.cancel?.();
        this.release(fiber, { ok: true, value: TIMEOUT });
      });
      fiber.timer = timer;
    }
    const gate = this.gateFor(fiber);
    this.record(fiber, 'block', blocker.what);
    if (fiber.kind === 'main') this.updateRef();
    this.dispatch();
    return gate as Promise<T | typeof TIMEOUT>;
  }

  /** Makes a blocked fiber runnable; its block() resolves with `value`. False if it was not blocked. */
  wake(fiber: Fiber, value?: unknown): boolean {
    if (fiber.state !== 'blocked') return false;
    this.release(fiber, { ok: true, value });
    return true;
  }

  /** Makes a blocked fiber runnable; its block() rejects with `error` (how cancellation reaches an await). */
  fail(fiber: Fiber, error: unknown): boolean {
    if (fiber.state !== 'blocked') return false;
    fiber.blockedOn?.cancel?.();
    this.release(fiber, { ok: false, error });
    return true;
  }

  /** time.sleep(0) / asyncio.sleep(0): let every other runnable fiber go first. */
  yieldNow(): Promise<void> {
    const fiber = this.current();
    this.strategy.onYield(fiber);
    if (this.clock === 'virtual' && ++this.spins > SPIN_LIMIT && this.timers.size > 0) {
      // A busy-wait loop: with a real clock time would pass while it spins, so let virtual time pass too.
      this.spins = 0;
      this.fireNextTimers();
    }
    if (this.runnableCount() === 0 && this.running === fiber) return Promise.resolve();
    return this.requeue(fiber, 'yield');
  }

  /**
   * A point where an exploring strategy may switch to another fiber (lock acquire, event set, queue put...).
   * Returns undefined when no switch can happen, so the fast path costs no promise.
   */
  preemptionPoint(): Promise<void> | undefined {
    if (!this.strategy.preemptive) return undefined;
    const fiber = this.current();
    if (this.runnableCount() === 0 && this.running === fiber) return undefined;
    return this.requeue(fiber, 'yield');
  }

  /** Puts the current fiber back in the runnable queue and waits for its turn. */
  private requeue(fiber: Fiber, event: 'yield'): Promise<void> {
    this.leave(fiber);
    const gate = this.gateFor(fiber) as Promise<void>;
    fiber.pending = OK;
    this.record(fiber, event);
    this.enqueue(fiber);
    return gate;
  }

  /** time.sleep(seconds) on this scheduler's clock. */
  async sleep(seconds: number): Promise<void> {
    if (typeof seconds !== 'number' || Number.isNaN(seconds)) {
      throw new TypeError(`'${typeof seconds}' object cannot be interpreted as an integer or float`);
    }
    if (seconds < 0) throw new ValueError('sleep length must be non-negative');
    if (seconds === 0) return this.yieldNow();
    await this.block(SLEEP, seconds);
  }

  /**
   * Awaits work the runtime does not control (a worker message, Atomics.waitAsync, a socket). Other fibers run
   * meanwhile and the virtual clock does not jump; afterwards the fiber waits for its turn like any wake-up.
   */
  async awaitExternal<T>(work: PromiseLike<T>, what: string): Promise<T> {
    const fiber = this.current();
    this.leave(fiber);
    fiber.state = 'external';
    fiber.blockedOn = { what };
    this.external++;
    this.record(fiber, 'external', what);
    this.dispatch();
    let outcome: Outcome;
    try {
      outcome = { ok: true, value: await work };
    } catch (error) {
      outcome = { ok: false, error };
    }
    fiber.blockedOn = null;
    if (this.closed) return new Promise<T>(() => {});
    if (fiber.state === 'external') {
      this.external--;
      const gate = this.gateFor(fiber);
      fiber.pending = outcome;
      this.enqueue(fiber);
      return gate as Promise<T>;
    }
    if (!outcome.ok) throw outcome.error;
    return outcome.value as T;
  }

  /** Runs `callback` after `seconds` on this clock, outside any fiber (asyncio's call_later, Timer). */
  callLater(seconds: number, callback: () => void): TimerHandle {
    const timer = this.addTimer(Math.max(0, seconds), callback);
    return {
      when: timer.deadline,
      cancel: () => this.timers.cancel(timer),
    };
  }

  /** Stops scheduling: abandoned fibers (daemons at exit) stay parked forever, timers are dropped. */
  close(): void {
    this.closed = true;
    if (this.realTimer !== null) realClearTimeout(this.realTimer);
    this.realTimer = null;
  }

  /** Marks a main thread whose top-level code has finished (seen as external work) as done. */
  finishMain(): void {
    const main = this.main as Fiber | undefined;
    if (main === undefined || main.state !== 'external') return;
    this.finish(main);
  }

  /** Fibers parked on a runtime primitive (not sleeping on a timer). */
  blockedFibers(): Fiber[] {
    return [...this.fibers].filter((f) => f.state === 'blocked' && f.blockedOn !== SLEEP);
  }

  // ---- internals ----

  private gateFor(fiber: Fiber): Promise<unknown> {
    return new Promise((resolve, reject) => {
      fiber.gateResolve = resolve;
      fiber.gateReject = reject;
    });
  }

  /** The fiber stops holding the baton (or stops counting as external work). */
  private leave(fiber: Fiber): void {
    if (this.running === fiber) this.running = null;
    else if (fiber.state === 'external') this.external--;
  }

  private release(fiber: Fiber, outcome: Outcome): void {
    if (fiber.timer !== null) {
      this.timers.cancel(fiber.timer as Timer);
      fiber.timer = null;
    }
    fiber.blockedOn = null;
    fiber.pending = outcome;
    this.enqueue(fiber);
  }

  private enqueue(fiber: Fiber): void {
    fiber.state = 'runnable';
    this.runnable.push(fiber);
    if (this.running === null) this.dispatch();
  }

  private runnableCount(): number {
    return this.runnable.length - this.runHead;
  }

  private takeNext(): Fiber | undefined {
    const count = this.runnableCount();
    if (count === 0) return undefined;
    let index = this.runHead;
    if (count > 1 && this.strategy.name !== 'fifo') {
      const candidates = this.runnable.slice(this.runHead);
      index = this.runHead + this.strategy.pick(candidates, ++this.steps);
      this.choices.push(this.runnable[index]!.id);
    } else if (count > 1) {
      this.steps++;
    }
    const fiber = this.runnable[index]!;
    if (index === this.runHead) {
      this.runnable[this.runHead++] = undefined as unknown as Fiber;
      if (this.runHead > 1024 && this.runHead * 2 > this.runnable.length) {
        this.runnable = this.runnable.slice(this.runHead);
        this.runHead = 0;
      }
    } else {
      this.runnable.splice(index, 1);
    }
    return fiber;
  }

  /** Hands the baton to the next fiber, or advances time, or reports that nothing can happen. */
  private dispatch(): void {
    if (this.running !== null || this.dispatching || this.deferred || this.closed) return;
    this.dispatching = true;
    try {
      for (;;) {
        if (this.burst >= BURST_LIMIT && this.runnableCount() > 0) {
          this.deferred = true;
          realSetImmediate(() => {
            this.deferred = false;
            this.burst = 0;
            this.dispatch();
          });
          return;
        }
        const next = this.takeNext();
        if (next !== undefined) {
          this.handTo(next);
          return;
        }
        if (this.external > 0) return;
        if (this.timers.size === 0) break;
        if (this.clock === 'real') {
          this.armRealTimer();
          return;
        }
        if (this.timers.peek()!.deadline > this.timeLimit) {
          this.onTimeLimit?.(this);
          return;
        }
        this.fireNextTimers();
      }
    } finally {
      this.dispatching = false;
    }
    this.onIdle?.(this);
  }

  private handTo(fiber: Fiber): void {
    this.running = fiber;
    fiber.state = 'running';
    this.burst++;
    this.armWatchdog();
    this.record(fiber, 'run');
    if (fiber.start !== null) {
      queueMicrotask(fiber.start);
      return;
    }
    const resolve = fiber.gateResolve;
    const reject = fiber.gateReject;
    const outcome = fiber.pending ?? OK;
    fiber.pending = null;
    fiber.gateResolve = fiber.gateReject = null;
    if (resolve === null || reject === null) return;
    if (outcome.ok) resolve(outcome.value);
    else reject(outcome.error);
  }

  private armWatchdog(): void {
    if (this.watchdogArmed) return;
    this.watchdogArmed = true;
    realSetImmediate(this.watchdog);
  }

  /** Runs once the microtask queue is empty: a fiber still "running" then is awaiting outside work. */
  private readonly watchdog = (): void => {
    this.watchdogArmed = false;
    this.burst = 0;
    const fiber = this.running;
    if (fiber === null || this.closed) return;
    this.running = null;
    fiber.state = 'external';
    this.external++;
    this.record(fiber, 'external', 'a native await');
    this.updateRef();
    this.dispatch();
  };

  /** Live non-daemon threads, the main thread excluded. */
  get liveNonDaemonThreads(): number {
    return this.nonDaemonThreads;
  }

  /**
   * A real timer keeps Node alive only while someone who matters waits on it: a non-daemon thread, or a main
   * thread that is blocked or sleeping. Daemon threads alone must not stop a program from exiting (as in
   * Python), and a main thread whose top-level code has finished shows up as external work.
   */
  private updateRef(): void {
    if (this.realTimer === null) return;
    const main = this.main as Fiber | undefined;
    const keep = this.nonDaemonThreads > 0 || (main !== undefined && (main.state === 'blocked' || main.state === 'runnable'));
    if (keep) this.realTimer.ref();
    else this.realTimer.unref();
  }

  private addTimer(seconds: number, callback: () => void): Timer {
    const timer = this.timers.add(this.now() + seconds, callback);
    if (this.clock === 'real' && timer.deadline < this.realTimerAt) this.armRealTimer();
    return timer;
  }

  /** Virtual clock: jump to the earliest deadline and fire every timer due then. */
  private fireNextTimers(): void {
    const first = this.timers.peek();
    if (first === undefined) return;
    if (first.deadline > this.vnow) this.vnow = first.deadline;
    this.spins = 0;
    this.fireDue();
  }

  private fireDue(): void {
    const now = this.now();
    for (let timer = this.timers.popDue(now); timer !== undefined; timer = this.timers.popDue(now)) {
      timer.callback();
    }
  }

  private armRealTimer(): void {
    const first = this.timers.peek();
    if (first === undefined || this.closed) return;
    if (this.realTimer !== null) {
      if (this.realTimerAt <= first.deadline) return;
      realClearTimeout(this.realTimer);
    }
    this.realTimerAt = first.deadline;
    const delayMs = Math.max(0, (first.deadline - this.now()) * 1000);
    this.realTimer = realSetTimeout(() => {
      this.realTimer = null;
      this.realTimerAt = Infinity;
      this.fireDue();
      this.armRealTimer();
      this.dispatch();
    }, delayMs);
    this.updateRef();
  }

  private record(fiber: Fiber, event: TraceEvent['event'], detail?: string): void {
    if (this.trace === null) return;
    const entry: TraceEvent = { time: this.now(), fiber: fiber.name, fiberId: fiber.id, event };
    if (detail !== undefined) entry.detail = detail;
    this.trace.push(entry);
  }
}

/** The caller's stack for reports: one frame when the API function is known, else a short stack. */
function captureSite(siteOf: ((...args: never[]) => unknown) | undefined): { stack?: string } {
  const site: { stack?: string } = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = siteOf === undefined ? 12 : 1;
  Error.captureStackTrace(site, siteOf);
  Error.stackTraceLimit = limit;
  return site;
}

/** The blocker of a plain sleep: not a deadlock participant. */
export const SLEEP: Blocker = { what: 'time.sleep()' };
