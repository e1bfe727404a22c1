// Twin of 09_sync_sweep.py. `with cond:` is acquire() then release() in finally; threads are #runtime/threading
// threads of the main process.
import * as mp from '#runtime/multiprocessing';
import { Thread } from '#runtime/threading';
import { monotonic, sleep } from '#runtime/time';

const N = 5;
const py = (v: boolean): string => (v ? 'True' : 'False');
const pyList = (items: unknown[]): string => `[${items.map((v) => (typeof v === 'boolean' ? py(v) : String(v))).join(', ')}]`;

async function runParties(n: number, target: () => Promise<unknown>): Promise<void> {
  const threads = Array.from({ length: n }, () => new Thread({ target }));
  for (const t of threads) t.start();
  for (const t of threads) await t.join();
}

async function withCond<T>(cond: mp.Condition, body: () => Promise<T> | T): Promise<T> {
  await cond.acquire();
  try {
    return await body();
  } finally {
    cond.release();
  }
}

export async function thousand(barrier: mp.Barrier, passes: number, counter: mp.Value<'i'>, queue: mp.Queue<boolean>): Promise<void> {
  let ok = true;
  for (let i = 0; i < passes; i++) {
    await barrier.wait();
    await counter.acquire();
    try {
      counter.value += 1;
      ok = ok && i * N < counter.value && counter.value <= (i + 1) * N;
    } finally {
      counter.release();
    }
  }
  await queue.put(ok);
}

if (mp.currentProcess().name === 'MainProcess') {
  const barrier = new mp.Barrier(N, null, 30.0);
  let count = 0;
  const ok: boolean[] = [];
  await runParties(N, async () => {
    for (let i = 0; i < 10; i++) {
      count += 1;
      await barrier.wait();
      ok.push(count === (i + 1) * N);
      await barrier.wait();
    }
  });
  console.log('ten passes in lockstep:', py(ok.every(Boolean)), ok.length, barrier.nWaiting, py(barrier.broken));

  const indexes: number[] = [];
  await runParties(N, async () => indexes.push(await barrier.wait()));
  console.log('wait() indexes:', pyList(indexes.sort()));

  const actions: boolean[] = [];
  const withAction = new mp.Barrier(N, () => actions.push(true));
  const seen: number[] = [];
  await runParties(N, async () => {
    await withAction.wait();
    seen.push(actions.length);
  });
  console.log('the action ran once before anyone left:', actions.length, pyList(seen));

  const barrier2 = new mp.Barrier(N);
  const results1: boolean[] = [];
  const results2: boolean[] = [];
  const results3: boolean[] = [];
  class Boom extends Error {}
  await runParties(N, async () => {
    try {
      const i = await barrier.wait();
      if (i === Math.floor(N / 2)) throw new Boom();
      await barrier.wait();
      results1.push(true);
    } catch (e) {
      if (e instanceof mp.BrokenBarrierError) results2.push(true);
      else if (e instanceof Boom) await barrier.abort();
      else throw e;
    }
    if ((await barrier2.wait()) === Math.floor(N / 2)) await barrier.reset();
    await barrier2.wait();
    await barrier.wait();
    results3.push(true);
  });
  console.log('abort then reset:', results1.length, results2.length, results3.length, py(barrier.broken));

  const timed = new mp.Barrier(N, null, 0.5);
  const broken: boolean[] = [];
  await runParties(N, async () => {
    const i = await timed.wait(30.0);
    if (i === Math.floor(N / 2)) await sleep(1.0);
    try {
      await timed.wait();
    } catch (e) {
      if (!(e instanceof mp.BrokenBarrierError)) throw e;
      broken.push(true);
    }
  });
  console.log('the default timeout breaks it for every party:', broken.length, py(timed.broken));

  const single = new mp.Barrier(1);
  console.log('one party:', await single.wait(), await single.wait());

  const passes = 200;
  const queue = new mp.Queue<boolean>();
  const counter = new mp.Value('i', 0);
  const procs = Array.from({ length: N }, () => new mp.Process({ target: thousand, args: [barrier, passes, counter, queue] }));
  for (const p of procs) p.start();
  let inLockstep = true;
  for (let j = 0; j < N; j++) if (!(await queue.get())) inLockstep = false;
  inLockstep &&= counter.value === passes * N;
  for (const p of procs) await p.join();
  console.log(`${passes} passes of ${N} processes in lockstep:`, py(inLockstep));

  const cond = new mp.Condition();
  const sleeping = new mp.Semaphore(0);
  const woken = new mp.Semaphore(0);
  const sleeper = (): Promise<void> =>
    withCond(cond, async () => {
      sleeping.release();
      await cond.wait();
      woken.release();
    });
  const wokenCount = async (): Promise<number> => {
    let n = 0;
    while (await woken.acquire(false)) n += 1;
    return n;
  };
  // Waits (up to 10 s) for the expected wake-ups, then 0.1 s more for any extra one (see the Python twin).
  const settle = async (expected: number): Promise<number> => {
    let got = await wokenCount();
    const deadline = monotonic() + 10;
    while (got < expected && monotonic() < deadline) {
      await sleep(0.01);
      got += await wokenCount();
    }
    await sleep(0.1);
    return got + (await wokenCount());
  };
  let threads = Array.from({ length: 6 }, () => new Thread({ target: sleeper }));
  for (const t of threads) t.start();
  for (let i = 0; i < 6; i++) await sleeping.acquire();
  const counts = [await settle(0)];
  await withCond(cond, () => cond.notify(2));
  counts.push(await settle(2));
  await withCond(cond, () => cond.notify(4));
  counts.push(await settle(4));
  await withCond(cond, () => cond.notify(3));
  counts.push(await settle(0));
  for (const t of threads) await t.join();
  console.log('notify(n): woken', pyList(counts));

  threads = Array.from({ length: 6 }, () => new Thread({ target: sleeper }));
  for (const t of threads) t.start();
  for (let i = 0; i < 6; i++) await sleeping.acquire();
  const before = await settle(0);
  await withCond(cond, () => cond.notifyAll());
  for (const t of threads) await t.join();
  console.log('notify_all: woken', before, await wokenCount());

  const c = new mp.Condition();
  await withCond(c, async () => {
    console.log('wait(0) and wait(0.1) with nobody notifying:', py(await c.wait(0)), py(await c.wait(0.1)));
    new Thread({
      target: async () => {
        await sleep(0.1);
        await withCond(c, () => c.notify());
      },
    }).start();
    console.log('wait(60) notified:', py(await c.wait(60)));
  });

  const state = new mp.Value('i', -1);
  const log: string[] = [];
  let t = new Thread({
    target: () =>
      withCond(cond, async () => {
        state.value = 0;
        await cond.notify();
        const result = await cond.waitFor(() => state.value === 4);
        log.push(`(${py(Boolean(result))}, ${state.value})`);
      }),
  });
  t.start();
  await withCond(cond, async () => void log.push(py(Boolean(await cond.waitFor(() => state.value === 0)))));
  for (let i = 0; i < 4; i++) {
    await sleep(0.01);
    await withCond(cond, async () => {
      state.value += 1;
      await cond.notify();
    });
  }
  await t.join();
  console.log('wait_for:', `[${log.join(', ')}]`);

  state.value = 0;
  const outcome: string[] = [];
  t = new Thread({
    target: async () => {
      const expected = 0.1;
      let dt = monotonic();
      const result = await withCond(cond, () => cond.waitFor(() => state.value === 4, expected));
      dt = monotonic() - dt;
      outcome.push(`(${py(Boolean(result))}, ${py(expected * 0.6 < dt && dt < expected * 10)})`);
    },
  });
  t.start();
  for (let i = 0; i < 3; i++) {
    await sleep(0.01);
    await withCond(cond, async () => {
      state.value += 1;
      await cond.notify();
    });
  }
  await t.join();
  console.log('wait_for with a timeout:', `[${outcome.join(', ')}]`);

  const event = new mp.Event();
  const reprs = [String(event)];
  event.set();
  reprs.push(String(event));
  event.clear();
  reprs.push(String(event));
  console.log('event reprs:', `[${reprs.map((r) => `'${r}'`).join(', ')}]`);
}
