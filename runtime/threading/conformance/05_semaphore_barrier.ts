import { Barrier, BoundedSemaphore, BrokenBarrierError, RuntimeError, Semaphore, Thread } from '#runtime/threading';
import { monotonic, sleep } from '#runtime/time';
import { err, print } from '../../asyncio/conformance/twin.ts';

async function startJoin(threads: Thread[]): Promise<void> {
  for (const x of threads) x.start();
  for (const x of threads) await x.join();
}

const many = (n: number, target: () => unknown): Thread[] => Array.from({ length: n }, () => new Thread({ target }));
const sortNum = (xs: number[]): number[] => [...xs].sort((a, b) => a - b);

export async function main(): Promise<void> {
  for (const Kind of [Semaphore, BoundedSemaphore]) {
    try {
      new Kind(-1);
    } catch (e) {
      print(Kind.name, '(-1):', err(e));
    }
  }
  let sem = new Semaphore(7);
  await sem.acquire();
  const results1: number[] = [];
  const results2: number[] = [];
  let phase = 0;
  const threads = many(10, async () => {
    await sem.acquire();
    results1.push(phase);
    await sem.acquire();
    results2.push(phase);
  });
  for (const x of threads) x.start();
  await sleep(0.1);
  print('phase 0:', sortNum([...results1, ...results2]));
  phase = 1;
  for (let i = 0; i < 7; i++) sem.release();
  await sleep(0.1);
  print('phase 1 (7 releases):', sortNum([...results1, ...results2]));
  phase = 2;
  sem.release(6);
  await sleep(0.1);
  print('phase 2 (release(6)):', sortNum([...results1, ...results2]), 'still locked:', !(await sem.acquire(false)));
  sem.release();
  for (const x of threads) await x.join();

  sem = new Semaphore(2);
  const tries = [await sem.acquire(false), await sem.acquire(false), await sem.acquire(false)];
  sem.release();
  print('try acquire:', ...tries, await sem.acquire(false));
  sem = new Semaphore(4);
  await sem.acquire();
  const results: boolean[] = [];
  await startJoin(many(5, async () => {
    results.push(await sem.acquire(false));
    results.push(await sem.acquire(false));
  }));
  print('contended try acquire:', [...results].sort((a, b) => Number(a) - Number(b)));

  sem = new Semaphore(2);
  try {
    await sem.acquire(false, 1.0);
  } catch (e) {
    print('acquire(False, timeout=1.0):', err(e));
  }
  const timed = [await sem.acquire(true, 0.005), await sem.acquire(true, 0.005), await sem.acquire(true, 0.005)];
  sem.release();
  const t1 = monotonic();
  const more = [await sem.acquire(true, 0.005), await sem.acquire(true, 0.5)];
  print('timed acquires:', ...timed, ...more, (Math.round((monotonic() - t1) * 10) / 10).toFixed(1));

  sem = new Semaphore(2);
  const s2 = sem;
  const inner: boolean[] = [];
  const withSem = async (error?: Error): Promise<void> => {
    using _a = await s2.hold();
    inner.push(await s2.acquire(false));
    s2.release();
    using _b = await s2.hold();
    inner.push(await s2.acquire(false));
    if (error) throw error;
  };
  await withSem();
  try {
    await withSem(new TypeError('boom'));
  } catch (e) {
    print('with:', inner, err(e), 'free again:', await sem.acquire(false));
  }

  const s = new Semaphore(1);
  s.release();
  print('Semaphore over-release is fine:', await s.acquire(false), await s.acquire(false), await s.acquire(false));
  const b = new BoundedSemaphore(1);
  try {
    b.release();
  } catch (e) {
    print('BoundedSemaphore over-release:', err(e));
  }
  const b2 = new BoundedSemaphore(3);
  await b2.acquire();
  b2.release();
  try {
    b2.release();
  } catch (e) {
    print('BoundedSemaphore(3) limit:', err(e));
  }

  const N = 5;
  for (const passes of [1, 10]) {
    const barrier = new Barrier(N);
    let r0 = 0;
    let r1 = 0;
    await startJoin(many(N, async () => {
      for (let i = 0; i < passes; i++) {
        r0++;
        await barrier.wait();
        r1++;
        await barrier.wait();
      }
    }));
    print('barrier passes', passes, ':', r0, r1, barrier.nWaiting, barrier.broken);
  }

  let barrier = new Barrier(N);
  const idx: number[] = [];
  await startJoin(many(N, async () => void idx.push(await barrier.wait())));
  print('wait() indexes:', sortNum(idx));

  let acted = 0;
  barrier = new Barrier(N, () => void acted++);
  await startJoin(many(N, () => barrier.wait()));
  print('action ran', acted, 'time(s)');

  barrier = new Barrier(N);
  let res1 = 0;
  let res2 = 0;
  let res3 = 0;
  await startJoin(many(N, async () => {
    try {
      const i = await barrier.wait();
      if (i === Math.floor(N / 2)) throw new RuntimeError();
      await barrier.wait();
      res1++;
    } catch (e) {
      if (e instanceof BrokenBarrierError) res2++;
      else if (e instanceof RuntimeError) barrier.abort();
      else throw e;
    }
  }));
  print('abort:', res1, res2, barrier.broken);

  barrier = new Barrier(N);
  res1 = res2 = res3 = 0;
  await startJoin(many(N, async () => {
    const i = await barrier.wait();
    if (i === Math.floor(N / 2)) {
      while (barrier.nWaiting < N - 1) await sleep(0.001);
      barrier.reset();
    } else {
      try {
        await barrier.wait();
        res1++;
      } catch (e) {
        if (!(e instanceof BrokenBarrierError)) throw e;
        res2++;
      }
    }
    await barrier.wait();
    res3++;
  }));
  print('reset:', res1, res2, res3, barrier.broken);

  barrier = new Barrier(N);
  const barrier2 = new Barrier(N);
  res1 = res2 = res3 = 0;
  await startJoin(many(N, async () => {
    try {
      const i = await barrier.wait();
      if (i === Math.floor(N / 2)) throw new RuntimeError();
      await barrier.wait();
      res1++;
    } catch (e) {
      if (e instanceof BrokenBarrierError) res2++;
      else if (e instanceof RuntimeError) barrier.abort();
      else throw e;
    }
    if ((await barrier2.wait()) === Math.floor(N / 2)) barrier.reset();
    await barrier2.wait();
    await barrier.wait();
    res3++;
  }));
  print('abort and reset:', res1, res2, res3);

  barrier = new Barrier(N);
  let broken = 0;
  let t0 = monotonic();
  await startJoin(many(N, async () => {
    const i = await barrier.wait();
    if (i === Math.floor(N / 2)) await sleep(0.5);
    try {
      await barrier.wait(0.2);
    } catch (e) {
      if (!(e instanceof BrokenBarrierError)) throw e;
      broken++;
    }
  }));
  print('timeout breaks it for all:', broken, barrier.broken, 'after', (Math.round((monotonic() - t0) * 10) / 10).toFixed(1));

  barrier = new Barrier(N, null, 0.3);
  broken = 0;
  t0 = monotonic();
  await startJoin(many(N, async () => {
    const i = await barrier.wait();
    if (i === Math.floor(N / 2)) await sleep(0.5);
    try {
      await barrier.wait();
    } catch (e) {
      if (!(e instanceof BrokenBarrierError)) throw e;
      broken++;
    }
  }));
  print('default timeout breaks it:', broken, 'after', (Math.round((monotonic() - t0) * 10) / 10).toFixed(1));

  const single = new Barrier(1);
  print('single party:', await single.wait(), await single.wait());
}
