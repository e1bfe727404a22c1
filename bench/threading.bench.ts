// Threading benchmarks: uncontended Lock, thread start+join, sleep(0) switch rate, 10,000 virtual sleepers.
// Each is printed beside CPython 3.11 measured in the same run (and async-mutex for the lock).
import { Mutex } from 'async-mutex';
import { Lock, Thread } from '#runtime/threading';
import { simulate } from '#runtime/testing';
import { currentScheduler } from '../runtime/core/index.ts';
import { runPython, type Row } from './python.ts';

const PY = String.raw`
import threading, time, json
l = threading.Lock()
n = 2_000_000
t = time.perf_counter()
for _ in range(n):
    l.acquire(); l.release()
lock = n / (time.perf_counter() - t)
m = 3000
t = time.perf_counter()
for _ in range(m):
    th = threading.Thread(target=lambda: None); th.start(); th.join()
start_join_us = (time.perf_counter() - t) / m * 1e6
k = 100_000
def spin():
    for _ in range(k):
        time.sleep(0)
t = time.perf_counter()
ths = [threading.Thread(target=spin) for _ in range(2)]
for th in ths: th.start()
for th in ths: th.join()
switch = 2 * k / (time.perf_counter() - t)
print(json.dumps({"lock": lock, "start_join_us": start_join_us, "switch": switch}))
`;

async function lockRate(n: number): Promise<number> {
  const lock = new Lock();
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    await lock.acquire();
    lock.release();
  }
  return n / ((performance.now() - started) / 1000);
}

async function mutexRate(n: number): Promise<number> {
  const mutex = new Mutex();
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const release = await mutex.acquire();
    release();
  }
  return n / ((performance.now() - started) / 1000);
}

export async function run(): Promise<Row[]> {
  const py = runPython(PY);
  const rows: Row[] = [];

  const { value: lock } = await simulate(() => lockRate(2_000_000), { clock: 'real', trace: false });
  const mutex = await mutexRate(300_000);
  rows.push({
    name: 'Lock acquire+release (uncontended)',
    ours: lock,
    unit: 'ops/s',
    ...(py ? { python: py['lock'] } : {}),
    target: `>= 0.8x CPython, >= 20x async-mutex (${(mutex / 1e6).toFixed(2)} M/s: ${(lock / mutex).toFixed(1)}x)`,
    ok: (py === undefined || lock >= 0.8 * py['lock']!) && lock >= 20 * mutex,
  });

  const { value: startJoin } = await simulate(
    async () => {
      const m = 50_000;
      const started = performance.now();
      for (let i = 0; i < m; i++) {
        const t = new Thread({ target: () => {} });
        t.start();
        await t.join();
      }
      return ((performance.now() - started) / m) * 1000;
    },
    { clock: 'real', trace: false },
  );
  rows.push({
    name: 'Thread start+join',
    ours: startJoin,
    unit: 'us',
    ...(py ? { python: py['start_join_us'] } : {}),
    target: '>= 10x faster than CPython',
    ok: py === undefined || startJoin * 10 <= py['start_join_us']!,
  });

  const { value: switchRate } = await simulate(
    async () => {
      const k = 300_000;
      const spin = async (): Promise<void> => {
        const scheduler = currentScheduler();
        for (let i = 0; i < k; i++) await scheduler.sleep(0);
      };
      const started = performance.now();
      const threads = [new Thread({ target: spin }), new Thread({ target: spin })];
      threads.forEach((t) => t.start());
      for (const t of threads) await t.join();
      return (2 * k) / ((performance.now() - started) / 1000);
    },
    { clock: 'real', trace: false },
  );
  rows.push({
    name: 'sleep(0) switches, 2 threads',
    ours: switchRate,
    unit: 'switch/s',
    ...(py ? { python: py['switch'] } : {}),
    target: ">= CPython's",
    ok: py === undefined || switchRate >= py['switch']!,
  });

  const started = performance.now();
  const { elapsed } = await simulate(async () => {
    const threads = Array.from({ length: 10_000 }, () => new Thread({ target: () => currentScheduler().sleep(2) }));
    threads.forEach((t) => t.start());
    for (const t of threads) await t.join();
  }, { trace: false });
  const wall = (performance.now() - started) / 1000;
  rows.push({
    name: '10,000 threads sleep 2 s (virtual)',
    ours: wall,
    unit: 's wall',
    target: `< 1 s wall (virtual elapsed ${elapsed} s)`,
    ok: wall < 1 && elapsed === 2,
  });
  return rows;
}
