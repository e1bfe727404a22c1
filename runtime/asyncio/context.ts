// Which loop and which task the calling code runs in. Each task (and each loop callback) is a fiber of the
// shared scheduler; the fiber's `locals` carry its loop and its Task, so identity follows AsyncLocalStorage.
import { currentScheduler, type Fiber } from '../core/index.ts';
import type { EventLoop } from './events.ts';
import type { Task } from './tasks.ts';
import { RuntimeError } from './errors.ts';

export const LOOP_KEY: unique symbol = Symbol('asyncio.loop');

export function currentFiberOrNull(): Fiber {
  return currentScheduler().current();
}

/** The loop running the calling code, or null outside any task or loop callback. */
export function runningLoopOrNull(): EventLoop | null {
  const fiber = currentScheduler().current();
  const task = taskOf(fiber);
  const loop = task !== null ? task.getLoop() : (fiber.locals.get(LOOP_KEY) as EventLoop | undefined);
  return loop !== undefined && !loop.isClosed() ? loop : null;
}

/** asyncio.get_running_loop(): the loop of the calling task or callback. */
export function getRunningLoop(): EventLoop {
  const loop = runningLoopOrNull();
  if (loop === null) throw new RuntimeError('no running event loop');
  return loop;
}

/**
 * The Task of a task fiber is kept on the fiber itself: a fiber-local Map (or a WeakMap entry) per task costs
 * more than the task's own bookkeeping in a gather of 100,000 tasks.
 */
type TaskFiber = Fiber & { asyncioTask?: Task<unknown> };

export function setTaskOf(fiber: Fiber, task: Task<unknown>): void {
  (fiber as TaskFiber).asyncioTask = task;
}

/** The Task whose fiber is `fiber`, if it is one. */
export function taskOf(fiber: Fiber): Task<unknown> | null {
  return (fiber as TaskFiber).asyncioTask ?? null;
}
