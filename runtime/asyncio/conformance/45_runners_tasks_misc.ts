// Twin of 45_runners_tasks_misc.py. Each run() happens in a thread of its own (toThread), which has no running
// loop. Mocking loop.call_exception_handler is replacing the loop's callExceptionHandler method.
import { CancelledError, TimeoutError, createTask, currentTask, ensureFuture, run, sleep, toThread, type Task } from '#runtime/asyncio';
import { err, print } from './twin.ts';

class ZeroDivisionError extends Error {
  override name = 'ZeroDivisionError';
}
class ValueErrorForTest extends Error {
  override name = 'ValueError';
}

function inThread(fn: () => unknown): PromiseLike<string> {
  return toThread(async () => {
    try {
      return `result ${String(await fn())}`;
    } catch (e) {
      return err(e);
    }
  });
}

export async function main(): Promise<void> {
  const returns = async (): Promise<number> => {
    await sleep(0);
    return 42;
  };
  const raises = async (): Promise<never> => {
    await sleep(0);
    throw new ValueErrorForTest('spam');
  };
  print('run returns:', await inThread(() => run(returns)));
  print('run raises:', await inThread(() => run(raises)));
  print('run(1):', await inThread(() => run(1 as never)));

  try {
    await run(returns);
  } catch (e) {
    print('run from a running loop:', err(e));
  }

  const loTask: Task<void>[] = [];
  const reports: string[] = [];
  const leftover = async (): Promise<void> => {
    try {
      await sleep(0.1);
    } catch (e) {
      if (e instanceof CancelledError) throw new ZeroDivisionError('division by zero');
      throw e;
    }
  };
  const leavesATask = async (): Promise<number> => {
    const loop = currentTask()!.getLoop();
    loop.callExceptionHandler = (context): void => {
      reports.push(`(${context.message.includes('asyncio.run() shutdown') ? 'True' : 'False'}, '${(context.exception as Error).name}')`);
    };
    loTask.push(createTask(leftover));
    return 123;
  };
  print('run with a leftover task:', await inThread(() => run(leavesATask)), loTask[0]!.done(), `[${reports.join(', ')}]`);

  const tOrig = createTask(async () => 'ok');
  const t = ensureFuture(tOrig);
  print('ensure_future(task) is the task:', t === tOrig, await t);
  for (const [label, call] of [
    ['ensure_future("ok")', () => ensureFuture('ok' as never)],
    ['create_task(123)', () => createTask(123 as never)],
  ] as const) {
    try {
      call();
    } catch (e) {
      if (e instanceof TypeError) print(`${label}:`, e.name);
      else throw e;
    }
  }
  print('current_task() outside a loop:', await inThread(currentTask));

  const makeRequestWithTimeout = async (sleepFor: number, timeout: number): Promise<Record<string, boolean>> => {
    const task = currentTask()!;
    const loop = task.getLoop();
    const state = { timed_out: false, finished: false, outer: false };
    const handle = loop.callLater(timeout, () => {
      state.timed_out = true;
      task.cancel();
    });
    try {
      try {
        await sleep(sleepFor);
        state.finished = true;
      } catch (e) {
        if (e instanceof CancelledError && state.timed_out && task.uncancel() === 0) throw new TimeoutError();
        throw e;
      } finally {
        handle.cancel();
      }
    } catch (e) {
      if (!(e instanceof TimeoutError)) throw e;
    }
    state.outer = true;
    await sleep(0);
    return state;
  };
  for (const [sleepFor, timeout] of [
    [10.0, 0.1],
    [0, 10.0],
  ] as const) {
    const task = createTask(() => makeRequestWithTimeout(sleepFor, timeout));
    const state = await task;
    print(
      `structured block, sleep ${sleepFor.toFixed(1).replace(/^0\.0$/, '0')} timeout ${timeout.toFixed(1)}:`,
      state.timed_out,
      state.finished,
      state.outer,
      'cancelling',
      task.cancelling(),
    );
  }
}
