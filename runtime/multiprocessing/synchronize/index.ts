// Cross-process synchronisation primitives, and how each one travels to a child process: only the shared
// memory crosses (a SharedArrayBuffer is shared, not copied, by postMessage), and the child rebuilds an object
// around the same words.
import { registerReducer } from '../reduction.ts';
import { Barrier } from './barrier.ts';
import { Condition } from './condition.ts';
import { ValueError } from './errors.ts';
import { Event } from './event.ts';
import { markShared } from './parking.ts';
import { BoundedSemaphore, Lock, RLock, Semaphore, SemLock, rebuildSemLock, type SemLockState } from './semlock.ts';

export { Barrier } from './barrier.ts';
export { Condition } from './condition.ts';
export { Event } from './event.ts';
export { BoundedSemaphore, Lock, RLock, Semaphore, SemLock } from './semlock.ts';
export { BrokenBarrierError, IndexError } from './errors.ts';

const semLockTypes = { Lock, RLock, Semaphore, BoundedSemaphore } as const;
type SemLockName = keyof typeof semLockTypes;

interface ReducedSemLock {
  type: SemLockName;
  state: SemLockState;
}

function semLockName(lock: SemLock): SemLockName {
  for (const name of ['BoundedSemaphore', 'Semaphore', 'RLock', 'Lock'] as const) {
    if (lock instanceof semLockTypes[name]) return name;
  }
  throw new TypeError(`cannot send a ${lock.constructor.name} to another process`);
}

/** @internal The clonable form of a lock; also used inside Value/Array and Condition reductions. */
export function reduceSemLock(lock: SemLock): ReducedSemLock {
  markShared(lock.state.buffer);
  return { type: semLockName(lock), state: lock.state };
}

/** @internal */
export function rebuildReducedSemLock(data: ReducedSemLock): SemLock {
  return rebuildSemLock(semLockTypes[data.type], data.state);
}

for (const name of Object.keys(semLockTypes) as SemLockName[]) {
  registerReducer<SemLock>({
    tag: `mp.${name}`,
    type: semLockTypes[name],
    reduce: (lock) => ({ data: reduceSemLock(lock) }),
    rebuild: (data) => rebuildReducedSemLock(data as ReducedSemLock),
  });
}

interface ReducedCondition {
  lock: ReducedSemLock;
  sleeping: ReducedSemLock;
  woken: ReducedSemLock;
  wait: ReducedSemLock;
}

function reduceCondition(cond: Condition): ReducedCondition {
  return {
    lock: reduceSemLock(cond.lock),
    sleeping: reduceSemLock(cond.sleepingCount),
    woken: reduceSemLock(cond.wokenCount),
    wait: reduceSemLock(cond.waitSemaphore),
  };
}

function rebuildCondition(data: ReducedCondition): Condition {
  const cond = Object.create(Condition.prototype) as Condition;
  return Object.assign(cond, {
    lock: rebuildReducedSemLock(data.lock),
    sleepingCount: rebuildReducedSemLock(data.sleeping),
    wokenCount: rebuildReducedSemLock(data.woken),
    waitSemaphore: rebuildReducedSemLock(data.wait),
  });
}

registerReducer<Condition>({
  tag: 'mp.Condition',
  type: Condition,
  reduce: (cond) => ({ data: reduceCondition(cond) }),
  rebuild: (data) => rebuildCondition(data as ReducedCondition),
});

registerReducer<Event>({
  tag: 'mp.Event',
  type: Event,
  reduce: (event) => {
    markShared(event.flag.buffer as SharedArrayBuffer);
    return { data: event.flag.buffer };
  },
  rebuild: (data) => new Event(data as SharedArrayBuffer),
});

interface ReducedBarrier {
  parties: number;
  timeout: number | null;
  cond: ReducedCondition;
  shared: SharedArrayBuffer;
}

registerReducer<Barrier>({
  tag: 'mp.Barrier',
  type: Barrier,
  reduce: (barrier) => {
    if (barrier.action !== null) {
      throw new ValueError('a Barrier with an action cannot be sent to another process (functions do not cross processes)');
    }
    const data: ReducedBarrier = {
      parties: barrier.parties,
      timeout: barrier.timeout,
      cond: reduceCondition(barrier.cond),
      shared: barrier.shared.buffer as SharedArrayBuffer,
    };
    return { data };
  },
  rebuild: (raw) => {
    const data = raw as ReducedBarrier;
    const barrier = Object.create(Barrier.prototype) as Barrier;
    return Object.assign(barrier, {
      parties: data.parties,
      action: null,
      timeout: data.timeout,
      cond: rebuildCondition(data.cond),
      shared: new Int32Array(data.shared),
    });
  },
});
