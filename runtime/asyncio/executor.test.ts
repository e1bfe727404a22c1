// runInExecutor() with the executors it accepts: the default green-thread pool, a ThreadPoolExecutor of one's
// own, and a #runtime/multiprocessing Pool (worker processes).
import { describe, expect, test } from 'vitest';
import { simulate } from '#runtime/testing';
import * as mp from '#runtime/multiprocessing';
import { currentThread } from '#runtime/threading';
import { sleep as timeSleep } from '#runtime/time';
import { ThreadPoolExecutor, gather, getRunningLoop, run } from '#runtime/asyncio';
import { square } from '../multiprocessing/fixtures/pool.ts';

describe('runInExecutor', () => {
  test('a ThreadPoolExecutor with 2 workers runs 4 one-second jobs in 2 s, reusing its threads', async () => {
    const sim = await simulate(() =>
      run(async () => {
        const pool = new ThreadPoolExecutor({ maxWorkers: 2, threadNamePrefix: 'w' });
        const loop = getRunningLoop();
        const job = async (i: number): Promise<string> => {
          await timeSleep(1);
          return `${i}@${currentThread().name}`;
        };
        const results = await gather(...[0, 1, 2, 3].map((i) => loop.runInExecutor(pool, job, i)));
        await pool.shutdown();
        return results;
      }),
    );
    expect(sim.elapsed).toBe(2);
    expect(sim.value.map((r) => r.split('@')[1]).sort()).toEqual(['w_0', 'w_0', 'w_1', 'w_1']);
    expect(sim.value.map((r) => r.split('@')[0])).toEqual(['0', '1', '2', '3']);
  });

  test('after shutdown() the executor refuses new work, as CPython does', async () => {
    const sim = await simulate(() =>
      run(async () => {
        const pool = new ThreadPoolExecutor({ maxWorkers: 1 });
        await pool.shutdown();
        try {
          getRunningLoop().runInExecutor(pool, () => 1);
          return 'accepted';
        } catch (e) {
          return String(e);
        }
      }),
    );
    expect(sim.value).toBe('RuntimeError: cannot schedule new futures after shutdown');
  });

  test('a multiprocessing Pool runs the function in a worker process (the virtual clock waits for it)', async () => {
    const { value } = await simulate(() => run(async () => {
      const pool = new mp.Pool(1);
      try {
        return await getRunningLoop().runInExecutor(pool, square, 12);
      } finally {
        pool.close();
        await pool.join();
      }
    }));
    expect(value).toBe(144);
  });
});

describe('the default executor', () => {
  test('runs at most 8 blocking calls at once, whatever the machine (CPython with 4 CPUs)', async () => {
    const sim = await simulate(() =>
      run(async () => {
        const { toThread } = await import('#runtime/asyncio');
        await gather(...Array.from({ length: 10 }, () => toThread(() => timeSleep(1))));
      }),
    );
    expect(sim.elapsed).toBe(2);
  });
});
