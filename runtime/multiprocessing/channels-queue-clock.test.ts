// mp queues used by green threads of ONE process under the virtual clock: like queue.Queue, the clock jumps
// while every thread waits, a timeout is virtual seconds, and a get nobody can satisfy is a reported deadlock.
// (The open issue of session 1: a get whose only producer was a sleeping thread of the same process froze the
// clock.) Every run is guarded by a real-time limit, so a frozen clock fails the test instead of hanging it.
import { describe, expect, it } from 'vitest';
import { monotonic } from '#runtime/time';
import { DeadlockError } from '#runtime/testing';
import * as mp from '#runtime/multiprocessing';
import { guarded, later } from './fixtures/virtual-clock.ts';

describe('mp queues between threads of one process, on the virtual clock', () => {
  it('get() returns when a sleeping thread puts, at that virtual time', async () => {
    const run = await guarded(async () => {
      const q = new mp.Queue<string>();
      const t = later(2, () => q.put('late'));
      const item = await q.get();
      const at = monotonic();
      await t.join();
      return [item, at];
    });
    expect(run.value).toEqual(['late', 2]);
  });

  it('put() on a full queue returns when a sleeping thread takes an item', async () => {
    const run = await guarded(async () => {
      const q = new mp.Queue<number>(1);
      await q.put(1);
      const t = later(3, () => q.get());
      await q.put(2);
      const at = monotonic();
      await t.join();
      return [at, q.qsize()];
    });
    expect(run.value).toEqual([3, 1]);
  });

  it('JoinableQueue.join() returns when a sleeping worker marks the last task done', async () => {
    const run = await guarded(async () => {
      const q = new mp.JoinableQueue<number>();
      await q.put(1);
      const t = later(1.5, async () => {
        await q.get();
        q.taskDone();
      });
      await q.join();
      const at = monotonic();
      await t.join();
      return at;
    });
    expect(run.value).toBe(1.5);
  });

  it('timeouts are virtual seconds: get(true, 5) and put(x, true, 4) give up at once in real time', async () => {
    const t0 = performance.now();
    const run = await guarded(async () => {
      const q = new mp.Queue<number>(1);
      const got = await q.get(true, 5).catch((e: unknown) => e);
      const afterGet = monotonic();
      await q.put(1);
      const put = await q.put(2, true, 4).catch((e: unknown) => e);
      return [got instanceof mp.Empty, afterGet, put instanceof mp.Full, monotonic()];
    });
    expect(run.value).toEqual([true, 5, true, 9]);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('a get() nobody can satisfy is a deadlock, not an endless wait', async () => {
    const run = guarded(async () => {
      const q = new mp.Queue<number>();
      await q.get();
    });
    await expect(run).rejects.toBeInstanceOf(DeadlockError);
  });
});
