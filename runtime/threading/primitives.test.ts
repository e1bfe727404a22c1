// Lock, RLock, Condition, Semaphore, BoundedSemaphore, Event, Barrier and Timer: behaviour and CPython's errors.
import { describe, expect, test } from 'vitest';
import {
  Barrier,
  BoundedSemaphore,
  BrokenBarrierError,
  Condition,
  Event,
  Lock,
  RLock,
  Semaphore,
  Thread,
  Timer,
  withLock,
} from '#runtime/threading';
import { simulate } from '#runtime/testing';
import { currentScheduler } from '../core/index.ts';

const sleep = (seconds: number): Promise<void> => currentScheduler().sleep(seconds);
const now = (): number => currentScheduler().now();

function run(target: () => unknown, name?: string): Thread {
  const t = new Thread({ target, ...(name !== undefined ? { name } : {}) });
  t.start();
  return t;
}

describe('Lock', () => {
  test('acquire/release/locked, non-blocking and timed acquire', async () => {
    const { value } = await simulate(async () => {
      const lock = new Lock();
      const got = [await lock.acquire(), lock.locked(), await lock.acquire(false), await lock.acquire(true, 1.5), now()];
      lock.release();
      return [...got, lock.locked()];
    });
    expect(value).toEqual([true, true, false, false, 1.5, false]);
  });

  test('CPython messages: release unlocked, timeout with non-blocking, negative timeout', async () => {
    await simulate(async () => {
      const lock = new Lock();
      expect(() => lock.release()).toThrow('release unlocked lock');
      expect(() => lock.acquire(false, 1)).toThrow("can't specify a timeout for a non-blocking call");
      expect(() => lock.acquire(true, -2)).toThrow('timeout value must be positive');
    });
  });

  test('waiters get the lock in arrival order; another thread may release a Lock', async () => {
    const { output } = await simulate(async () => {
      const lock = new Lock();
      await lock.acquire();
      const threads = ['A', 'B', 'C'].map((n) => run(async () => { await lock.acquire(); console.log(n, now()); await sleep(1); lock.release(); }));
      await sleep(1);
      run(() => lock.release(), 'releaser');
      for (const t of threads) await t.join();
    });
    expect(output).toEqual(['A 1', 'B 2', 'C 3']);
  });

  test('withLock and hold() release even when the body throws', async () => {
    await simulate(async () => {
      const lock = new Lock();
      await expect(withLock(lock, () => { throw new Error('inside'); })).rejects.toThrow('inside');
      expect(lock.locked()).toBe(false);
      expect(await withLock(lock, () => 7)).toBe(7);
      {
        const held = await lock.hold();
        expect(lock.locked()).toBe(true);
        held[Symbol.dispose]();
      }
      expect(lock.locked()).toBe(false);
    });
  });
});

describe('RLock', () => {
  test('reentrant for its owner, exclusive for others, released only by its owner', async () => {
    const { output } = await simulate(async () => {
      const lock = new RLock();
      await lock.acquire();
      await lock.acquire();
      const other = run(async () => {
        console.log('other got it:', await lock.acquire(false));
        expect(() => lock.release()).toThrow('cannot release un-acquired lock');
        await lock.acquire();
        console.log('other finally at', now());
        lock.release();
      });
      await sleep(1);
      lock.release();
      await sleep(1);
      lock.release();
      await other.join();
    });
    expect(output).toEqual(['other got it: false', 'other finally at 2']);
  });
});

describe('Condition', () => {
  test('producer/consumer with wait and notify; waitFor with a predicate', async () => {
    const { output, elapsed } = await simulate(async () => {
      const cond = new Condition();
      const items: number[] = [];
      const consumer = run(async () => {
        for (let i = 0; i < 3; i++) {
          await cond.acquire();
          await cond.waitFor(() => items.length > 0);
          console.log('got', items.shift(), 'at', now());
          cond.release();
        }
      });
      for (let i = 1; i <= 3; i++) {
        await sleep(1);
        await withLock(cond, () => { items.push(i); cond.notify(); });
      }
      await consumer.join();
    });
    expect(output).toEqual(['got 1 at 1', 'got 2 at 2', 'got 3 at 3']);
    expect(elapsed).toBe(3);
  });

  test('wait(timeout) returns false after the timeout; notifyAll wakes everyone', async () => {
    const { value } = await simulate(async () => {
      const cond = new Condition(new Lock());
      await cond.acquire();
      const timedOut = await cond.wait(2);
      cond.release();
      const woken: string[] = [];
      const waiters = ['a', 'b'].map((n) => run(async () => { await withLock(cond, async () => { await cond.wait(); woken.push(n); }); }));
      await sleep(1);
      await withLock(cond, () => cond.notifyAll());
      for (const t of waiters) await t.join();
      return [timedOut, woken];
    });
    expect(value).toEqual([false, ['a', 'b']]);
  });

  test('CPython messages for wait/notify without the lock', async () => {
    await simulate(async () => {
      const cond = new Condition();
      await expect(cond.wait(1)).rejects.toThrow('cannot wait on un-acquired lock');
      expect(() => cond.notify()).toThrow('cannot notify on un-acquired lock');
    });
  });
});

describe('Semaphore and BoundedSemaphore', () => {
  test('at most `value` holders at a time', async () => {
    const { value, elapsed } = await simulate(async () => {
      const sem = new Semaphore(2);
      let inside = 0;
      let most = 0;
      const threads = Array.from({ length: 6 }, () =>
        run(async () => {
          await withLock(sem, async () => {
            inside++;
            most = Math.max(most, inside);
            await sleep(1);
            inside--;
          });
        }),
      );
      for (const t of threads) await t.join();
      return most;
    });
    expect(value).toBe(2);
    expect(elapsed).toBe(3);
  });

  test('CPython messages and the bounded check', async () => {
    await simulate(async () => {
      expect(() => new Semaphore(-1)).toThrow('semaphore initial value must be >= 0');
      const sem = new Semaphore(0);
      expect(() => sem.acquire(false, 1)).toThrow("can't specify timeout for non-blocking acquire");
      expect(() => sem.release(0)).toThrow('n must be one or more');
      expect(await sem.acquire(true, 0.5)).toBe(false);
      sem.release(3);
      expect([await sem.acquire(false), await sem.acquire(false), await sem.acquire(false), await sem.acquire(false)]).toEqual([true, true, true, false]);
      const bounded = new BoundedSemaphore(1);
      expect(() => bounded.release()).toThrow('Semaphore released too many times');
      await bounded.acquire();
      bounded.release();
    });
  });
});

describe('Event', () => {
  test('wait blocks until set; wait(timeout) returns the flag', async () => {
    const { output } = await simulate(async () => {
      const ready = new Event();
      const waiters = [1, 2].map((n) => run(async () => { console.log(n, await ready.wait(), now()); }));
      console.log('timed', await ready.wait(0.5), now());
      await sleep(1.5);
      ready.set();
      for (const t of waiters) await t.join();
      ready.clear();
      console.log('cleared', ready.isSet(), await ready.wait(-1));
    });
    expect(output).toEqual(['timed false 0.5', '1 true 2', '2 true 2', 'cleared false false']);
  });
});

describe('Barrier', () => {
  test('all parties leave together with distinct indexes; the action runs once', async () => {
    const { value } = await simulate(async () => {
      let actions = 0;
      const barrier = new Barrier(3, () => { actions++; });
      const result: Array<[number, number]> = [];
      const threads = [1, 2, 3].map((d) => run(async () => { await sleep(d); result.push([await barrier.wait(), now()]); }));
      for (const t of threads) await t.join();
      return { indexes: result.map(([i]) => i).sort(), times: result.map(([, t]) => t), actions, parties: barrier.parties };
    });
    expect(value).toEqual({ indexes: [0, 1, 2], times: [3, 3, 3], actions: 1, parties: 3 });
  });

  test('a timeout breaks the barrier for everyone; reset makes it usable again', async () => {
    const { value } = await simulate(async () => {
      const barrier = new Barrier(3);
      const errors: string[] = [];
      const early = run(async () => { await barrier.wait().catch((e: Error) => errors.push(`early ${e.name}`)); });
      await sleep(0);
      expect(barrier.nWaiting).toBe(1);
      await barrier.wait(1).catch((e: unknown) => errors.push(`main ${(e as Error).name} ${e instanceof BrokenBarrierError}`));
      await early.join();
      const brokenBefore = barrier.broken;
      barrier.reset();
      return [errors, brokenBefore, barrier.broken];
    });
    expect(value).toEqual([['main BrokenBarrierError true', 'early BrokenBarrierError'], true, false]);
  });
});

describe('Timer', () => {
  test('fires after its interval with args; cancel before firing prevents it', async () => {
    const { output, elapsed } = await simulate(async () => {
      const fired = new Timer(5, (msg: string) => console.log('fired', msg, now()), ['hola']);
      const cancelled = new Timer(3, () => console.log('must not fire'));
      fired.start();
      cancelled.start();
      await sleep(1);
      cancelled.cancel();
      await fired.join();
      await cancelled.join();
      console.log(fired.name, cancelled.name);
    });
    expect(output).toEqual(['fired hola 5', 'Thread-1 Thread-2']);
    expect(elapsed).toBe(5);
  });
});
