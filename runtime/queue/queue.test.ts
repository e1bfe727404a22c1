// queue.Queue, LifoQueue and SimpleQueue on the scheduler, checked against CPython 3.11: order, blocking and
// timeouts on the virtual clock, task tracking, Python's errors, deadlock reports and schedule exploration.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { DeadlockError, explore, simulate } from '#runtime/testing';
import { Thread } from '#runtime/threading';
import { monotonic, sleep } from '#runtime/time';
import { Empty, Full, LifoQueue, Queue, SimpleQueue } from '#runtime/queue';
import { ValueError } from '../python/index.ts';

function start(...threads: Thread[]): Thread[] {
  for (const t of threads) t.start();
  return threads;
}

async function joinAll(threads: Thread[]): Promise<void> {
  for (const t of threads) await t.join();
}

describe('order', () => {
  test('Queue is FIFO, LifoQueue is LIFO, SimpleQueue is FIFO', async () => {
    const drain = async (q: { putNowait(x: number): void; get(): Promise<number> }): Promise<number[]> => {
      for (const x of [1, 2, 3]) q.putNowait(x);
      return [await q.get(), await q.get(), await q.get()];
    };
    const { value } = await simulate(async () => [
      await drain(new Queue<number>()),
      await drain(new LifoQueue<number>()),
      await drain(new SimpleQueue<number>()),
    ]);
    expect(value).toEqual([[1, 2, 3], [3, 2, 1], [1, 2, 3]]);
  });

  test('qsize, empty and full', () => {
    const q = new Queue<string>(2);
    expect([q.qsize(), q.empty(), q.full()]).toEqual([0, true, false]);
    q.putNowait('a');
    q.putNowait('b');
    expect([q.qsize(), q.empty(), q.full()]).toEqual([2, false, true]);
    expect(new Queue(0).full()).toBe(false);
    expect(new Queue(-1).full()).toBe(false);
  });

  test('many items through a FIFO queue keep their order', () => {
    const q = new Queue<number>();
    const out: number[] = [];
    for (let i = 0; i < 5000; i++) {
      q.putNowait(i);
      if (i % 3 === 0) out.push(q.getNowait());
    }
    while (!q.empty()) out.push(q.getNowait());
    expect(out).toEqual(Array.from({ length: 5000 }, (_, i) => i));
  });
});

describe('blocking on the virtual clock', () => {
  test("the course's producer/consumer matches CPython's order and timing", async () => {
    const U = 10; // tenths of the Python program's time unit, so stamps are integers
    const { value, elapsed } = await simulate(async () => {
      const q = new Queue<number | null>(2);
      const lines: string[] = [];
      const t0 = monotonic();
      const stamp = (): number => Math.round((monotonic() - t0) * U);
      const producer = new Thread({
        name: 'producer',
        target: async () => {
          for (let i = 0; i < 6; i++) {
            await q.put(i);
            lines.push(`${stamp()} producer put ${i} qsize=${q.qsize()}`);
            await sleep(0.3);
          }
          await q.put(null);
        },
      });
      const consumer = new Thread({
        name: 'consumer',
        target: async () => {
          await sleep(0.1);
          for (;;) {
            const item = await q.get();
            if (item === null) {
              q.taskDone();
              break;
            }
            await sleep(1);
            lines.push(`${stamp()} consumer got ${item}`);
            q.taskDone();
          }
        },
      });
      const threads = start(producer, consumer);
      await sleep(0.05); // as in the Python program: start() does not switch threads here
      await q.join();
      lines.push(`${stamp()} joined unfinished=${q.unfinishedTasks}`);
      await joinAll(threads);
      return lines;
    });
    // CPython's own run (fixtures/producer-consumer.py, recorded in .txt) prints the same lines; its stamps
    // drift with real time, so the order is compared with it and the stamps with the exact schedule.
    const python = readFileSync(new URL('./fixtures/producer-consumer.txt', import.meta.url), 'utf8').trim().split('\n');
    const withoutStamps = (lines: string[]): string[] => lines.map((l) => l.slice(l.indexOf(' ') + 1));
    expect(withoutStamps(value)).toEqual(withoutStamps(python));
    expect(value.map((l) => Number(l.split(' ')[0]))).toEqual([0, 3, 6, 11, 11, 21, 21, 31, 31, 41, 51, 61, 61]);
    expect(elapsed).toBeCloseTo(6.1, 9);
  });

  test('get() with a timeout raises Empty when it passes, put() with a timeout raises Full', async () => {
    const { value } = await simulate(async () => {
      const q = new Queue<number>(1);
      const results: string[] = [];
      const t0 = monotonic();
      await q.get(true, 1.5).catch((e: unknown) => results.push(`${String(e)} at ${monotonic() - t0}`));
      await q.put(1);
      await q.put(2, { timeout: 0.5 }).catch((e: unknown) => results.push(`${String(e)} at ${monotonic() - t0}`));
      await q.get({ timeout: 0 }).then((x) => results.push(`got ${x}`));
      await q.get({ timeout: 0 }).catch((e: unknown) => results.push(`${String(e)} at ${monotonic() - t0}`));
      return results;
    });
    expect(value).toEqual(['Empty at 1.5', 'Full at 2', 'got 1', 'Empty at 2']);
  });

  test('a timed get() that is fed in time returns the item, not Empty', async () => {
    const { value, elapsed } = await simulate(async () => {
      const q = new SimpleQueue<string>();
      start(new Thread({ target: async () => { await sleep(2); await q.put('late but in time'); } }));
      return q.get(true, 5);
    });
    expect(value).toBe('late but in time');
    expect(elapsed).toBe(2);
  });

  test('blocked getters are woken in the order they blocked', async () => {
    const { value } = await simulate(async () => {
      const q = new Queue<number>();
      const got: string[] = [];
      const threads = ['A', 'B', 'C'].map((name) => new Thread({ name, target: async () => { got.push(`${name}:${await q.get()}`); } }));
      start(...threads);
      await sleep(1);
      for (const x of [1, 2, 3]) await q.put(x);
      await joinAll(threads);
      return got;
    });
    expect(value).toEqual(['A:1', 'B:2', 'C:3']);
  });

  test('a woken getter whose item was taken first waits again, as in CPython', async () => {
    const { value } = await simulate(async () => {
      const q = new Queue<string>();
      const got: string[] = [];
      const waiter = new Thread({ name: 'waiter', target: async () => { got.push(`waiter ${await q.get()}`); } });
      waiter.start();
      await sleep(1);
      q.putNowait('first'); // wakes the waiter, which runs only when main next waits...
      got.push(`main ${q.getNowait()}`); // ...so main takes the item first
      await sleep(1);
      got.push(`waiter still waiting: ${waiter.isAlive()}`);
      await q.put('second');
      await waiter.join();
      return got;
    });
    expect(value).toEqual(['main first', 'waiter still waiting: true', 'waiter second']);
  });

  test('a bounded queue makes the producer wait for the consumer', async () => {
    const { value } = await simulate(async () => {
      const q = new Queue<number>(1);
      const putAt: number[] = [];
      const producer = new Thread({ target: async () => { for (let i = 0; i < 3; i++) { await q.put(i); putAt.push(monotonic()); } } });
      start(producer);
      for (let i = 0; i < 3; i++) { await sleep(1); await q.get(); }
      await producer.join();
      return putAt;
    });
    expect(value).toEqual([0, 1, 2]);
  });

  test('a getter whose timeout passed is no longer waiting: the next put goes to the next getter', async () => {
    const { value } = await simulate(async () => {
      const q = new Queue<string>();
      const got: string[] = [];
      const impatient = new Thread({ name: 'impatient', target: () => q.get(true, 1).catch((e: unknown) => { got.push(`impatient ${String(e)}`); }) });
      const patient = new Thread({ name: 'patient', target: async () => { got.push(`patient ${await q.get()}`); } });
      start(impatient, patient);
      await sleep(2);
      await q.put('x');
      await joinAll([impatient, patient]);
      return got;
    });
    expect(value).toEqual(['impatient Empty', 'patient x']);
  });
});

describe('taskDone and join', () => {
  test('join() waits until every item put is marked done', async () => {
    const { value, elapsed } = await simulate(async () => {
      const q = new Queue<number>();
      for (let i = 0; i < 3; i++) q.putNowait(i);
      start(new Thread({ daemon: true, target: async () => { for (;;) { await q.get(); await sleep(1); q.taskDone(); } } }));
      await q.join();
      return q.unfinishedTasks;
    });
    expect(value).toBe(0);
    expect(elapsed).toBe(3);
  });

  test('join() on a queue with nothing unfinished returns at once', async () => {
    const { elapsed } = await simulate(() => new Queue().join());
    expect(elapsed).toBe(0);
  });

  test('taskDone() more times than items raises ValueError', () => {
    const q = new Queue();
    q.putNowait(1);
    q.taskDone();
    expect(() => q.taskDone()).toThrow(new ValueError('task_done() called too many times'));
    expect(q.unfinishedTasks).toBe(0);
  });
});

describe("Python's errors", () => {
  test('Empty and Full are classes: instanceof works, and they print like Python', async () => {
    expect(new Empty()).toBeInstanceOf(Empty);
    expect(new Empty()).toBeInstanceOf(Error);
    expect(String(new Full())).toBe('Full');
    expect(() => new Queue().getNowait()).toThrow(Empty);
    const full = new Queue(1);
    full.putNowait(1);
    expect(() => full.putNowait(2)).toThrow(Full);
    await expect(full.put(2, false)).rejects.toBeInstanceOf(Full);
    await expect(new Queue().get(false)).rejects.toBeInstanceOf(Empty);
    await expect(new SimpleQueue().get(false)).rejects.toBeInstanceOf(Empty);
    expect(() => new SimpleQueue().getNowait()).toThrow(Empty);
  });

  test("a negative timeout is Python's ValueError, where Python checks it", async () => {
    const message = "'timeout' must be a non-negative number";
    await expect(new Queue().get(true, -1)).rejects.toThrow(new ValueError(message));
    await expect(new SimpleQueue().get(true, -1)).rejects.toThrow(new ValueError(message));
    const full = new Queue(1);
    full.putNowait(1);
    await expect(full.put(2, true, -1)).rejects.toThrow(new ValueError(message));
    // Like CPython: an unbounded put never looks at its timeout, and block=false wins over the timeout.
    await expect(new Queue().put(1, true, -1)).resolves.toBeUndefined();
    await expect(new Queue().get(false, -1)).rejects.toBeInstanceOf(Empty);
    await expect(new Queue().get(true, 'soon' as unknown as number)).rejects.toThrow(
      new TypeError("'<' not supported between instances of 'str' and 'int'"),
    );
  });
});

describe('threads blocked on a queue', () => {
  test('show in the deadlock report with the call and the line', async () => {
    const error = await simulate(async () => {
      const requests = new Queue<string>();
      const replies = new Queue<string>();
      const server = new Thread({ name: 'server', target: async () => { await replies.put(await requests.get()); } });
      server.start();
      await replies.get(); // nobody ever sends a request
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeadlockError);
    const { report } = error as DeadlockError;
    const server = report.threads.find((t) => t.name === 'server');
    const main = report.threads.find((t) => t.name === 'MainThread');
    expect(server?.what).toBe('Queue.get()');
    expect(main?.what).toBe('Queue.get()');
    expect(main?.site).toMatch(/runtime\/queue\/queue\.test\.ts:\d+:\d+/);
    expect(report.text).toMatch(/server waits in Queue\.get\(\)/);
  });

  // After an await the captured stack has "(node:internal/process/task_queues:95:5)" above the user's frame:
  // the report must still name the user's line, not Node's.
  test('the line is found after a preemption point too (exploring strategies)', async () => {
    const error = await simulate(
      async () => {
        const q = new Queue<string>();
        new Thread({ name: 'other', target: () => sleep(1) }).start();
        await q.get();
      },
      { strategy: 'random', seed: 3 },
    ).catch((e: unknown) => e);
    const main = (error as DeadlockError).report.threads.find((t) => t.name === 'MainThread');
    expect(main?.site).toMatch(/runtime\/queue\/queue\.test\.ts:\d+:\d+/);
  });

  test('a full bounded queue and a join() show as Queue.put() and Queue.join()', async () => {
    const error = await simulate(async () => {
      const q = new LifoQueue<number>(1);
      q.putNowait(1);
      new Thread({ name: 'stuck-producer', target: () => q.put(2) }).start();
      await q.join();
    }).catch((e: unknown) => e);
    const whats = (error as DeadlockError).report.threads.map((t) => `${t.name} ${t.what}`).sort();
    expect(whats).toEqual(['MainThread LifoQueue.join()', 'stuck-producer LifoQueue.put()']);
  });

  test("exploration finds the check-then-act race of `if (!q.empty()) await q.get()`", async () => {
    const checkThenGet = async (): Promise<void> => {
      const q = new Queue<string>();
      q.putNowait('only item');
      const consumer = async (): Promise<void> => {
        if (!q.empty()) await q.get(); // another consumer can take it between the check and the get
      };
      await joinAll(start(new Thread({ name: 'A', target: consumer }), new Thread({ name: 'B', target: consumer })));
    };
    await expect(simulate(checkThenGet)).resolves.toBeDefined(); // FIFO never switches in between
    const failure = await explore(checkThenGet, { runs: 50, strategy: 'random' });
    expect(failure?.error).toBeInstanceOf(DeadlockError);
    expect((failure?.error as DeadlockError).report.text).toMatch(/(A|B) waits in Queue\.get\(\)/);
  });

  test('put and get are scheduling points an exploring strategy interleaves', async () => {
    const orders = new Set<string>();
    const program = async (): Promise<string> => {
      const q = new Queue<string>();
      const producers = ['a', 'b'].map((name) => new Thread({ target: async () => { await q.put(`${name}1`); await q.put(`${name}2`); } }));
      await joinAll(start(...producers));
      const items: string[] = [];
      while (!q.empty()) items.push(q.getNowait());
      orders.add(items.join(' '));
      if (!(items.indexOf('a1') < items.indexOf('a2') && items.indexOf('b1') < items.indexOf('b2'))) {
        throw new Error(`per-producer order broken: ${items.join(' ')}`);
      }
      return items.join(' ');
    };
    expect(await explore(program, { runs: 40, strategy: 'random' })).toBeNull();
    expect(orders.size).toBeGreaterThan(1);
    expect((await simulate(program)).value).toBe('a1 a2 b1 b2');
  });
});
