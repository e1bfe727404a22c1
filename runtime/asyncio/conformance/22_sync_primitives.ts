import { Barrier, BoundedSemaphore, Condition, Event, Lock, RuntimeError, Semaphore, ValueError, createTask, gather, sleep } from '#runtime/asyncio';
import { err, print, t } from './twin.ts';

async function lockedWorker(lock: Lock, name: string): Promise<void> {
  using _held = await lock.hold();
  print(name, 'has the lock', t());
  await sleep(1);
}

async function waiter(event: Event, name: string): Promise<void> {
  print(name, 'waiting');
  await event.wait();
  print(name, 'released', t());
}

async function limited(sem: Semaphore, name: string): Promise<void> {
  using _held = await sem.hold();
  print(name, 'in', t());
  await sleep(1);
}

async function consumer(cond: Condition, items: string[], name: string): Promise<void> {
  using _held = await cond.hold();
  await cond.waitFor(() => items.length > 0);
  print(name, 'consumed', items.shift(), t());
}

async function atBarrier(barrier: Barrier, name: string, delay: number): Promise<void> {
  await sleep(delay);
  const index = await barrier.wait();
  print(name, 'passed barrier, index', index, t());
}

export async function main(): Promise<void> {
  const lock = new Lock();
  await gather(...[0, 1, 2].map((i) => () => lockedWorker(lock, `L${i}`)));
  print('lock locked():', lock.locked());
  try {
    lock.release();
  } catch (e) {
    if (!(e instanceof RuntimeError)) throw e;
    print('release:', err(e));
  }

  const event = new Event();
  const ws = [0, 1].map((i) => createTask(() => waiter(event, `E${i}`)));
  await sleep(1);
  event.set();
  await gather(...ws);
  print('is_set', event.isSet());

  const sem = new Semaphore(2);
  await gather(...[0, 1, 2, 3, 4].map((i) => () => limited(sem, `S${i}`)));
  const bsem = new BoundedSemaphore(1);
  try {
    bsem.release();
  } catch (e) {
    if (!(e instanceof ValueError)) throw e;
    print('bounded:', err(e));
  }

  const cond = new Condition();
  const items: string[] = [];
  const cs = [0, 1].map((i) => createTask(() => consumer(cond, items, `C${i}`)));
  for (const x of ['a', 'b']) {
    await sleep(1);
    using _held = await cond.hold();
    items.push(x);
    cond.notify();
  }
  await gather(...cs);
  try {
    cond.notify();
  } catch (e) {
    if (!(e instanceof RuntimeError)) throw e;
    print('notify:', err(e));
  }

  const barrier = new Barrier(3);
  await gather(...[0, 1, 2].map((i) => () => atBarrier(barrier, `B${i}`, i)));
  print('barrier n_waiting', barrier.nWaiting, 'broken', barrier.broken);
}
