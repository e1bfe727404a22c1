// #runtime/asyncio — Python's asyncio on the runtime's shared scheduler (see README, "asyncio").
// Where Python passes a coroutine object, pass a function that starts it: createTask(() => work(x)).
export { run } from './runners.ts';
export { Future, isFuture } from './futures.ts';
export { Task, createTask, currentTask, allTasks, ensureFuture, sleep, type Thunk, type AwaitableLike } from './tasks.ts';
export { gather, shield, type GatherOptions } from './gather.ts';
export {
  wait,
  waitFor,
  asCompleted,
  FIRST_COMPLETED,
  FIRST_EXCEPTION,
  ALL_COMPLETED,
  type ReturnWhen,
  type WaitOptions,
} from './wait.ts';
export { EventLoop, Handle, TimerHandle, type ProcessPoolLike } from './events.ts';
export { getRunningLoop } from './context.ts';
export { toThread } from './threads.ts';
export { Lock, Event, Condition, Semaphore, BoundedSemaphore } from './locks.ts';
export { Barrier } from './barrier.ts';
export { Queue, LifoQueue, PriorityQueue } from './queues.ts';
export { Timeout, timeout, timeoutAt } from './timeouts.ts';
export { TaskGroup } from './taskgroups.ts';
export { ThreadPoolExecutor, type Executor } from './executor.ts';
export {
  CancelledError,
  TimeoutError,
  InvalidStateError,
  QueueEmpty,
  QueueFull,
  BrokenBarrierError,
  ExceptionGroup,
  RuntimeError,
  ValueError,
} from './errors.ts';
