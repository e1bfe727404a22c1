import { afterEach, describe, expect, it, vi } from 'vitest';
import * as mp from '#runtime/multiprocessing';
import * as queue from '#runtime/queue';
import { URLS } from './fixtures/pipes.ts';
import { consume, getForever, produce, putUrls, squareWorker } from './fixtures/queues.ts';

afterEach(async () => {
  for (const child of mp.activeChildren()) {
    child.kill();
    await child.join();
  }
});

describe('Queue across processes', () => {
  it("runs the course's Queue example", async () => {
    const q = new mp.Queue<string[]>();
    const p = new mp.Process({ target: putUrls, args: [q] });
    p.start();
    expect(await q.get()).toEqual(URLS);
    await p.join();
    expect(p.exitcode).toBe(0);
  });

  it('4 producers x 25,000 items and 2 consumers: every item received exactly once', async () => {
    const perProducer = 25_000;
    const q = new mp.Queue<[number, number] | null>();
    const seen = new SharedArrayBuffer(4 * 4 * perProducer);
    const producers = [0, 1, 2, 3].map((id) => new mp.Process({ target: produce, args: [q, id, perProducer] }));
    const consumers = [0, 1].map(() => new mp.Process({ target: consume, args: [q, seen, perProducer] }));
    for (const p of [...producers, ...consumers]) p.start();
    for (const p of producers) await p.join();
    await q.put(null);
    await q.put(null);
    for (const c of consumers) await c.join();
    expect([...producers, ...consumers].map((p) => p.exitcode)).toEqual([0, 0, 0, 0, 0, 0]);
    const counts = new Int32Array(seen);
    const wrong = counts.findIndex((c) => c !== 1);
    expect(wrong).toBe(-1);
    expect(q.empty()).toBe(true);
  }, 60_000);

  it('JoinableQueue: join() returns once every task is done', async () => {
    const tasks = new mp.JoinableQueue<number | null>();
    const results = new mp.Queue<number>();
    const workers = [0, 1].map(() => new mp.Process({ target: squareWorker, args: [tasks, results] }));
    for (const w of workers) w.start();
    for (let i = 1; i <= 50; i++) await tasks.put(i);
    await tasks.join();
    expect(results.qsize()).toBe(50);
    const got: number[] = [];
    while (!results.empty()) got.push(results.getNowait());
    expect(got.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => (i + 1) ** 2));
    await tasks.put(null);
    await tasks.put(null);
    for (const w of workers) await w.join();
    expect(() => tasks.taskDone()).toThrow(new mp.ValueError('task_done() called too many times'));
  });

  it('terminate() stops a child blocked in get()', async () => {
    const q = new mp.Queue();
    const p = new mp.Process({ target: getForever, args: [q] });
    p.start();
    await p.join(0.3);
    expect(p.isAlive()).toBe(true);
    p.terminate();
    await p.join();
    expect(p.exitcode).toBe(-15);
  });
});

describe('Queue semantics', () => {
  it('Empty and Full, with and without timeouts (real seconds)', async () => {
    // The same classes as #runtime/queue's, as Python's multiprocessing raises queue.Empty / queue.Full.
    expect(mp.Empty).toBe(queue.Empty);
    expect(mp.Full).toBe(queue.Full);
    const q = new mp.Queue<number>(2);
    expect(() => q.getNowait()).toThrow(mp.Empty);
    await expect(q.get(false)).rejects.toBeInstanceOf(mp.Empty);
    const t0 = performance.now();
    await expect(q.get(true, 0.05)).rejects.toBeInstanceOf(mp.Empty);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(45);
    await q.put(1);
    q.putNowait(2);
    expect(q.full()).toBe(true);
    expect(q.qsize()).toBe(2);
    expect(() => q.putNowait(3)).toThrow(mp.Full);
    await expect(q.put(3, true, 0.02)).rejects.toBeInstanceOf(mp.Full);
    expect(await q.get()).toBe(1);
    expect(q.getNowait()).toBe(2);
    expect(q.empty()).toBe(true);
  });

  it('a blocked get() wakes when another thread of control puts', async () => {
    const q = new mp.Queue<string>();
    setTimeout(() => q.putNowait('late'), 20);
    expect(await q.get(true, 5)).toBe('late');
  });

  it('keeps FIFO order, wraps around its byte buffer, and copies items', async () => {
    const q = new mp.Queue<{ i: number; pad: string }>(0, { bufferBytes: 4096 });
    const pad = 'x'.repeat(300);
    let next = 0;
    for (let round = 0; round < 50; round++) {
      for (let k = 0; k < 7; k++) await q.put({ i: round * 7 + k, pad });
      for (let k = 0; k < 7; k++) {
        const item = await q.get();
        expect(item.i).toBe(next++);
      }
    }
    const obj = { list: [1] };
    q.putNowait(obj as never);
    obj.list.push(2);
    expect(q.getNowait()).toEqual({ list: [1] });
  });

  it('a full byte buffer makes put() wait until a get() frees room', async () => {
    const q = new mp.Queue<string>(0, { bufferBytes: 1024 });
    const big = 'y'.repeat(400);
    await q.put(big);
    await q.put(big);
    await expect(q.put(big, true, 0.02)).rejects.toBeInstanceOf(mp.Full);
    setTimeout(() => q.getNowait(), 20);
    await q.put(big, true, 5);
    expect(q.qsize()).toBe(2);
    expect(() => q.putNowait('z'.repeat(2000))).toThrow(mp.ValueError);
  });

  it('close() forbids further use in this process; what CPython cannot pickle is refused', async () => {
    const q = new mp.Queue();
    expect(() => q.putNowait(new mp.Queue())).toThrow(
      new mp.RuntimeError('Queue objects should only be shared between processes through inheritance'),
    );
    // A function cannot be pickled: as CPython's feeder does, its traceback goes to stderr and the item is dropped.
    const printed = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      q.putNowait(() => 1);
      await q.put((() => 2) as never);
      expect(printed.mock.calls.map((call) => String(call[0]).split('\n').at(-1))).toEqual([
        "PicklingError: Can't pickle <function <lambda>>: a function cannot go to another process as data (only as the target of a Process or a pool call)",
        "PicklingError: Can't pickle <function <lambda>>: a function cannot go to another process as data (only as the target of a Process or a pool call)",
      ]);
    } finally {
      printed.mockRestore();
    }
    expect(q.empty()).toBe(true);
    q.close();
    await expect(q.put(1)).rejects.toThrow(mp.ValueError);
    await q.joinThread();
  });

  it('SimpleQueue puts and gets', async () => {
    const q = new mp.SimpleQueue<number>();
    expect(q.empty()).toBe(true);
    await q.put(1);
    expect(await q.get()).toBe(1);
  });
});
