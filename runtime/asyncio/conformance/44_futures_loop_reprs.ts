// Twin of 44_futures_loop_reprs.py. `async with cond:` is `using _held = await cond.hold();`.
import {
  Condition,
  Event,
  Future,
  InvalidStateError,
  Lock,
  RuntimeError,
  Semaphore,
  TimeoutError,
  createTask,
  gather,
  getRunningLoop,
  isFuture,
  sleep,
  waitFor,
} from '#runtime/asyncio';
import { err, print } from './twin.ts';

class RuntimeErrorForTest extends Error {
  override name = 'RuntimeError';
}

export async function main(): Promise<void> {
  const loop = getRunningLoop();
  let f = loop.createFuture<unknown>();
  try {
    f.result();
  } catch (e) {
    if (!(e instanceof InvalidStateError)) throw e;
    print('result() pending:', err(e));
  }
  f.setResult(42);
  print('after set_result:', f.cancelled(), f.done(), f.result(), f.exception());
  for (const [label, call] of [
    ['set_result', () => f.setResult(null)],
    ['set_exception', () => f.setException(new RuntimeErrorForTest())],
  ] as const) {
    try {
      call();
    } catch (e) {
      if (!(e instanceof InvalidStateError)) throw e;
      print(label, 'on a done future:', err(e));
    }
  }
  print('cancel() a done future:', f.cancel());

  for (const removed of [
    ['cb1', 'cb1'],
    ['cb1', 'cb2', 'cb1'],
    ['cb3', 'cb3'],
  ]) {
    const bag: number[] = [];
    f = loop.createFuture<unknown>();
    const cbs = new Map(
      (
        [
          ['cb1', 42],
          ['cb2', 17],
          ['cb3', 100],
        ] as const
      ).map(([name, v]) => [name as string, (): void => void bag.push(v)]),
    );
    for (const name of ['cb1', 'cb2', 'cb3']) f.addDoneCallback(cbs.get(name)!);
    const counts = removed.map((name) => f.removeDoneCallback(cbs.get(name)!));
    const before = [...bag];
    f.setResult('foo');
    await sleep(0);
    print('remove', `(${removed.map((n) => `'${n}'`).join(', ')})`, 'counts', counts, 'before', before, 'after', bag, f.result());
  }

  let bag: unknown[] = [];
  f = loop.createFuture<unknown>();
  f.addDoneCallback(() => void bag.push(100));
  f.setException(new RuntimeErrorForTest());
  await sleep(0);
  print('callback on set_exception:', bag, err(f.exception()));

  bag = [];
  f = loop.createFuture<unknown>();
  const two = (): void => void bag.push('two');
  f.addDoneCallback((fut) => {
    bag.push('mut');
    fut.removeDoneCallback(two);
  });
  f.addDoneCallback(two);
  f.addDoneCallback(two);
  f.setResult(1);
  await sleep(0);
  print('a callback removing others after set_result:', bag);

  const pending = loop.createFuture<number>();
  const cancelled = loop.createFuture<number>();
  cancelled.cancel();
  const result = loop.createFuture<number>();
  result.setResult(4);
  const failed = loop.createFuture<number>();
  failed.setException(new RuntimeErrorForTest());
  failed.exception();
  print('reprs:', String(pending), String(cancelled), String(result), String(failed));
  pending.cancel();
  print('isfuture:', isFuture(result), isFuture(1), isFuture(Future));
  print('future made in a task belongs to the running loop:', new Future().getLoop() === loop);

  const fired = loop.createFuture<number>();
  const when = loop.time() + 0.1;
  const t0 = loop.time();
  loop.callAt(when, () => fired.setResult(loop.time()));
  print('call_at fired after the delay:', (await fired) - t0 >= 0.1 - 1e-9);
  try {
    loop.callAt(null as never, () => undefined);
  } catch (e) {
    if (e instanceof TypeError) print('call_at(None): TypeError');
    else throw e;
  }

  const task = loop.createTask(async () => undefined, { name: 'test_task' });
  print('named task:', task.getName());
  await task;

  const [closeError] = await gather(
    async () => {
      loop.close();
    },
    { returnExceptions: true },
  );
  print('close the running loop:', (closeError as Error).name);

  let lock = new Lock();
  print('lock:', String(lock));
  await lock.acquire();
  print('lock:', String(lock));
  let waiter: PromiseLike<unknown> = createTask(() => lock.acquire());
  await sleep(0);
  print('lock:', String(lock));
  lock.release();
  await waiter;
  lock.release();

  const ev = new Event();
  print('event:', String(ev));
  waiter = createTask(() => ev.wait());
  await sleep(0);
  print('event:', String(ev));
  ev.set();
  await waiter;
  print('event:', String(ev));

  let cond = new Condition();
  print('condition:', String(cond));
  await cond.acquire();
  print('condition:', String(cond));
  const condWaiter = async (): Promise<void> => {
    using _held = await cond.hold();
    await cond.wait();
  };
  let waiters = [createTask(condWaiter), createTask(condWaiter)];
  cond.release();
  await sleep(0);
  print('condition:', String(cond));
  {
    using _held = await cond.hold();
    cond.notifyAll();
  }
  await gather(...waiters);

  const sem = new Semaphore();
  print('semaphore:', String(sem));
  await sem.acquire();
  print('semaphore:', String(sem));
  waiters = [createTask(async () => void (await sem.acquire())), createTask(async () => void (await sem.acquire()))];
  await sleep(0);
  print('semaphore:', String(sem));
  for (let i = 0; i < 3; i++) {
    sem.release();
    await sleep(0);
  }
  await gather(...waiters);

  try {
    new Condition().notifyAll();
  } catch (e) {
    if (!(e instanceof RuntimeError)) throw e;
    print('notify_all unacquired:', err(e));
  }

  for (let i = 0; i < 2; i++) {
    lock = new Lock();
    cond = new Condition(lock);
    const states = [lock.locked(), cond.locked()];
    {
      using _held = await cond.hold();
      states.push(lock.locked(), cond.locked());
    }
    states.push(lock.locked(), cond.locked());
    {
      using _held = await lock.hold();
      states.push(lock.locked(), cond.locked());
    }
    states.push(lock.locked(), cond.locked());
    print('explicit lock shared with the condition:', states);
  }

  lock = new Lock();
  {
    using _held = await lock.hold();
    print('async with lock: locked inside', lock.locked());
  }
  print('async with lock: locked after', lock.locked());

  const condition = new Condition();
  {
    using _held = await condition.hold();
    try {
      await waitFor(() => condition.wait(), 0.45);
    } catch (e) {
      if (!(e instanceof TimeoutError)) throw e;
      print('wait_for(cond.wait()) in the block:', e.name, condition.locked());
    }
  }
}
