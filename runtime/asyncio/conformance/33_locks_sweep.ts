import { CancelledError, Event, Lock, createTask, getRunningLoop, sleep, type Task } from '#runtime/asyncio';
import { print } from './twin.ts';

const isCancel = (e: unknown): boolean => e instanceof CancelledError;

export async function main(): Promise<void> {
  const loop = getRunningLoop();
  let lock = new Lock();
  let result: number[] = [];
  print('acquire', await lock.acquire());
  const l1 = lock;
  const c = async (n: number): Promise<boolean> => {
    if (await l1.acquire()) result.push(n);
    return true;
  };
  let t1: Task<unknown> = createTask(() => c(1));
  let t2: Task<unknown> = createTask(() => c(2));
  await sleep(0);
  print('step 1', result);
  lock.release();
  await sleep(0);
  print('step 2', result);
  await sleep(0);
  print('step 3', result);
  let t3: Task<unknown> = createTask(() => c(3));
  lock.release();
  await sleep(0);
  print('step 4', result);
  lock.release();
  await sleep(0);
  print('step 5', result, [t1, t2, t3].map((x) => x.done() && x.result()));
  lock.release();

  lock = new Lock();
  const l2 = lock;
  await lock.acquire();
  let task = createTask(() => l2.acquire());
  loop.callSoon(() => task.cancel());
  try {
    await task;
  } catch (e) {
    if (!isCancel(e)) throw e;
    print('cancelled acquire: CancelledError, lock still locked', lock.locked());
  }
  lock.release();

  lock = new Lock();
  const l3 = lock;
  const lockit = async (blocker: Promise<unknown> | null): Promise<void> => {
    await l3.acquire();
    try {
      if (blocker !== null) await blocker;
    } finally {
      l3.release();
    }
  };
  const fa = loop.createFuture<null>();
  const ta = createTask(() => lockit(fa as unknown as Promise<unknown>));
  await sleep(0);
  print('A holds it:', lock.locked());
  let tb: Task<unknown> = createTask(() => lockit(null));
  await sleep(0);
  let tc: Task<unknown> = createTask(() => lockit(null));
  await sleep(0);
  fa.setResult(null);
  tb.cancel();
  await sleep(0);
  print('cancel race: locked', lock.locked(), 'A done', ta.done(), 'B cancelled', tb.cancelled());
  await tc;
  print('C got it after all');

  lock = new Lock();
  const l4 = lock;
  const counts = { lock: 0, call: 0 };
  const lockit2 = async (): Promise<void> => {
    counts.call += 1;
    await l4.acquire();
    counts.lock += 1;
  };
  await lock.acquire();
  t1 = createTask(lockit2);
  t2 = createTask(lockit2);
  t3 = createTask(lockit2);
  await sleep(0);
  loop.callSoon(() => {
    t1.cancel();
    l4.release();
  });
  try {
    await t1;
  } catch (e) {
    if (!isCancel(e)) throw e;
    print('cancel-release race:', `{'lock': ${counts.lock}, 'call': ${counts.call}}`, 't1 cancelled', t1.cancelled(), 't2 done', t2.done());
  }
  t3.cancel();
  await sleep(0);
  print('t3 cancelled', t3.cancelled());

  lock = new Lock();
  const l5 = lock;
  await lock.acquire();
  tb = createTask(() => l5.acquire());
  await sleep(0);
  tc = createTask(() => l5.acquire());
  tb.cancel();
  lock.release();
  await sleep(0);
  print('handed-over waiter cancelled: locked', lock.locked(), 'B cancelled', tb.cancelled());
  await tc;
  print('C has it', lock.locked());
  lock.release();

  lock = new Lock();
  await lock.acquire();
  const before = lock.locked();
  lock.release();
  print('release without waiters:', before, lock.locked());
  {
    using _held = await lock.hold();
    print('async with: locked', lock.locked());
  }
  print('after: locked', lock.locked());

  let ev = new Event();
  const ev1 = ev;
  result = [];
  const w = async (n: number): Promise<void> => {
    if (await ev1.wait()) result.push(n);
  };
  const e1 = createTask(() => w(1));
  const e2 = createTask(() => w(2));
  await sleep(0);
  print('event before set', result);
  const e3 = createTask(() => w(3));
  ev.set();
  await sleep(0);
  print('event woken in loop order', result, [e1, e2, e3].map((x) => x.done()));
  const ev2 = new Event();
  ev2.set();
  print('wait on a set event', await ev2.wait());
  const ev3 = new Event();
  const wait = createTask(() => ev3.wait());
  loop.callSoon(() => wait.cancel());
  try {
    await wait;
  } catch (e) {
    if (!isCancel(e)) throw e;
    print('cancelled wait: CancelledError');
  }
  ev3.set();
  ev3.clear();
  print('clear', ev3.isSet());

  ev = new Event();
  const ev4 = ev;
  result = [];
  task = createTask(async () => {
    if (await ev4.wait()) result.push(1);
    return true;
  });
  await sleep(0);
  ev.set();
  ev.clear();
  const isSet = ev.isSet();
  ev.set();
  ev.set();
  await sleep(0);
  print('set(); clear(): is_set', isSet, 'waiter ran', result, task.done(), task.result());
}
