import {
  BrokenBarrierError, CancelledError, Barrier, Condition, Queue, TimeoutError,
  createTask, currentTask, gather, sleep, timeout, waitFor,
} from '#runtime/asyncio';
import { err, print, t } from './twin.ts';

async function swallower(): Promise<string> {
  try {
    await sleep(5);
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    print('swallower: cancelled at', t(), 'but returns anyway');
  }
  return 'kept';
}

export async function main(): Promise<void> {
  print('wait_for ->', await waitFor(() => swallower(), 1), t());

  const cond = new Condition();
  const waiter = async (): Promise<void> => {
    using _held = await cond.hold();
    try {
      await cond.wait();
    } catch (e) {
      if (e instanceof CancelledError) print('waiter: cancelled, holds the lock again:', cond.locked(), t());
      throw e;
    }
  };
  const w = createTask(waiter);
  await sleep(0.5);
  {
    using _held = await cond.hold();
    w.cancel();
    await sleep(0.5);
    print('main still holds the lock; waiter done:', w.done(), t());
  }
  await gather(w, { returnExceptions: true });
  print('waiter cancelled:', w.cancelled(), 'lock free:', !cond.locked());

  const q = new Queue<string>(1);
  q.putNowait('first');
  const putter = async (item: string): Promise<void> => {
    await q.put(item);
    print('put', item, 'at', t());
  };
  const p1 = createTask(() => putter('p1'));
  const p2 = createTask(() => putter('p2'));
  await sleep(0.5);
  p1.cancel();
  print('got', await q.get(), t());
  await gather(p1, p2, { returnExceptions: true });
  print('p1 cancelled:', p1.cancelled(), 'queue holds', q.getNowait());

  try {
    await timeout(10).run(async () => {
      try {
        await timeout(1).run(() => sleep(5));
      } catch (e) {
        if (!(e instanceof TimeoutError)) throw e;
        print('inner timeout at', t(), 'cancelling()', currentTask()!.cancelling());
      }
      await sleep(0.5);
      print('outer block goes on at', t());
    });
  } catch (e) {
    if (!(e instanceof TimeoutError)) throw e;
    print('outer timeout (wrong)');
  }

  const barrier = new Barrier(3);
  const party = async (name: string): Promise<void> => {
    try {
      await barrier.wait();
    } catch (e) {
      if (!(e instanceof BrokenBarrierError)) throw e;
      print(name, err(e), t());
    }
  };
  const parties = [0, 1].map((i) => createTask(() => party(`P${i}`)));
  await sleep(1);
  await barrier.abort();
  await gather(...parties);
  print('broken:', barrier.broken);
}
