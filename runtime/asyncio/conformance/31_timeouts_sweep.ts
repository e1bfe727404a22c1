import { CancelledError, RuntimeError, TimeoutError, createTask, currentTask, getRunningLoop, sleep, timeout, timeoutAt } from '#runtime/asyncio';
import { KeyError, err, print, t } from './twin.ts';

class ZeroDivisionError extends Error {
  override name = 'ZeroDivisionError';
}

const isTimeout = (e: unknown): boolean => e instanceof TimeoutError;
const isCancel = (e: unknown): boolean => e instanceof CancelledError;

/** Python's `try: ... except Kind: print(...)` as one call, usable inside a finally block. */
async function expecting(kind: (e: unknown) => boolean, body: () => Promise<unknown>, onError: () => void): Promise<void> {
  let caught: unknown = null;
  try {
    await body();
  } catch (e) {
    caught = e;
  }
  if (caught === null) return;
  if (!kind(caught)) throw caught;
  onError();
}

export async function main(): Promise<void> {
  const loop = getRunningLoop();
  let cm = timeout(null);
  await cm.run(() => sleep(0.1));
  print('timeout(None): expired', cm.expired(), 'when', cm.when());
  cm = timeoutAt(null);
  await cm.run(() => sleep(0.1));
  print('timeout_at(None): expired', cm.expired(), 'when', cm.when());
  cm = timeoutAt(loop.time() + 0.1);
  try {
    await cm.run(() => sleep(10));
  } catch (e) {
    if (!isTimeout(e)) throw e;
    print('timeout_at: TimeoutError, expired', cm.expired(), t());
  }
  cm = timeout(0);
  try {
    await cm.run(() => sleep(10));
  } catch (e) {
    if (!isTimeout(e)) throw e;
    print('timeout(0): expired', cm.expired(), 'cause', ((e as Error).cause as Error).name, t());
  }
  cm = timeout(0.1);
  try {
    await cm.run(() => {
      throw new KeyError('k');
    });
  } catch (e) {
    print('foreign error passes:', err(e), 'expired', cm.expired());
  }

  const crash = async (): Promise<void> => {
    try {
      await sleep(1);
    } finally {
      // eslint-disable-next-line no-unsafe-finally
      throw new ZeroDivisionError('division by zero');
    }
  };
  try {
    await timeout(0.1).run(() => crash());
  } catch (e) {
    print('error in cleanup on timeout:', err(e), t());
  }
  cm = timeout(10);
  try {
    await cm.run(async () => {
      currentTask()!.cancel();
      await sleep(10);
    });
  } catch (e) {
    if (!isCancel(e)) throw e;
    print('foreign cancel: CancelledError, expired', cm.expired(), t());
  }

  const outer = async (): Promise<void> => {
    try {
      await timeout(0.1).run(() => sleep(10));
    } catch (e) {
      if (!isTimeout(e)) throw e;
      print('outer task caught TimeoutError');
    }
  };
  const task = createTask(outer);
  await task;
  print('outer task cancelled', task.cancelled(), 'done', task.done(), t());

  try {
    await timeout(1).run(async () => {
      try {
        await timeout(0.1).run(() => sleep(10));
      } catch (e) {
        if (!isTimeout(e)) throw e;
        print('inner expired at', t());
      }
      await sleep(10);
    });
  } catch (e) {
    if (!isTimeout(e)) throw e;
    print('outer expired at', t());
  }

  cm = timeout(10);
  await cm.run((c) => print('repr active:', String(c).replace(/when=\d+\.?\d*/, 'when=<t>')));
  print('repr finished:', String(cm));
  cm = timeout(0.1);
  try {
    await cm.run(() => sleep(10));
  } catch (e) {
    if (!isTimeout(e)) throw e;
    print('repr expired:', String(cm));
  }
  await timeout(null).run((c) => print('repr disabled:', String(c)));

  try {
    await timeout(0.1).run(async () => {
      try {
        await sleep(1);
      } finally {
        await expecting(isTimeout, () => timeout(0.1).run(() => sleep(10)), () => print('timeout in finally expired', t()));
      }
    });
  } catch (e) {
    if (!isTimeout(e)) throw e;
    print('outer timeout expired', t());
  }

  try {
    currentTask()!.cancel();
    await sleep(1);
  } catch (e) {
    if (!isCancel(e)) throw e;
    print('cancelled once');
  } finally {
    await expecting(isTimeout, () => timeout(0.0).run(() => sleep(1)), () => print('timeout after a cancellation still times out', t()));
  }
  try {
    currentTask()!.cancel();
    await sleep(1);
  } catch (e) {
    if (!isCancel(e)) throw e;
  } finally {
    await expecting(
      isCancel,
      () => timeout(1.0).run(async () => {
        currentTask()!.cancel();
        await sleep(2);
      }),
      () => print('a cancel inside the timeout stays CancelledError', t()),
    );
  }

  cm = timeout(0.1);
  await cm.run(async (c) => {
    try {
      await c.run(() => undefined);
    } catch (e) {
      if (!(e instanceof RuntimeError)) throw e;
      print('enter while entered:', err(e));
    }
  });
  try {
    await cm.run(() => undefined);
  } catch (e) {
    print('enter again:', err(e));
  }
  cm = timeout(0.1);
  try {
    await cm.run(() => sleep(1));
  } catch (e) {
    if (!isTimeout(e)) throw e;
    try {
      cm.reschedule(0.2);
    } catch (e2) {
      print('reschedule expired:', err(e2));
    }
  }
  await timeout(0.1).run(async (c) => {
    try {
      await sleep(1);
    } catch (e) {
      if (!isCancel(e)) throw e;
      try {
        c.reschedule(0.2);
      } catch (e2) {
        print('reschedule expiring:', err(e2));
      }
    }
  });
  print('expiring block swallowed its CancelledError: no TimeoutError', t());

  try {
    timeout(0.01).reschedule(0.02);
  } catch (e) {
    print('reschedule before entering:', err(e));
  }

  const fut = loop.createFuture();
  loop.callLater(0.1, () => fut.cancel());
  try {
    await timeout(1).run(() => fut);
  } catch (e) {
    if (!isCancel(e)) throw e;
    print('awaited future cancelled: CancelledError, not TimeoutError', t());
  }
}
