// Twin of 37_barrier_sweep.py. `async with barrier as i:` is `const i = await barrier.wait();` (its __aenter__).
import { Barrier, BrokenBarrierError, CancelledError, ValueError, createTask, gather, sleep, wait, type Task } from '#runtime/asyncio';
import { err, print, sorted } from './twin.ts';

const N = 5;

const r = (b: Barrier): string => String(b);

async function gatherTasks<T>(n: number, coro: () => Promise<T>): Promise<T[]> {
  const tasks = Array.from({ length: n }, () => createTask(coro));
  return gather(...tasks);
}

function state(label: string, b: Barrier): void {
  print(label, 'n_waiting', b.nWaiting, 'broken', b.broken);
}

class RuntimeErrorForTest extends Error {
  override name = 'RuntimeError';
}

export async function main(): Promise<void> {
  let barrier = new Barrier(N);
  print('repr', r(barrier));
  const waiters: Task<void>[] = [];
  const waitOn = async (b: Barrier): Promise<void> => {
    await b.wait();
  };
  for (let i = 0; i < 2; i++) waiters.push(createTask(() => waitOn(barrier)));
  await sleep(0);
  print('repr', r(barrier));
  for (let i = barrier.parties - barrier.nWaiting; i > 0; i--) waiters.push(createTask(() => waitOn(barrier)));
  await sleep(0);
  print('repr', r(barrier));
  for (let i = 0; i < 2; i++) waiters.push(createTask(() => waitOn(barrier)));
  await sleep(0);
  await barrier.reset();
  print('repr', r(barrier));
  for (let i = 0; i < 2; i++) waiters.push(createTask(() => waitOn(barrier)));
  await sleep(0);
  await barrier.abort();
  print('repr', r(barrier), barrier.broken);
  const outcomes = await gather(...waiters, { returnExceptions: true });
  print('waiters', outcomes.map((x) => (x ? err(x) : null)));

  for (const parties of [0, -4]) {
    try {
      new Barrier(parties);
    } catch (e) {
      if (!(e instanceof ValueError)) throw e;
      print(`Barrier(${parties}):`, err(e));
    }
  }

  barrier = new Barrier(3);
  let results: unknown[] = [];
  await gatherTasks(3, async () => {
    const i = await barrier.wait();
    results.push(i);
  });
  print('async with indexes', sorted(results as number[]));
  state('after async with', barrier);

  barrier = new Barrier(1);
  print('one party: index', await barrier.wait());
  const t1 = createTask(() => barrier.wait());
  await sleep(0);
  print('one party: n_waiting', barrier.nWaiting);
  const t2 = createTask(() => barrier.wait());
  await sleep(0);
  print('one party twice:', t1.result(), t2.result(), t1.done(), t2.done());
  state('one party', barrier);

  barrier = new Barrier(3);
  const ts: Task<number>[] = [];
  for (let i = 0; i < 3; i++) {
    ts.push(createTask(() => barrier.wait()));
    await sleep(0);
    print('task by task: n_waiting', barrier.nWaiting, r(barrier));
  }
  await wait(ts);
  print('task by task: indexes', sorted(ts.map((t) => t.result())));
  state('task by task', barrier);

  barrier = new Barrier(N);
  results = [];
  const res = await gatherTasks(N, async () => {
    await barrier.wait();
    results.push(true);
    const i = await barrier.wait();
    results.push(false);
    return i;
  });
  const count = (v: unknown, list: unknown[]): number => list.filter((x) => x === v).length;
  print('twice:', count(true, results), count(false, results), sorted(res), count(true, results.slice(0, N)));
  state('twice', barrier);

  barrier = new Barrier(N);
  results = [];
  await gatherTasks(N, async () => {
    await barrier.wait();
    results.push(r(barrier).includes('draining'));
  });
  print('draining seen inside the block:', results);

  barrier = new Barrier(N);
  const nowaiting = new Barrier(N - 2);
  let rewait = 2;
  const passes: boolean[] = [];
  await gatherTasks(N, async () => {
    await barrier.wait();
    if (rewait > 0) {
      rewait -= 1;
      await barrier.wait();
    } else {
      await nowaiting.wait();
      await barrier.wait();
    }
    passes.push(true);
  });
  print('arrivals while draining wait for the next round:', passes.length);

  barrier = new Barrier(3);
  results = [];
  const cancelOne = async (): Promise<void> => {
    await barrier.wait();
    results.push(true);
  };
  const c1 = createTask(cancelOne);
  await sleep(0);
  const c2 = createTask(cancelOne);
  await sleep(0);
  print('cancel one: n_waiting', barrier.nWaiting);
  c1.cancel();
  await sleep(0);
  print('cancel one: n_waiting after cancel', barrier.nWaiting);
  try {
    await c1;
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    print('cancel one: cancelled', c1.cancelled());
  }
  const c3 = createTask(cancelOne);
  await sleep(0);
  print('cancel one: n_waiting', barrier.nWaiting);
  const c4 = createTask(cancelOne);
  await gather(c2, c3, c4);
  print('cancel one: passed', results.length);
  state('cancel one', barrier);

  barrier = new Barrier(1);
  createTask(() => barrier.reset());
  await sleep(0);
  state('reset idle', barrier);

  barrier = new Barrier(N);
  results = [];
  const brokenWaiter = async (): Promise<void> => {
    try {
      await barrier.wait();
    } catch (e) {
      if (!(e instanceof BrokenBarrierError)) throw e;
      results.push(err(e));
    }
  };
  let tasks = Array.from({ length: N - 1 }, () => createTask(brokenWaiter));
  await sleep(0);
  createTask(() => barrier.reset());
  await gather(...tasks);
  print('reset while waiting:', results, r(barrier).includes('resetting'));
  state('reset while waiting', barrier);

  barrier = new Barrier(N);
  let results1: boolean[] = [];
  await gatherTasks(N, async () => {
    try {
      await barrier.wait();
    } catch (e) {
      if (!(e instanceof BrokenBarrierError)) throw e;
      results1.push(true);
      return;
    }
    if (Math.floor(N / 2) === barrier['_count']) await barrier.reset();
  });
  print('reset half draining:', results1, r(barrier).includes('resetting'));
  state('reset half draining', barrier);

  barrier = new Barrier(N);
  results1 = [];
  let results2: boolean[] = [];
  let counter = 0;
  await gatherTasks(N, async () => {
    try {
      await barrier.wait();
    } catch (e) {
      if (!(e instanceof BrokenBarrierError)) throw e;
      results1.push(true);
      await barrier.wait();
      return;
    }
    counter += 1;
    if (counter > Math.floor(N / 2)) {
      await barrier.reset();
      await barrier.wait();
    } else {
      try {
        await barrier.wait();
      } catch (e) {
        if (!(e instanceof BrokenBarrierError)) throw e;
        results2.push(true);
      }
    }
  });
  print('reset half draining half blocking:', results1, results2, r(barrier).includes('resetting'));
  state('reset half draining half blocking', barrier);

  barrier = new Barrier(N);
  results1 = [];
  results2 = [];
  const coro1 = async (): Promise<void> => {
    try {
      await barrier.wait();
    } catch (e) {
      if (!(e instanceof BrokenBarrierError)) throw e;
      results1.push(true);
    } finally {
      await barrier.wait();
      results2.push(true);
    }
  };
  tasks = Array.from({ length: N - 1 }, () => createTask(coro1));
  createTask(() => barrier.reset());
  await sleep(0);
  createTask(async () => {
    await barrier.wait();
    results2.push(true);
  });
  await gather(...tasks);
  print('reset then wait again:', results1.length, results2.length);
  state('reset then wait again', barrier);

  barrier = new Barrier(N);
  results1 = [];
  results2 = [];
  let results3: boolean[] = [];
  counter = 0;
  await gatherTasks(N, async () => {
    await barrier.wait();
    counter += 1;
    if (counter === N) {
      await barrier.reset();
      await barrier.wait();
    } else {
      try {
        await barrier.wait();
        results1.push(true);
      } catch (e) {
        if (!(e instanceof Error)) throw e;
        results2.push(true);
      }
    }
    await barrier.wait();
    results3.push(true);
  });
  print('reset while draining:', results1.length, results2.length, results3.length);
  state('reset while draining', barrier);

  barrier = new Barrier(1);
  createTask(() => barrier.abort());
  await sleep(0);
  state('abort idle', barrier);
  try {
    await barrier.wait();
  } catch (e) {
    if (!(e instanceof BrokenBarrierError)) throw e;
    print('wait on a broken barrier:', err(e));
  }

  barrier = new Barrier(N);
  results1 = [];
  results2 = [];
  counter = 0;
  await gatherTasks(N, async () => {
    try {
      await barrier.wait();
    } catch (e) {
      if (!(e instanceof BrokenBarrierError)) throw e;
      results1.push(true);
      return;
    }
    counter += 1;
    if (counter > Math.floor(N / 2)) {
      await barrier.abort();
    } else {
      try {
        await barrier.wait();
      } catch (e) {
        if (!(e instanceof BrokenBarrierError)) throw e;
        results2.push(true);
      }
    }
  });
  print('abort half draining half blocking:', results1, results2);
  state('abort half draining half blocking', barrier);

  barrier = new Barrier(N);
  results1 = [];
  results2 = [];
  await gatherTasks(N, async () => {
    try {
      const i = await barrier.wait();
      if (i === Math.floor(N / 2)) throw new RuntimeErrorForTest();
      await barrier.wait();
      results1.push(true);
    } catch (e) {
      if (e instanceof BrokenBarrierError) results2.push(true);
      else if (e instanceof RuntimeErrorForTest) await barrier.abort();
      else throw e;
    }
  });
  print('abort on an error:', results1.length, results2.length);
  state('abort on an error', barrier);

  const barrier1 = new Barrier(N);
  const barrier2 = new Barrier(N);
  results1 = [];
  results2 = [];
  results3 = [];
  await gatherTasks(N, async () => {
    try {
      const i = await barrier1.wait();
      if (i === Math.floor(N / 2)) throw new RuntimeErrorForTest();
      await barrier1.wait();
      results1.push(true);
    } catch (e) {
      if (e instanceof BrokenBarrierError) results2.push(true);
      else if (e instanceof RuntimeErrorForTest) await barrier1.abort();
      else throw e;
    }
    const i = await barrier2.wait();
    if (i === Math.floor(N / 2)) await barrier1.reset();
    await barrier2.wait();
    await barrier1.wait();
    results3.push(true);
  });
  print('abort then reset:', results1.length, results2.length, results3.length);
  state('abort then reset', barrier1);
}
