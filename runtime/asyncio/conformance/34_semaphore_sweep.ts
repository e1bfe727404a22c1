import { BoundedSemaphore, CancelledError, Semaphore, TaskGroup, createTask, gather, getRunningLoop, sleep, waitFor, type Task } from '#runtime/asyncio';
import { err, print, t } from './twin.ts';

const isCancel = (e: unknown): boolean => e instanceof CancelledError;

export async function main(): Promise<void> {
  print('Semaphore(0) locked:', new Semaphore(0).locked());
  try {
    new Semaphore(-1);
  } catch (e) {
    print('Semaphore(-1):', err(e));
  }

  let sem = new Semaphore(3);
  let result: (number | string)[] = [];
  print('two acquires:', await sem.acquire(), await sem.acquire(), 'locked', sem.locked());
  const s1 = sem;
  const c = async (n: number): Promise<boolean> => {
    await s1.acquire();
    result.push(n);
    return true;
  };
  let t1: Task<unknown> = createTask(() => c(1));
  let t2: Task<unknown> = createTask(() => c(2));
  const t3 = createTask(() => c(3));
  await sleep(0);
  print('one more got in:', result, 'locked', sem.locked());
  const t4 = createTask(() => c(4));
  sem.release();
  sem.release();
  await sleep(0);
  print('after two releases:', result.length, 'locked', sem.locked(), 't1 done', t1.done(),
    'racers done', [t2, t3, t4].filter((x) => x.done()).length);
  sem.release();
  await gather(t2, t3, t4);
  print('all in:', [...result].sort());

  sem = new Semaphore();
  const s2 = sem;
  await sem.acquire();
  const acq = createTask(() => s2.acquire());
  getRunningLoop().callSoon(() => acq.cancel());
  try {
    await acq;
  } catch (e) {
    if (!isCancel(e)) throw e;
    print('cancelled acquire: CancelledError, locked', sem.locked());
  }

  sem = new Semaphore(0);
  const s3 = sem;
  t1 = createTask(() => s3.acquire());
  t2 = createTask(() => s3.acquire());
  await sleep(0);
  t1.cancel();
  sem.release();
  await sleep(0);
  await sleep(0);
  print('no hang: locked', sem.locked(), 't2 done', t2.done());

  sem = new Semaphore(1);
  const s4 = sem;
  let k2: Task<unknown> | null = null;
  const k1 = createTask(async () => {
    {
      using _held = await s4.hold();
      await sleep(0);
    }
    k2!.cancel();
    return null;
  });
  k2 = createTask(async () => {
    using _held = await s4.hold();
    print('never here');
  });
  const [r1, r2] = await gather(k1, k2, { returnExceptions: true });
  await waitFor(() => s4.acquire(), 1.0);
  print('cancel while handing over:', r1, (r2 as Error).name, 'and the semaphore is still usable');

  try {
    new BoundedSemaphore().release();
  } catch (e) {
    print('BoundedSemaphore over-release:', err(e));
  }
  sem = new Semaphore();
  await sem.acquire();
  const lockedBefore = sem.locked();
  sem.release();
  print('release without waiters:', lockedBefore, sem.locked());

  sem = new Semaphore(1);
  const s5 = sem;
  result = [];
  const coro = async (tag: string): Promise<void> => {
    await s5.acquire();
    result.push(`${tag}_1`);
    await sleep(0.01);
    s5.release();
    await s5.acquire();
    result.push(`${tag}_2`);
    await sleep(0.01);
    s5.release();
  };
  await new TaskGroup().run((tg) => {
    for (const tag of ['c1', 'c2', 'c3']) tg.createTask(() => coro(tag));
  });
  print('FIFO:', result);

  sem = new Semaphore(1);
  const s6 = sem;
  result = [];
  const f1 = async (): Promise<boolean> => {
    await s6.acquire();
    result.push(1);
    return true;
  };
  const f2 = async (): Promise<boolean> => {
    await s6.acquire();
    result.push(2);
    s6.release();
    await s6.acquire();
    result.push(4);
    return true;
  };
  const f3 = async (): Promise<boolean> => {
    await s6.acquire();
    result.push(3);
    return true;
  };
  let tasks = [f1, f2, f3].map((f) => createTask(f));
  await sleep(0);
  sem.release();
  sem.release();
  await gather(...tasks);
  print('FIFO with a re-acquire:', result);

  sem = new Semaphore(0);
  const s7 = sem;
  result = [];
  const g = async (n: number): Promise<boolean> => {
    await s7.acquire();
    result.push(n);
    return true;
  };
  tasks = [1, 2, 3].map((n) => createTask(() => g(n)));
  await sleep(0);
  tasks[0]!.cancel();
  await sleep(0);
  sem.release();
  sem.release();
  await gather(...tasks, { returnExceptions: true });
  print('FIFO after a cancelled waiter:', result, t());
}
