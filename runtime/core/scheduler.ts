// The scheduler core: runs fibers (green threads and asyncio tasks) one at a time by baton passing, owns time
// (a virtual or a real clock), and decides who runs next through a strategy (FIFO, random, PCT, replay).
//
// A fiber gives up the baton only at a runtime scheduling point (block, yield, sleep, preemption point, end).
// Fibers run in rounds, as callbacks do in CPython's event loop: a round runs the fibers that were ready when
// it began; timers already due join the ready queue at the start of each round, behind those fibers. A due
// timer needs no clock jump, so a fiber looping on sleep(0) cannot starve it; the clock jumps to the next
// deadline only when nothing can run.
// A fiber that awaits something the runtime does not control (a native promise, real I/O) is noticed by a
// watchdog immediate and marked "external": others run meanwhile, and the virtual clock does not jump until it
// comes back.
//
// This file is long on purpose: the baton, the run queue, external work and idle detection share invariants
// that must be read together. Time lives in clock.ts, the ready queue in runqueue.ts, reports in deadlock.ts.
import { AsyncLocalStorage } from 'node:async_hooks';
import { Fiber, type Blocker, type FiberKind, type Outcome } from './fiber.ts';
import type { Timer } from './timers.ts';
import { Clock, type ClockKind } from './clock.ts';
import { RunQueue } from './runqueue.ts';
import { captureSite, userSite } from './deadlock.ts';
import { notifyUnawaited, tappingUnawaited, type UnawaitedWait } from './unawaited.ts';
import { noteProgress } from './progress.ts';
import {
  FifoStrategy,
  PctStrategy,
  RandomStrategy,
  ReplayStrategy,
  type Strategy,
  type StrategyName,
} from './strategy.ts';
import { RuntimeError, ValueError } from '../python/index.ts';

// Captured at load time so fake timers installed later (vi.useFakeTimers) cannot break the scheduler.
const realSetImmediate = globalThis.setImmediate;

/** Identity of the running fiber survives every await, timer and immediate. */
export const fiberStorage = new AsyncLocalStorage<Fiber>();

/** What a timed block() resolves to when its timeout passes first. */
export const TIMEOUT: unique symbol = Symbol('timeout');

/** After this many consecutive hand-overs inside one macrotask, let the event loop breathe (I/O, real timers). */
const BURST_LIMIT = 5000;
/** Yields in a row without the clock moving before a busy-waiting program gets virtual time advanced anyway. */
const SPIN_LIMIT = 10_000;
/** Virtual seconds a yield costs once a lone busy-wait has passed SPIN_LIMIT with no timer pending. */
const SPIN_QUANTUM = 0.001;
/** Yields a lone thread may take in a row without letting the event loop run. */
const ALONE_YIELDS = 1000;

export type { ClockKind };

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
  event: 'spawn' | 'run' | 'block' | 'yield' | 'finish' | 'external' | 'process-start' | 'process-exit';
  detail?: string;
}

/** How an outside wait counts for the whole-program hang check (quiescence.ts). */
export interface ExternalWait<T> {
  /** No timeout: only another process can end it. */
  untimed?: boolean;
  /** False for an ending that is no news (a slice of a longer wait that ran out): not counted as progress. */
  progressed?: (value: T) => boolean;
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

  private readonly time: Clock;
  private readonly runnable = new RunQueue();
  private external = 0;
  private nextId = 1;
  private watchdogArmed = false;
  private burst = 0;
  private deferred = false;
  private dispatching = false;
  private spins = 0;
  /** Fibers still to run in the current round (the ready queue's length when the round began). */
  private roundLeft = 0;
  private aloneYields = 0;
  /** The fiber inside block()/requeue() right now, to notice when the baton comes straight back to it. */
  private parking: Fiber | null = null;
  /** Non-daemon threads alive: with the main thread they keep a real-clock program running. */
  private nonDaemonThreads = 0;

  constructor(options: SchedulerOptions) {
    this.clock = options.clock;
    this.time = new Clock(
      options.clock,
      () => this.dispatch(),
      () => this.keepAlive(),
    );
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
    return this.time.now();
  }

  /**
   * Whether primitives must offer a scheduling point even on their fast path: under an exploring strategy,
   * and for a thread that has just started others (they run before it goes on, as in CPython).
   */
  get preemptive(): boolean {
    return this.preemptiveFor(this.current());
  }

  /** `preemptive` for a fiber the caller already has (saves an identity lookup on fast paths). */
  preemptiveFor(fiber: Fiber): boolean {
    return this.strategy.preemptive || fiber.startedThreads;
  }

  /** Fibers currently waiting for something the runtime does not control. */
  get externalCount(): number {
    return this.external;
  }

  get pendingTimers(): number {
    return this.time.pending;
  }

  /** Seconds until the earliest pending timer fires on this scheduler's clock (Infinity: none). */
  nextTimerIn(): number {
    const next = this.time.nextDeadline();
    return next === undefined ? Infinity : next - this.time.now();
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
    // CPython's start() returns once the new thread runs, and it usually keeps running until it blocks; start()
    // cannot switch here (it is synchronous), so the starter's next runtime call lets new threads go first.
    if (fiber.kind === 'thread') this.current().startedThreads = true;
    this.strategy.onSpawn(fiber);
    this.fibers.add(fiber);
    this.record(fiber, 'spawn', fiber.kind);
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
    const pending = fiber.state === 'blocked' || fiber.state === 'runnable' || (fiber.state === 'external' && fiber.blockedOn !== null);
    // Its code ended while a wait it started is still pending: that call's Promise was never awaited.
    if (pending && tappingUnawaited()) notifyUnawaited(this.unawaited(fiber, 'ended'));
    this.leave(fiber);
    if (fiber.state === 'blocked' || fiber.state === 'runnable') {
      // Its code ended while a wait it started is still pending (a refused second wait rejected a
      // Promise.all, say): drop that wait, so no timer or wake-up resumes a finished fiber.
      fiber.blockedOn?.cancel?.();
      if (fiber.timer !== null) this.time.cancel(fiber.timer as Timer);
      fiber.timer = null;
      fiber.blockedOn = null;
    }
    fiber.state = 'done';
    noteProgress();
    this.fibers.delete(fiber);
    if (fiber.kind === 'thread' && !fiber.daemon) this.nonDaemonThreads--;
    this.time.updateRef();
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
    this.assertNotWaiting(fiber, blocker.what);
    this.leave(fiber);
    fiber.state = 'blocked';
    fiber.blockedOn = blocker;
    fiber.lastWait = blocker.what;
    // A plain sleep's line is captured only when a test kit watches for unawaited waits (it costs a stack).
    fiber.blockedSite = blocker.trackSite === true ? captureSite(blocker.siteOf) : tappingUnawaited() ? captureSite(undefined) : null;
    if (timeout !== undefined && timeout !== null) {
      const timer = this.time.add(timeout, () => {
        if (fiber.state !== 'blocked' || fiber.blockedOn !== blocker) return;
        blocker.cancel?.();
        this.release(fiber, { ok: true, value: TIMEOUT });
      });
      fiber.timer = timer;
    }
    const gate = this.gateFor(fiber);
    this.record(fiber, 'block', blocker.what);
    if (fiber.kind === 'main') this.time.updateRef();
    this.parking = fiber;
    this.dispatch();
    this.parking = null;
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
    if (this.closed) return new Promise(() => {});
    if (this.clock === 'virtual' && ++this.spins > SPIN_LIMIT) {
      // A busy-wait loop: with a real clock time would pass while it spins, so let virtual time pass too: to
      // the next timer, or a millisecond per yield when none is pending.
      if (this.time.pending > 0) {
        this.spins = 0;
        this.time.jumpToNext(); // the timers now due join the ready queue at the next round, as any due timer
      } else {
        this.time.skip(SPIN_QUANTUM);
        if (this.time.now() > this.timeLimit) this.onTimeLimit?.(this);
      }
    }
    if (this.runnableCount() === 0 && this.running === fiber && !this.time.hasDue()) {
      // Alone and spinning: every so often go through the event loop, or nothing else (I/O, timers, a test
      // runner's timeout) could ever run. A due timer instead ends the round: requeue, and it runs next.
      if (++this.aloneYields < ALONE_YIELDS) return Promise.resolve();
      this.aloneYields = 0;
      this.burst = BURST_LIMIT;
    }
    return this.requeue(fiber, 'yield');
  }

  /**
   * A point where an exploring strategy may switch to another fiber (lock acquire, event set, queue put...).
   * Returns undefined when no switch can happen, so the fast path costs no promise.
   */
  preemptionPoint(): Promise<void> | undefined {
    const fiber = this.current();
    if (!this.strategy.preemptive && !fiber.startedThreads) return undefined;
    if (this.runnableCount() === 0 && this.running === fiber) return undefined;
    return this.requeue(fiber, 'yield');
  }

  /** Puts the current fiber back in the runnable queue and waits for its turn. */
  private requeue(fiber: Fiber, event: 'yield'): Promise<void> {
    this.assertNotWaiting(fiber, 'sleep(0)');
    fiber.lastWait = 'sleep(0)';
    if (tappingUnawaited()) fiber.blockedSite = captureSite(undefined);
    this.leave(fiber);
    const gate = this.gateFor(fiber) as Promise<void>;
    fiber.pending = OK;
    this.record(fiber, event);
    this.parking = fiber;
    this.enqueue(fiber);
    this.parking = null;
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
  async awaitExternal<T>(work: PromiseLike<T>, what: string, wait: ExternalWait<T> = {}): Promise<T> {
    const fiber = this.current();
    this.assertNotWaiting(fiber, what);
    this.leave(fiber);
    fiber.state = 'external';
    fiber.blockedOn = wait.untimed === true ? { what, untimed: true } : { what };
    // Where it waits, for hang reports (a wait on another process can last forever); cheap next to the work.
    fiber.blockedSite = captureSite(undefined);
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
      this.enqueue(fiber, !outcome.ok || wait.progressed?.(outcome.value as T) !== false);
      return gate as Promise<T>;
    }
    if (!outcome.ok) throw outcome.error;
    return outcome.value as T;
  }

  /** Runs `callback` after `seconds` on this clock, outside any fiber (asyncio's call_later, Timer). */
  callLater(seconds: number, callback: () => void): TimerHandle {
    const timer = this.time.add(seconds, callback);
    return {
      when: timer.deadline,
      cancel: () => this.time.cancel(timer),
    };
  }

  /** Stops scheduling: abandoned fibers (daemons at exit) stay parked forever, timers are dropped. */
  close(): void {
    this.closed = true;
    this.time.close();
  }

  /** Marks a main thread whose top-level code has finished (seen as external work) as done. */
  finishMain(): void {
    const main = this.main as Fiber | undefined;
    if (main === undefined || main.state !== 'external') return;
    this.finish(main);
  }

  /** Fibers parked on a runtime primitive (not sleeping on a timer). */
  blockedFibers(): Fiber[] {
    return [...this.fibers].filter((f) => f.state === 'blocked' && !isSleep(f.blockedOn));
  }

  // ---- internals ----

  /**
   * A fiber waits for one thing at a time, as a Python thread or task does. JavaScript lets one function start
   * two waits at once (Promise.all over runtime calls, or async functions called without await), which would
   * park the same fiber twice: refuse it with an explanation instead of losing one of the waits.
   */
  private assertNotWaiting(fiber: Fiber, what: string): void {
    const waiting =
      fiber.state === 'blocked' ||
      fiber.state === 'runnable' ||
      fiber.resumedInPlace ||
      (fiber.state === 'external' && fiber.blockedOn !== null);
    if (!waiting) return;
    const current = fiber.blockedOn?.what ?? fiber.lastWait;
    const called = fiber.calledTarget;
    if (called !== null) {
      // The thread's own mistake explains this one: say that, not the generic conflict.
      throw new RuntimeError(
        `${fiber.name} cannot wait in ${what}: it is still inside the call whose Promise became ${called.thread}'s ` +
          `target${called.site === null ? '' : ` (${called.site})`}. \`target: worker(i)\` runs worker(i) right ` +
          `away, in ${fiber.name} (now waiting in ${current}), and gives the thread its result instead of the ` +
          'function: write `new Thread({ target: worker, args: [i] })`.',
      );
    }
    const advice = fiber.kind === 'task'
      ? 'await each call before the next one; to run coroutines at the same time, use gather(() => f(), () => g()) ' +
        'or createTask(() => f()), never Promise.all over runtime calls.'
      : 'await each call before the next one (`await t.join()`), never Promise.all over runtime calls; to wait for ' +
        'several threads, join them one after another.';
    const refused = new RuntimeError(
      `${fiber.name} is already waiting (in ${current}) and cannot also wait in ${what}: a ` +
        `${fiber.kind === 'task' ? 'task' : 'thread'} waits for one thing at a time, as in Python. A runtime call ` +
        `started without await, or passed to Promise.all, keeps waiting while the code goes on: ${advice}`,
    );
    if (tappingUnawaited()) {
      notifyUnawaited({ ...this.unawaited(fiber, 'refused'), error: { message: refused.message, stack: refused.stack ?? '' } });
    }
    throw refused;
  }

  /** What a fiber still waits in, for the unawaited-wait taps. */
  private unawaited(fiber: Fiber, kind: 'ended' | 'refused'): UnawaitedWait {
    const what = fiber.blockedOn?.what ?? fiber.lastWait;
    return { kind, who: fiber.name, fiber: fiber.kind, what, site: userSite(fiber.blockedSite), stack: fiber.blockedSite?.stack ?? null };
  }

  private gateFor(fiber: Fiber): Promise<unknown> {
    return new Promise((resolve, reject) => {
      fiber.gateResolve = resolve;
      fiber.gateReject = reject;
    });
  }

  /** The fiber stops holding the baton (or stops counting as external work). */
  private leave(fiber: Fiber): void {
    fiber.startedThreads = false;
    if (this.running === fiber) this.running = null;
    else if (fiber.state === 'external') this.external--;
  }

  private release(fiber: Fiber, outcome: Outcome): void {
    if (fiber.timer !== null) {
      this.time.cancel(fiber.timer as Timer);
      fiber.timer = null;
    }
    fiber.blockedOn = null;
    fiber.pending = outcome;
    this.enqueue(fiber);
  }

  private enqueue(fiber: Fiber, progressed = true): void {
    if (progressed) noteProgress();
    fiber.state = 'runnable';
    this.runnable.push(fiber);
    if (this.running === null) this.dispatch();
  }

  private runnableCount(): number {
    return this.runnable.size;
  }

  private takeNext(): Fiber | undefined {
    for (;;) {
      if (this.roundLeft === 0) this.startRound();
      const fiber = this.runnable.take(this.strategy, this.choices, () => ++this.steps);
      if (fiber === undefined) return undefined;
      this.roundLeft--;
      if (fiber.state !== 'done') return fiber;
    }
  }

  /**
   * A new round, as in one iteration of CPython's event loop: the timers due now (their wake-ups, Timer threads,
   * call_later callbacks) join the ready queue behind the fibers already in it, and the round runs them all.
   */
  private startRound(): void {
    if (this.time.hasDue()) this.time.fireDue();
    this.roundLeft = this.runnable.size;
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
        const deadline = this.time.nextDeadline();
        if (deadline === undefined) break;
        if (this.clock === 'real') {
          this.time.armReal();
          return;
        }
        if (deadline > this.timeLimit) {
          this.onTimeLimit?.(this);
          return;
        }
        this.spins = 0;
        this.time.advance();
      }
    } finally {
      this.dispatching = false;
    }
    this.onIdle?.(this);
  }

  private handTo(fiber: Fiber): void {
    if (fiber === this.parking) {
      // Handed straight back to the fiber that is parking (nothing else could run): until its continuation
      // runs, it is still waiting, and a second wait started in the same turn must be refused.
      fiber.resumedInPlace = true;
      queueMicrotask(() => {
        fiber.resumedInPlace = false;
      });
    }
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
    this.time.updateRef();
    this.dispatch();
  };

  /** Live non-daemon threads, the main thread excluded. */
  get liveNonDaemonThreads(): number {
    return this.nonDaemonThreads;
  }

  /** A real timer keeps Node alive while a non-daemon thread, or a blocked or sleeping main thread, waits. */
  private keepAlive(): boolean {
    const main = this.main as Fiber | undefined;
    return this.nonDaemonThreads > 0 || (main !== undefined && (main.state === 'blocked' || main.state === 'runnable'));
  }

  /**
   * A child process's start or exit, for the timeline (child processes are lanes of their own). Its id is the
   * negated pid, so it never meets a fiber id.
   */
  traceProcess(pid: number, name: string, event: 'process-start' | 'process-exit', detail?: string): void {
    if (this.trace === null) return;
    const entry: TraceEvent = { time: this.now(), fiber: name, fiberId: -pid, event };
    if (detail !== undefined) entry.detail = detail;
    this.trace.push(entry);
  }

  private record(fiber: Fiber, event: TraceEvent['event'], detail?: string): void {
    if (this.trace === null) return;
    const entry: TraceEvent = { time: this.now(), fiber: fiber.name, fiberId: fiber.id, event };
    if (detail !== undefined) entry.detail = detail;
    this.trace.push(entry);
  }
}

/** The blocker of a plain sleep: not a deadlock participant. */
export const SLEEP: Blocker = { what: 'time.sleep()' };
/** asyncio's sleep: the same kind of wait, named as the student wrote it. */
export const ASYNCIO_SLEEP: Blocker = { what: 'asyncio.sleep()' };

/** True for the blockers of a plain sleep (time's or asyncio's). */
export function isSleep(blocker: Blocker | null): boolean {
  return blocker === SLEEP || blocker === ASYNCIO_SLEEP;
}
