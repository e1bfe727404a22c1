// Twin of 42_waitfor_timeout_threads.py. time.sleep() is #runtime/time's sleep (awaited: it blocks this task's
// fiber); to_thread has no keyword arguments in TS, so the call passes positional ones.
import { CancelledError, Timeout, TimeoutError, createTask, gather, getRunningLoop, sleep, timeout, toThread, wait, waitFor, type Task } from '#runtime/asyncio';
import { sleep as blockingSleep } from '#runtime/time';
import { err, lap, print, repr } from './twin.ts';

const EPSILON = 0.0001;

async function outcome(aw: PromiseLike<unknown>): Promise<string> {
  try {
    return `result ${String(await aw)}`;
  } catch (e) {
    return err(e);
  }
}

class FooException extends Error {
  override name = 'FooException';
}

const tuple = (args: unknown[]): string => (args.length === 1 ? `(${repr(args[0])},)` : `(${args.map(repr).join(', ')})`);

export async function main(): Promise<void> {
  const loop = getRunningLoop();
  let exited = false;
  const slowTask = async (): Promise<void> => {
    const exitAt = loop.time() + 0.2;
    for (;;) {
      const toSleep = exitAt - loop.time();
      if (toSleep <= 0) break;
      try {
        await sleep(toSleep);
      } catch (e) {
        if (!(e instanceof CancelledError)) throw e;
      }
    }
    exited = true;
  };
  const waitfortask = createTask(() => waitFor(slowTask, 0.4));
  await sleep(0);
  waitfortask.cancel();
  await wait(new Set([waitfortask]));
  print('wait_for cancelled: the slow task exited', exited, waitfortask.cancelled(), lap());

  print('timeout=None:', await waitFor(async () => 'done', null));

  const fut = loop.createFuture<string>();
  loop.callLater(0.1, () => fut.setResult('ok'));
  print('resolved before the timeout:', await waitFor(fut, 0.2), lap());

  const swallowing = async (): Promise<number | undefined> => {
    try {
      await sleep(1);
    } catch (e) {
      if (e instanceof CancelledError) return 1;
      throw e;
    }
    return undefined;
  };
  print('task swallows the cancellation:', await outcome(waitFor(swallowing, 0.01)), lap());

  let taskDone = false;
  let innerTask = createTask(async () => {
    try {
      await sleep(10);
    } catch (e) {
      if (e instanceof CancelledError) await sleep(EPSILON);
      throw e;
    } finally {
      taskDone = true;
    }
  });
  await sleep(EPSILON);
  print('timeout=0 on a running task:', await outcome(waitFor(innerTask, 0)), taskDone);

  const raising = createTask(async () => {
    try {
      await sleep(0.2);
    } finally {
      // eslint-disable-next-line no-unsafe-finally -- the CPython test raises from finally
      throw new FooException();
    }
  });
  print('error during cancellation:', await outcome(waitFor(raising, EPSILON)), lap());

  const stubborn = createTask(async () => {
    try {
      await sleep(0.3);
    } catch (e) {
      if (!(e instanceof CancelledError)) throw e;
      try {
        await sleep(0.3);
      } catch (e2) {
        if (!(e2 instanceof CancelledError)) throw e2;
        await sleep(0.3);
      }
    }
    return 42;
  });
  let task: Task<unknown> = createTask(() => waitFor(stubborn, 0.1));
  await sleep(0.2);
  task.cancel();
  print('wait_for cancelled while its task holds up:', await outcome(task), await stubborn, lap());

  for (const t of [null, 60.0]) {
    innerTask = createTask(async () => {
      await loop.createFuture();
    });
    const blockedTask = innerTask;
    task = createTask(() => waitFor(blockedTask, t));
    loop.callSoon(() => task.cancel());
    print(`cancel wait_for(timeout=${t === null ? 'None' : t.toFixed(1)}):`, await outcome(task), 'task cancelled', blockedTask.cancelled());
  }

  let cancelled = false;
  const underTimeout = (): Promise<void> =>
    timeout(0.01).run(async () => {
      try {
        await sleep(10);
      } catch (e) {
        if (e instanceof CancelledError) cancelled = true;
        throw e;
      }
    });
  print('timeout: waiter cancelled first:', await outcome(underTimeout()), cancelled, lap());

  const innerOutcome: string[] = [];
  const nested = (): Promise<void> =>
    timeout(0.002).run(async () => {
      try {
        await timeout(0.1).run(async () => {
          await blockingSleep(0.01);
          await sleep(1);
        });
      } catch (e) {
        if (e instanceof TimeoutError) innerOutcome.push(err(e));
        throw e;
      }
    });
  print('nested timeouts, outer expired while blocked:', await outcome(nested()), innerOutcome, lap());

  const cm: Timeout = timeout(0.01);
  try {
    cm.reschedule(0.02);
  } catch (e) {
    print('reschedule before entering:', err(e));
  }

  const calls: unknown[][] = [];
  const func = (...args: unknown[]): number => {
    calls.push(args);
    return calls.length;
  };
  print('to_thread once:', await toThread(func), `[${calls.map(tuple).join(', ')}]`);
  calls.length = 0;
  await gather(...Array.from({ length: 10 }, () => toThread(func)));
  print('to_thread ten at once:', calls.length);
  calls.length = 0;
  await toThread(func, 'test', true);
  print('to_thread with arguments:', `[${calls.map(tuple).join(', ')}]`);
  print('to_thread sum:', await toThread((xs: number[]) => xs.reduce((a, b) => a + b, 0), [40, 2]));
  // Ends at 0.76 s of virtual time, away from a rounding boundary (see the Python twin).
  await sleep(0.04);
}
