// Cross-process primitives used by green threads of ONE process under the virtual clock: they must behave like
// threading's (the clock jumps while every thread waits, a release by another thread wakes the waiter,
// timeouts are virtual seconds, a deadlock is reported), while a release by a real child process still wakes
// a waiter. Every run is guarded by a real-time limit, so a frozen clock fails the test instead of hanging it.
import { describe, expect, it } from 'vitest';
import { Thread } from '#runtime/threading';
import { monotonic, sleep } from '#runtime/time';
import { DeadlockError } from '#runtime/testing';
import * as mp from '#runtime/multiprocessing';
import { guarded, later } from '../fixtures/virtual-clock.ts';
import { Barrier, BoundedSemaphore, Condition, Event, Lock, RLock, Semaphore } from '../index.ts';
import { releaseLater, setLater, waitThenExit } from './fixtures/targets.ts';
import { deadlineFor, waitWord, wakeWord } from './wait.ts';

const targetModule = new URL('./fixtures/targets.ts', import.meta.url);

describe('a wait released by a sleeping thread of the same process lets the virtual clock jump', () => {
  it('Lock', async () => {
    const run = await guarded(async () => {
      const lock = new Lock();
      await lock.acquire();
      const t = later(1, () => lock.release());
      await lock.acquire();
      const at = monotonic();
      await t.join();
      return at;
    });
    expect(run.value).toBe(1);
  });

  it('RLock, taken by one thread and waited for by another', async () => {
    const run = await guarded(async () => {
      const lock = new RLock();
      const holder = new Thread({
        target: async () => {
          await lock.acquire();
          await lock.acquire();
          await sleep(2);
          lock.release();
          lock.release();
        },
      });
      holder.start();
      await sleep(0.5);
      await lock.acquire();
      const at = monotonic();
      lock.release();
      await holder.join();
      return at;
    });
    expect(run.value).toBe(2);
  });

  it('Semaphore', async () => {
    const run = await guarded(async () => {
      const sem = new Semaphore(0);
      const t = later(1, () => sem.release());
      const got = await sem.acquire();
      await t.join();
      return [got, monotonic()];
    });
    expect(run.value).toEqual([true, 1]);
  });

  it('BoundedSemaphore, with three waiters served as releases come', async () => {
    const run = await guarded(async () => {
      const sem = new BoundedSemaphore(1);
      await sem.acquire();
      const times: number[] = [];
      const waiters = [0, 1, 2].map(() => new Thread({
        target: async () => {
          await sem.acquire();
          times.push(monotonic());
          await sleep(1);
          sem.release();
        },
      }));
      for (const w of waiters) w.start();
      await sleep(1);
      sem.release();
      for (const w of waiters) await w.join();
      return { times, value: sem.getValue() };
    });
    expect(run.value).toEqual({ times: [1, 2, 3], value: 1 });
  });

  it('Event', async () => {
    const run = await guarded(async () => {
      const event = new Event();
      const t = later(3, () => event.set());
      const flag = await event.wait();
      await t.join();
      return [flag, monotonic()];
    });
    expect(run.value).toEqual([true, 3]);
  });

  it('Condition: wait() returns when a sleeping thread notifies', async () => {
    const run = await guarded(async () => {
      const cond = new Condition();
      let ready = false;
      const t = later(2, async () => {
        await cond.acquire();
        ready = true;
        await cond.notify();
        cond.release();
      });
      await cond.acquire();
      const seen = await cond.waitFor(() => ready);
      const at = monotonic();
      cond.release();
      await t.join();
      return [seen, at];
    });
    expect(run.value).toEqual([true, 2]);
  });

  it('Barrier: the first party waits for a second that arrives after sleeping', async () => {
    const run = await guarded(async () => {
      const barrier = new Barrier(2);
      let other = -1;
      const t = later(4, async () => {
        other = await barrier.wait();
      });
      const mine = await barrier.wait();
      const at = monotonic();
      await t.join();
      return [[mine, other].sort(), at];
    });
    expect(run.value).toEqual([[0, 1], 4]);
  });
});

describe('timeouts of local waits are virtual seconds', () => {
  it('acquire(true, 5) on a Semaphore nobody releases gives up at t = 5, at once', async () => {
    const started = performance.now();
    const run = await guarded(async () => {
      const sem = new Semaphore(0);
      return [await sem.acquire(true, 5), monotonic()];
    });
    expect(run.value).toEqual([false, 5]);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('Event.wait(2), Condition.wait(3) and Barrier.wait(4) time out on the virtual clock', async () => {
    const run = await guarded(async () => {
      const times: unknown[] = [];
      times.push(await new Event().wait(2), monotonic());
      const cond = new Condition();
      await cond.acquire();
      times.push(await cond.wait(3), monotonic());
      cond.release();
      const barrier = new Barrier(2);
      times.push(await barrier.wait(4).catch((error: Error) => error.name), monotonic());
      return times;
    });
    expect(run.value).toEqual([false, 2, false, 5, 'BrokenBarrierError', 9]);
  });

  it('a timed wait released before its timeout returns true at the release time', async () => {
    const run = await guarded(async () => {
      const sem = new Semaphore(0);
      const t = later(1, () => sem.release());
      const got = await sem.acquire(true, 10);
      await t.join();
      return [got, monotonic()];
    });
    expect(run.value).toEqual([true, 1]);
  });
});

describe('deadlocks among green threads on mp locks', () => {
  it('are reported like threading deadlocks, with the wait-for cycle', async () => {
    const run = guarded(async () => {
      const a = new Lock();
      const b = new Lock();
      const one = new Thread({
        name: 'T1',
        target: async () => {
          await a.acquire();
          await sleep(1);
          await b.acquire();
        },
      });
      const two = new Thread({
        name: 'T2',
        target: async () => {
          await b.acquire();
          await sleep(1);
          await a.acquire();
        },
      });
      one.start();
      two.start();
      await one.join();
      await two.join();
    });
    const error = await run.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeadlockError);
    const report = (error as DeadlockError).report;
    expect(report.cycle?.slice().sort()).toEqual(['T1', 'T1', 'T2']);
    expect(report.text).toContain('T1 waits in Lock.acquire()');
    expect(report.text).toContain('sync-virtual-clock.test.ts');
  });

  it('a Semaphore nobody can release is a deadlock, not an endless wait', async () => {
    const run = guarded(async () => {
      const sem = new Semaphore(0);
      await sem.acquire();
    });
    await expect(run).rejects.toBeInstanceOf(DeadlockError);
  });
});

describe('waitWord / wakeWord (for words of queue rings)', () => {
  it('a waiter woken by a sleeping thread of the same process lets the clock jump', async () => {
    const run = await guarded(async () => {
      const word = new Int32Array(new SharedArrayBuffer(4));
      const t = later(2, () => {
        Atomics.add(word, 0, 1);
        wakeWord(word, 0);
      });
      const result = await waitWord(word, 0, 0, null, 'Queue.get()');
      await t.join();
      return [result, monotonic()];
    });
    expect(run.value).toEqual(['ok', 2]);
  });

  it('times out on the virtual clock, and a word that already changed returns at once', async () => {
    const run = await guarded(async () => {
      const word = new Int32Array(new SharedArrayBuffer(4));
      const timedOut = await waitWord(word, 0, 0, deadlineFor(5), 'Queue.get()');
      const at = monotonic();
      return [timedOut, at, await waitWord(word, 0, 1, null, 'Queue.get()')];
    });
    expect(run.value[0]).toBe('timed-out');
    expect(run.value[1]).toBeCloseTo(5, 1);
    expect(run.value[2]).toBe('not-equal');
  });
});

describe('with a real child process', () => {
  it('a release by the child wakes a waiter in the simulation', async () => {
    const run = await guarded(async () => {
      const sem = new Semaphore(0);
      const p = new mp.Process({ target: releaseLater, args: [sem, 0.05], targetModule });
      p.start();
      const got = await sem.acquire(true, 20);
      await p.join();
      return [got, p.exitcode];
    }, 20_000);
    expect(run.value).toEqual([true, 0]);
  });

  it('an Event set by the child wakes a waiting thread while another thread sleeps', async () => {
    const run = await guarded(async () => {
      const event = new Event();
      const p = new mp.Process({ target: setLater, args: [event, 0.05], targetModule });
      p.start();
      const sleeper = later(1000, () => undefined);
      const flag = await event.wait(20);
      await p.join();
      await sleeper.join();
      return [flag, p.exitcode];
    }, 20_000);
    expect(run.value).toEqual([true, 0]);
  });

  it('while a child that shares the Semaphore is alive, a sleeping releaser of this process still runs', async () => {
    const run = await guarded(async () => {
      const sem = new Semaphore(0);
      const done = new Event();
      // The child only waits for `done`: it shares `sem` but never releases it.
      const p = new mp.Process({ target: waitThenExit, args: [done, sem], targetModule });
      p.start();
      const t = later(1, () => sem.release());
      const got = await sem.acquire(true, 20);
      const at = monotonic();
      done.set();
      await t.join();
      await p.join();
      return [got, at];
    }, 20_000);
    expect(run.value).toEqual([true, 1]);
  });
});
