import { Empty, Full, LifoQueue, PriorityQueue, Queue, SimpleQueue } from '#runtime/queue';
import { Lock, Thread, withLock } from '#runtime/threading';
import { monotonic, sleep } from '#runtime/time';
import { err, print } from '../../asyncio/conformance/twin.ts';

const QUEUE_SIZE = 5;
const sec = (x: number): string => (Math.round(x * 10) / 10).toFixed(1);

async function blockedThenReleased(label: string, block: () => Promise<unknown>, trigger: () => unknown): Promise<void> {
  let done = false;
  const th = new Thread({ target: async () => {
    await sleep(0.1);
    done = true;
    await trigger();
  } });
  th.start();
  const t0 = monotonic();
  const result = await block();
  print(label, 'waited for the other thread:', done, sec(monotonic() - t0), 'result', result);
  await th.join();
}

async function expectError(label: string, call: () => Promise<unknown> | unknown, kind: typeof Empty | typeof Full): Promise<void> {
  try {
    await call();
  } catch (e) {
    if (!(e instanceof kind)) throw e;
    print(label, '->', kind.name);
  }
}

type AnyQueue = Queue<number | string>;

async function basic(q: AnyQueue): Promise<void> {
  print(q.constructor.name, 'empty', q.empty(), 'full', q.full());
  for (const x of [111, 333, 222]) await q.put(x);
  print(q.constructor.name, 'order', [await q.get(), await q.get(), await q.get()]);
  for (let i = 0; i < QUEUE_SIZE - 1; i++) await q.put(i);
  print('not full yet', q.full(), q.qsize());
  await q.put(2 * QUEUE_SIZE);
  print('full', q.full(), 'empty', q.empty());
  await expectError('put(block=0)', () => q.put(99, false), Full);
  await expectError('put(timeout=0.01)', () => q.put(99, { timeout: 0.01 }), Full);
  await blockedThenReleased('blocking put', () => q.put(98), () => q.get());
  await blockedThenReleased('blocking put(x, True, 10)', () => q.put(97, true, 10), () => q.get());
  for (let i = 0; i < QUEUE_SIZE; i++) await q.get();
  print('drained', q.qsize());
  await expectError('get(block=0)', () => q.get(false), Empty);
  await expectError('get(timeout=0.01)', () => q.get({ timeout: 0.01 }), Empty);
  await blockedThenReleased('blocking get', () => q.get(), () => q.put('empty'));
  await blockedThenReleased('blocking get(True, 10)', () => q.get(true, 10), () => q.put('empty'));
}

async function joinTest(q: Queue<number>): Promise<void> {
  let total = 0;
  const lock = new Lock();
  const worker = async (): Promise<void> => {
    for (;;) {
      const x = await q.get();
      if (x < 0) {
        q.taskDone();
        return;
      }
      await withLock(lock, () => {
        total += x;
      });
      q.taskDone();
    }
  };
  const threads = [0, 1].map(() => new Thread({ target: worker }));
  for (const th of threads) th.start();
  for (let i = 0; i < 100; i++) await q.put(i);
  await q.join();
  print('join waited for every task:', total === 4950);
  for (const _ of [0, 1]) await q.put(-1);
  await q.join();
  for (const th of threads) await th.join();
}

async function feedAndDrain(q: SimpleQueue<number | null>, how: string): Promise<void> {
  const inputs = Array.from({ length: 200 }, (_, i) => i);
  const seq = [...inputs].reverse();
  const results: number[] = [];
  const feed = async (): Promise<void> => {
    for (;;) {
      const val = seq.pop();
      if (val === undefined) {
        await q.put(null);
        return;
      }
      await q.put(val);
    }
  };
  const consume = async (): Promise<void> => {
    for (;;) {
      let val: number | null;
      for (;;) {
        try {
          val = how === 'blocking' ? await q.get() : how === 'nonblock' ? await q.get(false) : await q.get({ timeout: 1e-5 });
          break;
        } catch (e) {
          if (!(e instanceof Empty)) throw e;
          if (how === 'nonblock') await sleep(0.0001);
        }
      }
      if (val === null) return;
      results.push(val);
    }
  };
  const threads = [...Array.from({ length: 4 }, () => new Thread({ target: feed })), ...Array.from({ length: 4 }, () => new Thread({ target: consume }))];
  for (const th of threads) th.start();
  for (const th of threads) await th.join();
  const sorted = [...results].sort((a, b) => a - b);
  print('SimpleQueue', how, 'with 4 feeders and 4 consumers: every item once:', sorted.length === 200 && sorted.every((v, i) => v === i));
}

export async function main(): Promise<void> {
  for (const Kind of [Queue, LifoQueue, PriorityQueue] as const) {
    let q = new Kind<number | string>(QUEUE_SIZE);
    await basic(q);
    await basic(q);
    q = new Kind<number | string>();
    await joinTest(q as Queue<number>);
    await joinTest(q as Queue<number>);
    for (const qq of [q, new Kind()]) {
      try {
        qq.taskDone();
      } catch (e) {
        print(Kind.name, 'task_done too often:', err(e));
      }
    }
    const q2 = new Kind<number>(QUEUE_SIZE);
    for (const [label, call] of [['put', () => q2.put(1, { timeout: -1 })], ['get', () => q2.get(true, -1)]] as const) {
      try {
        await call();
      } catch (e) {
        print(Kind.name, label, 'negative timeout:', err(e));
      }
    }
    for (let i = 0; i < QUEUE_SIZE; i++) q2.putNowait(1);
    await expectError(`${Kind.name} put_nowait on a full queue`, () => q2.putNowait(1), Full);
    for (let i = 0; i < QUEUE_SIZE; i++) q2.getNowait();
    await expectError(`${Kind.name} get_nowait on an empty queue`, () => q2.getNowait(), Empty);
  }

  const q = new SimpleQueue<number>();
  print('SimpleQueue empty', q.empty(), q.qsize());
  await q.put(1);
  print('after put: empty', q.empty(), q.qsize());
  q.putNowait(2);
  await q.put(3, false);
  await q.put(4, { timeout: 5 });
  print('SimpleQueue order', [await q.get(), q.getNowait(), await q.get(false), await q.get({ timeout: 5 })]);
  await expectError('SimpleQueue get(block=False)', () => q.get(false), Empty);
  await expectError('SimpleQueue get(timeout=0.01)', () => q.get({ timeout: 0.01 }), Empty);
  await expectError('SimpleQueue get_nowait()', () => q.getNowait(), Empty);
  try {
    await q.get({ timeout: -1 });
  } catch (e) {
    print('SimpleQueue get negative timeout:', err(e));
  }
  await q.put(5, { timeout: -1 });
  print('SimpleQueue put ignores its timeout:', await q.get());
  for (const how of ['blocking', 'nonblock', 'timeout']) await feedAndDrain(new SimpleQueue<number | null>(), how);
}
