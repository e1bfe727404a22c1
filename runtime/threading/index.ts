// #runtime/threading — Python's threading module on green threads (see README, "The threading model").
export {
  Thread,
  currentThread,
  mainThread,
  enumerate,
  activeCount,
  getIdent,
  excepthook,
  type ThreadOptions,
} from './thread.ts';
export { Lock, RLock, withLock, type Acquirable } from './lock.ts';
export { Condition } from './condition.ts';
export { Semaphore, BoundedSemaphore } from './semaphore.ts';
export { Event } from './event.ts';
export { Barrier, BrokenBarrierError } from './barrier.ts';
export { Timer } from './timer.ts';
export { local } from './local.ts';
export { DeadlockError } from '../core/index.ts';
export { RuntimeError, ValueError, OverflowError } from '../python/index.ts';
/** The largest timeout accepted by blocking calls (Python's threading.TIMEOUT_MAX). */
export { TIMEOUT_MAX } from '../python/index.ts';
