// Is this process parked for good, as far as it alone can tell? One process's half of the whole-program hang
// check (runtime/testing/quiesce.ts): the test's process asks each child (child-waits.ts) and decides only
// when every process says "parked" on consecutive probes with no progress in between.
//
// A process is parked when every thread and task of its program waits with no timeout, either on a primitive
// of its own (a scheduler block) or on another process (an outside wait the runtime marked `untimed`: a
// Queue.get(), a Connection.recv(), a shared Lock, a Process.join()), no timer of its scheduler is pending,
// no timer of its own code (setTimeout, setInterval, setImmediate, whoever set them) is due before `horizonMs`,
// and no outside I/O it did not have at rest is open (a socket, a file read). Anything else — a thread
// running, a sleep, a wait with a timeout, a native await, a Manager call, a Pool result — is "not parked":
// the check answers "don't know", never "hung".
//
// With each answer goes the process's progress count (progress.ts): two answers with the same count and
// "parked" mean the process did nothing in between. An outside wait's slice that ends with no news (parking.ts
// re-checks every 50 ms) is not progress.
import { syncBuiltinESMExports } from 'node:module';
import timers from 'node:timers';
import { programScheduler } from './runtime.ts';
import { progressCount } from './progress.ts';

/** One process's answer to the hang check. */
export interface ParkedReport {
  parked: boolean;
  progress: number;
  /** Why it is not parked (for tests and debugging), e.g. "Thread-1 runs", "a timer is due in 120 ms". */
  why: string | null;
}

// ---- timers set outside the scheduler ----

interface Pending {
  due: number;
  /** The test it was set in (0: before the first test, e.g. at module load). */
  test: number;
}

const pending = new Map<object, Pending>();
let immediates = 0;
/** Tests begun so far (beginTest). */
let currentTest = 0;
let tracking = false;
/** Kinds of open resources (process.getActiveResourcesInfo()) seen at rest: anything more is outside I/O. */
const baseline = new Map<string, number>();

function counts(kinds: string[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const kind of kinds) map.set(kind, (map.get(kind) ?? 0) + 1);
  return map;
}

type TimerFn = (callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => object;

/** Node's own timer functions, before trackOutsideTimers wrapped them (shared by every copy of the runtime). */
const REAL = Symbol.for('course.runtime.realTimers');
interface RealTimers {
  setTimeout: typeof globalThis.setTimeout;
  clearTimeout: typeof globalThis.clearTimeout;
}

/** Timers the hang check itself uses: never counted as this process's outside work. */
export function untrackedTimers(): RealTimers {
  const g = globalThis as unknown as Record<symbol, RealTimers | undefined>;
  return g[REAL] ?? { setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout };
}

/**
 * Wraps setTimeout, setInterval and setImmediate (globalThis and node:timers share them) so this process knows
 * when its own code's timers are due. Idempotent; the wrapped functions behave exactly as Node's.
 */
export function trackOutsideTimers(): void {
  if (tracking) return;
  tracking = true;
  const g = globalThis as unknown as Record<string, unknown>;
  (globalThis as unknown as Record<symbol, RealTimers>)[REAL] ??= { setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout };
  const realTimeout = g['setTimeout'] as TimerFn;
  const realInterval = g['setInterval'] as TimerFn;
  const realImmediate = g['setImmediate'] as (callback: (...args: unknown[]) => void, ...args: unknown[]) => object;
  const realClearTimeout = g['clearTimeout'] as (timer: unknown) => void;
  const realClearInterval = g['clearInterval'] as (timer: unknown) => void;
  const realClearImmediate = g['clearImmediate'] as (timer: unknown) => void;
  const delayOf = (ms: unknown): number => (typeof ms === 'number' && ms >= 1 ? ms : 1);

  function setTimeout(this: unknown, callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]): object {
    if (typeof callback !== 'function') return realTimeout.call(this, callback, ms, ...args);
    const timer = realTimeout.call(this, function (this: unknown, ...values: unknown[]) {
      pending.delete(timer);
      return callback.apply(this, values);
    }, ms, ...args);
    pending.set(timer, { due: performance.now() + delayOf(ms), test: currentTest });
    return timer;
  }
  function setInterval(this: unknown, callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]): object {
    if (typeof callback !== 'function') return realInterval.call(this, callback, ms, ...args);
    const every = delayOf(ms);
    const timer = realInterval.call(this, function (this: unknown, ...values: unknown[]) {
      const entry = pending.get(timer);
      if (entry !== undefined) entry.due = performance.now() + every;
      return callback.apply(this, values);
    }, ms, ...args);
    pending.set(timer, { due: performance.now() + every, test: currentTest });
    return timer;
  }
  function setImmediate(this: unknown, callback: (...args: unknown[]) => void, ...args: unknown[]): object {
    if (typeof callback !== 'function') return realImmediate.call(this, callback, ...args);
    immediates += 1;
    let ran = false;
    const handle = realImmediate.call(this, function (this: unknown, ...values: unknown[]) {
      ran = true;
      immediates -= 1;
      return callback.apply(this, values);
    }, ...args);
    immediateDone.set(handle, () => {
      if (!ran) {
        ran = true;
        immediates -= 1;
      }
    });
    return handle;
  }
  const immediateDone = new WeakMap<object, () => void>();
  function clearTimeout(this: unknown, timer: unknown): void {
    if (typeof timer === 'object' && timer !== null) pending.delete(timer);
    realClearTimeout.call(this, timer);
  }
  function clearInterval(this: unknown, timer: unknown): void {
    if (typeof timer === 'object' && timer !== null) pending.delete(timer);
    realClearInterval.call(this, timer);
  }
  function clearImmediate(this: unknown, handle: unknown): void {
    if (typeof handle === 'object' && handle !== null) immediateDone.get(handle)?.();
    realClearImmediate.call(this, handle);
  }
  const wrapped = { setTimeout, setInterval, setImmediate, clearTimeout, clearInterval, clearImmediate };
  for (const [name, fn] of Object.entries(wrapped)) {
    Object.defineProperty(fn, 'name', { value: name });
    // promisify(setTimeout) keeps working: Node's own promisified versions hang off the originals.
    const custom = (g[name] as Record<symbol, unknown> | undefined)?.[Symbol.for('nodejs.util.promisify.custom')];
    if (custom !== undefined) Object.defineProperty(fn, Symbol.for('nodejs.util.promisify.custom'), { value: custom });
    g[name] = fn;
    (timers as unknown as Record<string, unknown>)[name] = fn;
  }
  syncBuiltinESMExports();
  markAtRest();
}

/**
 * Records the open resources of a process at rest (no program running, e.g. between two tests): what the hang
 * check allows. The most seen at rest so far counts, so a service that outlives tests (the bundler's) is allowed
 * from the next test on.
 */
export function markAtRest(): void {
  for (const [kind, count] of counts(process.getActiveResourcesInfo())) {
    if (count > (baseline.get(kind) ?? 0)) baseline.set(kind, count);
  }
}

/**
 * A new test begins (the test runner's process, after its program was ended): what is open now is at rest,
 * and timers left pending by earlier tests (a timeout raced against a wait that hung, never cleared because
 * that test was abandoned) belong to code that no longer runs a program: they are not this test's outside work.
 * Timers set before the first test (a module's top level) always count.
 */
export function beginTest(): void {
  markAtRest();
  currentTest += 1;
}

/** Outside work this process has beyond its resting state, or null: timers due before horizonMs, I/O. */
function outsideWork(horizonMs: number): string | null {
  if (!tracking) return 'its timers are not tracked';
  if (immediates > 0) return 'a setImmediate is pending';
  const now = performance.now();
  let refTimers = 0;
  for (const [timer, entry] of pending) {
    if ((timer as { hasRef?: () => boolean }).hasRef?.() !== false) refTimers += 1;
    if (entry.test !== 0 && entry.test < currentTest) continue;
    if (entry.due - now < horizonMs) return `a timer is due in ${Math.max(0, Math.round(entry.due - now))} ms`;
  }
  const open = counts(process.getActiveResourcesInfo());
  for (const [kind, count] of open) {
    const allowed = (baseline.get(kind) ?? 0) + (kind === 'Timeout' ? refTimers : 0);
    // A MessagePort or Worker is a channel to another process: that process answers for itself.
    if (kind === 'MessagePort' || kind === 'Worker' || kind === 'CloseReq') continue;
    if (count > allowed) return `outside work is open (${kind})`;
  }
  return null;
}

/**
 * This process's answer: parked (every fiber of its program waits with no timeout and nothing outside the
 * runtime is due before `horizonMs`), and its progress count.
 */
export function programParked(horizonMs: number): ParkedReport {
  const answer = (why: string | null): ParkedReport => ({ parked: why === null, progress: progressCount(), why });
  const scheduler = programScheduler();
  if (scheduler === null || scheduler.fibers.size === 0) return answer('no program is running');
  // A virtual clock jumps to its next timer when every thread waits; a real one fires it on time: either way
  // it ends a wait, unless (real clock) it is due after the horizon.
  if (scheduler.pendingTimers > 0 && (scheduler.clock === 'virtual' || scheduler.nextTimerIn() * 1000 < horizonMs)) {
    return answer(`a timer of the scheduler is due in ${Math.round(scheduler.nextTimerIn() * 1000)} ms`);
  }
  for (const fiber of scheduler.fibers) {
    const name = fiber.thread.name;
    // A blocked thread's timeout or sleep is a timer of the scheduler: judged above.
    if (fiber.state === 'blocked') continue;
    if (fiber.state === 'external') {
      if (fiber.blockedOn?.untimed !== true) return answer(`${name} awaits outside work`);
    } else {
      return answer(`${name} is ${fiber.state}`);
    }
  }
  return answer(outsideWork(horizonMs));
}
