// asyncio.run(): creates an event loop, runs `main` as task Task-1, then cancels the tasks left behind (letting
// their cleanup run), shuts down the default executor and closes the loop, as CPython's Runner does.
import { currentScheduler } from '../core/index.ts';
import { EventLoop } from './events.ts';
import { runningLoopOrNull } from './context.ts';
import { RuntimeError, ValueError, describeValue, refuseAwaitable } from './errors.ts';
import { gatherOn } from './gather.ts';
import type { Thunk } from './tasks.ts';

/** Runs `main` (a function returning a promise: `run(() => main())` or `run(main)`) and returns its result. */
export async function run<T>(main: Thunk<T>): Promise<T> {
  if (runningLoopOrNull() !== null) {
    throw new RuntimeError('asyncio.run() cannot be called from a running event loop');
  }
  if (typeof main !== 'function') {
    if (typeof (main as PromiseLike<unknown> | null)?.then === 'function') refuseAwaitable('run', main);
    // CPython's Runner.run raises ValueError here (create_task raises TypeError for the same mistake).
    throw new ValueError(`a coroutine was expected, got ${describeValue(main)}`);
  }
  const scheduler = currentScheduler();
  const loop = new EventLoop(scheduler, scheduler.current());
  try {
    const task = loop.createTask(main);
    return await task;
  } finally {
    await cancelAllTasks(loop);
    await loop.shutdownDefaultExecutor();
    loop.close();
  }
}

async function cancelAllTasks(loop: EventLoop): Promise<void> {
  const toCancel = loop._liveTasks();
  if (toCancel.length === 0) return;
  for (const task of toCancel) task.cancel();
  await gatherOn(loop, toCancel, true);
  for (const task of toCancel) {
    if (task.cancelled()) continue;
    const exception = task.exception();
    if (exception !== null) {
      loop.callExceptionHandler({ message: 'unhandled exception during asyncio.run() shutdown', exception });
    }
  }
}
