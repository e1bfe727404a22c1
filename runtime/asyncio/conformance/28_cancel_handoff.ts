import { Lock, RuntimeError, Semaphore, TaskGroup, createTask, gather, sleep, timeout, toThread } from '#runtime/asyncio';
import { sleep as timeSleep } from '#runtime/time';
import { KeyError, err, print, t } from './twin.ts';

export async function main(): Promise<void> {
  const sem = new Semaphore(1);
  await sem.acquire();
  const w = async (name: string): Promise<void> => {
    await sem.acquire();
    print(name, 'acquired at', t());
  };
  let b = createTask(() => w('B'));
  let c = createTask(() => w('C'));
  await sleep(1);
  sem.release();
  b.cancel();
  await gather(b, c, { returnExceptions: true });
  print('B cancelled', b.cancelled(), 'sem locked', sem.locked());

  const lock = new Lock();
  await lock.acquire();
  const lw = async (name: string): Promise<void> => {
    await lock.acquire();
    print(name, 'got lock at', t());
  };
  b = createTask(() => lw('LB'));
  c = createTask(() => lw('LC'));
  await sleep(1);
  lock.release();
  b.cancel();
  await gather(b, c, { returnExceptions: true });
  print('LB cancelled', b.cancelled(), 'lock locked', lock.locked());

  const grp = async (): Promise<void> => {
    try {
      await new TaskGroup().run(async (tg) => {
        tg.createTask(() => sleep(10));
        await sleep(10);
      });
    } catch (e) {
      if ((e as Error).name === 'CancelledError') print('group got CancelledError at', t());
      throw e;
    }
  };
  const g = createTask(grp);
  await sleep(1);
  g.cancel();
  await gather(g, { returnExceptions: true });
  print('group task cancelled', g.cancelled());

  const boom = async (): Promise<never> => {
    await timeSleep(0.5);
    throw new KeyError('x');
  };
  try {
    await toThread(boom);
  } catch (e) {
    if (!(e instanceof KeyError)) throw e;
    print('to_thread raised', err(e), 'at', t());
  }
  const done: string[] = [];
  const slow = async (): Promise<void> => {
    await timeSleep(1);
    done.push('thread finished');
  };
  const task = createTask(() => toThread(slow));
  await sleep(0.2);
  task.cancel();
  await gather(task, { returnExceptions: true });
  print('to_thread task cancelled', task.cancelled(), 'at', t(), 'thread done', done);
  await sleep(1);
  print('later:', done, 'at', t());

  const cm = timeout(1);
  await cm.run(() => {});
  try {
    cm.reschedule(5);
  } catch (e) {
    if (!(e instanceof RuntimeError)) throw e;
    print('reschedule:', err(e));
  }
}
