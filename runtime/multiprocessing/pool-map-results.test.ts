// How Pool.map and ThreadPool.map gather their results: in item order whatever the chunking and the order the
// chunks finish in, from arrays and from any other iterable, unaffected by the caller changing its array after
// the call (Python consumes the iterable when map is called).
import { describe, expect, it } from 'vitest';
import * as mp from '#runtime/multiprocessing';
import { OrderedResults } from './pool/chunks.ts';
import { delayed, sleepMs, square } from './fixtures/pool.ts';

function* upTo(n: number): Generator<number> {
  for (let i = 0; i < n; i++) yield i;
}

describe('OrderedResults', () => {
  it('puts chunks that arrive in any order back in item order, the last chunk shorter', () => {
    const results = new OrderedResults<number>(10, 4);
    results.add(8, [8, 9]);
    results.add(0, [0, 1, 2, 3]);
    results.add(4, [4, 5, 6, 7]);
    expect(results.toArray()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('handles no items, one chunk, and more chunks than one concat() call takes', () => {
    expect(new OrderedResults<number>(0, 1).toArray()).toEqual([]);
    const one = new OrderedResults<number>(3, 5);
    one.add(0, [1, 2, 3]);
    expect(one.toArray()).toEqual([1, 2, 3]);
    const n = 10_000;
    const many = new OrderedResults<number>(n, 1);
    for (let i = n - 1; i >= 0; i--) many.add(i, [i]);
    const all = many.toArray();
    expect(all.length).toBe(n);
    expect(all.every((v, i) => v === i)).toBe(true);
  });
});

describe('Pool.map results', () => {
  it('come in item order from a generator, with chunks finishing out of order', async () => {
    await using pool = new mp.Pool(2);
    expect(await pool.map(square, upTo(1000), 7)).toEqual(Array.from({ length: 1000 }, (_, i) => i * i));
    // The first chunk is the slowest: later chunks finish first.
    const pairs = [[60, 0], [0, 1], [0, 2], [0, 3]].map(([ms, x]) => [x, ms] as const);
    expect(await pool.starmap(delayed, pairs, 1)).toEqual([0, 1, 2, 3]);
  });

  it('of an async function are awaited one after another inside a worker, as a worker runs its tasks', async () => {
    await using pool = new mp.Pool(1);
    await pool.map(square, [1]); // the worker has started
    const started = performance.now();
    expect(await pool.map(sleepMs, [40, 40, 40, 40], 4)).toEqual([40, 40, 40, 40]);
    // One chunk of four 40 ms sleeps: at least 160 ms when run in turn (about 40 ms if started together).
    expect(performance.now() - started).toBeGreaterThanOrEqual(150);
  });

  it('are not changed by the caller emptying its array after the call', async () => {
    await using pool = new mp.Pool(2);
    const items = Array.from({ length: 100 }, (_, i) => i);
    const pending = pool.mapAsync(square, items, 10);
    items.length = 0;
    const result = await pending.get();
    expect(result).toEqual(Array.from({ length: 100 }, (_, i) => i * i));
    expect(result).not.toBe(items);
  });
});

describe('ThreadPool.map results', () => {
  it('come in item order from a generator, and a changed input array does not matter', async () => {
    await using pool = new mp.ThreadPool(3);
    expect(await pool.map((x: number) => x + 1, upTo(50), 4)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const items = [1, 2, 3, 4, 5];
    const pending = pool.mapAsync((x: number) => x * 10, items, 2);
    items.length = 0;
    expect(await pending.get()).toEqual([10, 20, 30, 40, 50]);
  });
});
