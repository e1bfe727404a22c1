import { CancelledError, Condition, RuntimeError, createTask, getRunningLoop, sleep } from '#runtime/asyncio';
import { err, print } from './twin.ts';

const isCancel = (e: unknown): boolean => e instanceof CancelledError;

export async function main(): Promise<void> {
  let cond = new Condition();
  let result: number[] = [];
  const k1 = cond;
  const c = async (n: number): Promise<boolean> => {
    await k1.acquire();
    if (await k1.wait()) result.push(n);
    return true;
  };
  let tasks = [1, 2, 3].map((n) => createTask(() => c(n)));
  await sleep(0);
  print('waiting:', result, 'locked', cond.locked());
  print('acquire', await cond.acquire());
  cond.notify();
  await sleep(0);
  print('notified, lock still held:', result, cond.locked());
  cond.release();
  await sleep(0);
  print('released:', result, cond.locked());
  cond.notify(2);
  await sleep(0);
  print('notify(2) by the holder:', result, cond.locked());
  cond.release();
  await sleep(0);
  print('released:', result, cond.locked());
  cond.release();
  await sleep(0);
  print('released:', result, cond.locked(), tasks.map((x) => x.done() && x.result()));
  cond.release();

  cond = new Condition();
  const k2 = cond;
  await cond.acquire();
  const waitTask = createTask(() => k2.wait());
  await sleep(0);
  print('waiting released the lock:', !cond.locked());
  await cond.acquire();
  cond.notify();
  getRunningLoop().callSoon(() => waitTask.cancel());
  getRunningLoop().callSoon(() => k2.release());
  try {
    await waitTask;
  } catch (e) {
    if (!isCancel(e)) throw e;
    print('contested cancelled wait: CancelledError');
  }
  print('and it holds the lock again:', cond.locked());
  cond.release();

  const waited: boolean[] = [];
  cond = new Condition();
  const k3 = cond;
  const waiter = createTask(async () => {
    using _held = await k3.hold();
    waited.push(true);
    await k3.wait();
  });
  await sleep(0);
  await cond.acquire();
  cond.notify();
  await sleep(0);
  waiter.cancel();
  await sleep(0);
  cond.release();
  await sleep(0);
  print('cancelled after notify: cancelled', waiter.cancelled(), 'reached wait', waited, 'locked', cond.locked());

  cond = new Condition();
  try {
    await cond.wait();
  } catch (e) {
    if (!(e instanceof RuntimeError)) throw e;
    print('wait without the lock:', err(e));
  }
  print('wait_for a true predicate without the lock:', await cond.waitFor(() => [1, 2, 3]));
  try {
    await cond.waitFor(() => false);
  } catch (e) {
    if (!(e instanceof RuntimeError)) throw e;
    print('wait_for a false predicate without the lock:', err(e));
  }

  cond = new Condition();
  const k4 = cond;
  let presult = false;
  result = [];
  const task = createTask(async () => {
    await k4.acquire();
    if (await k4.waitFor(() => presult)) {
      result.push(1);
      k4.release();
    }
    return true;
  });
  await sleep(0);
  await cond.acquire();
  cond.notify();
  cond.release();
  await sleep(0);
  print('notified, predicate false:', result);
  presult = true;
  await cond.acquire();
  cond.notify();
  cond.release();
  await sleep(0);
  print('notified, predicate true:', result, task.done(), task.result());

  cond = new Condition();
  const k5 = cond;
  result = [];
  const c2 = async (n: number): Promise<boolean> => {
    await k5.acquire();
    if (await k5.wait()) {
      result.push(n);
      k5.release();
    }
    return true;
  };
  tasks = [1, 2].map((n) => createTask(() => c2(n)));
  await sleep(0);
  await cond.acquire();
  cond.notifyAll();
  cond.release();
  await sleep(0);
  print('notify_all:', result, tasks.map((x) => x.done()));
}
