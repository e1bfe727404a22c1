import { Condition, Event, Lock, Thread } from '#runtime/threading';
import { monotonic, sleep } from '#runtime/time';
import { err, print, t } from '../../asyncio/conformance/twin.ts';

const r1 = (x: number): number => Math.round(x * 10) / 10;
/** Python's repr of a bool, or of a float with one decimal (0.0, 0.5). */
const pyv = (v: unknown): string => (v === true ? 'True' : v === false ? 'False' : typeof v === 'number' ? v.toFixed(1) : String(v));
const pair = (a: unknown, b: unknown): string => `(${pyv(a)}, ${typeof b === 'number' && Number.isInteger(b) && b > 0 ? String(b) : pyv(b)})`;
const list = (items: string[]): string => `[${items.join(', ')}]`;

async function startJoin(threads: Thread[]): Promise<void> {
  for (const x of threads) x.start();
  for (const x of threads) await x.join();
}

export async function main(): Promise<void> {
  const evt = new Event();
  const seen = [evt.isSet()];
  evt.set();
  evt.set();
  seen.push(evt.isSet());
  evt.clear();
  evt.clear();
  seen.push(evt.isSet());
  print('is_set:', ...seen);
  const before = String(evt);
  evt.set();
  print('repr:', before, String(evt));
  evt.clear();

  for (const round of [1, 2]) {
    const results1: boolean[] = [];
    const results2: boolean[] = [];
    const threads = Array.from({ length: 5 }, () => new Thread({ target: async () => {
      results1.push(await evt.wait());
      results2.push(await evt.wait());
    } }));
    for (const x of threads) x.start();
    await sleep(0.1);
    print('round', round, 'before set:', results1);
    evt.set();
    for (const x of threads) await x.join();
    print('round', round, 'after set:', results1, results2);
    evt.set();
    evt.clear();
  }

  let results1: boolean[] = [];
  let results2: string[] = [];
  const g = async (): Promise<void> => {
    results1.push(await evt.wait(0.0));
    const t1 = monotonic();
    const res = await evt.wait(0.5);
    results2.push(pair(res, r1(monotonic() - t1)));
  };
  await startJoin(Array.from({ length: 5 }, () => new Thread({ target: g })));
  print('timeouts on an unset event:', results1, list(results2));
  evt.set();
  results1 = [];
  results2 = [];
  await startJoin(Array.from({ length: 5 }, () => new Thread({ target: g })));
  print('timeouts on a set event:', results1, list(results2));

  const event = new Event();
  const results: boolean[] = [];
  const waiters = Array.from({ length: 5 }, () => new Thread({ target: async () => void results.push(await event.wait(5)) }));
  for (const x of waiters) x.start();
  await sleep(0.1);
  event.set();
  event.clear();
  for (const x of waiters) await x.join();
  print('set(); clear() at once: waiters got', results, 'at', t());

  let cond = new Condition();
  await cond.acquire();
  await cond.acquire();
  cond.release();
  cond.release();
  const lock = new Lock();
  cond = new Condition(lock);
  await cond.acquire();
  const holds = !(await lock.acquire(false));
  cond.release();
  print('condition holds its lock:', holds, await lock.acquire(false), await cond.acquire(false));
  lock.release();
  for (const [name, call] of [['wait', () => cond.wait()], ['notify', () => cond.notify()], ['notify_all', () => cond.notifyAll()]] as const) {
    try {
      await call();
    } catch (e) {
      print(name, 'un-acquired:', err(e));
    }
  }

  cond = new Condition();
  const c = cond;
  const ready: number[] = [];
  const res1: string[] = [];
  const res2: string[] = [];
  let phase = 0;
  const w = async (): Promise<void> => {
    await c.acquire();
    ready.push(phase);
    let result = await c.wait();
    c.release();
    res1.push(pair(result, phase));
    await c.acquire();
    ready.push(phase);
    result = await c.wait();
    c.release();
    res2.push(pair(result, phase));
  };
  const threads = Array.from({ length: 5 }, () => new Thread({ target: w }));
  for (const x of threads) x.start();
  await sleep(0.1);
  await c.acquire();
  c.notify(3);
  await sleep(0.1);
  phase = 1;
  c.release();
  await sleep(0.1);
  print('notify(3):', list(res1), list(res2));
  await c.acquire();
  c.notify(5);
  await sleep(0.1);
  phase = 2;
  c.release();
  await sleep(0.1);
  print('notify(5):', list(res1), list(res2));
  await c.acquire();
  c.notifyAll();
  await sleep(0.1);
  phase = 3;
  c.release();
  for (const x of threads) await x.join();
  print('notify_all():', list(res1), list(res2));

  const timedResults: string[] = [];
  await startJoin(Array.from({ length: 5 }, () => new Thread({ target: async () => {
    await c.acquire();
    const t1 = monotonic();
    const res = await c.wait(0.5);
    timedResults.push(pair(r1(monotonic() - t1), res));
    c.release();
  } })));
  print('cond.wait(0.5) timeouts:', list(timedResults));

  let state = 0;
  let got: unknown[] = [];
  let th = new Thread({ target: async () => {
    await c.acquire();
    got.push(await c.waitFor(() => state === 4));
    got.push(state);
    c.release();
  } });
  th.start();
  for (let i = 0; i < 4; i++) {
    await sleep(0.025);
    await c.acquire();
    state += 1;
    c.notify();
    c.release();
  }
  await th.join();
  print('wait_for:', got);

  state = 0;
  got = [];
  th = new Thread({ target: async () => {
    await c.acquire();
    const t1 = monotonic();
    got.push(await c.waitFor(() => state === 4, 0.1));
    got.push(r1(monotonic() - t1));
    c.release();
  } });
  th.start();
  for (let i = 0; i < 3; i++) {
    await sleep(0.02);
    await c.acquire();
    state += 1;
    c.notify();
    c.release();
  }
  await th.join();
  print('wait_for with timeout:', got);
}
