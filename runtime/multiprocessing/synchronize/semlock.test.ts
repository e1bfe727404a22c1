// The cross-process primitives inside one process: Python's errors and reprs (recorded from CPython 3.11),
// and green threads of this process contending for them.
import { describe, expect, it } from 'vitest';
import { Thread, withLock } from '#runtime/threading';
import { Barrier, BoundedSemaphore, BrokenBarrierError, Condition, Event, Lock, RLock, Semaphore } from '../index.ts';

describe('Lock, RLock, Semaphore', () => {
  it("raises CPython's errors", () => {
    expect(() => new Lock().release()).toThrow('semaphore or lock released too many times');
    expect(() => new RLock().release()).toThrow('attempt to release recursive lock not owned by thread');
    expect(() => new BoundedSemaphore(1).release()).toThrow('semaphore or lock released too many times');
    expect(() => new Semaphore(-1)).toThrow('[Errno 22] Invalid argument');
    const s = new Semaphore(1);
    s.release();
    expect(s.getValue()).toBe(2);
  });

  it('acquire(false) and acquire(true, timeout) give up on a held lock', async () => {
    const lock = new Lock();
    expect(await lock.acquire()).toBe(true);
    expect(String(lock)).toBe('<Lock(owner=MainProcess)>');
    expect(await lock.acquire(false)).toBe(false);
    const t0 = performance.now();
    expect(await lock.acquire(true, 0.05)).toBe(false);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(45);
    lock.release();
    expect(String(lock)).toBe('<Lock(owner=None)>');
  });

  it('RLock is re-entrant for its owner thread and refuses other threads', async () => {
    const rlock = new RLock();
    await rlock.acquire();
    await rlock.acquire();
    expect(String(rlock)).toBe('<RLock(MainProcess, 2)>');
    let otherGot: boolean | null = null;
    let otherRelease = '';
    const t = new Thread({
      target: async () => {
        try {
          rlock.release();
        } catch (error) {
          otherRelease = String(error);
        }
        otherGot = await rlock.acquire(true, 0.05);
      },
    });
    t.start();
    await t.join();
    expect(otherRelease).toBe('AssertionError: attempt to release recursive lock not owned by thread');
    expect(otherGot).toBe(false);
    rlock.release();
    rlock.release();
    expect(String(rlock)).toBe('<RLock(None, 0)>');
  });

  it("works with threading's withLock and with `using` (Python's `with lock:`)", async () => {
    const lock = new RLock();
    const inside = await withLock(lock, () => String(lock));
    expect(inside).toBe('<RLock(MainProcess, 1)>');
    {
      using _held = await lock.hold();
      expect(String(lock)).toBe('<RLock(MainProcess, 1)>');
    }
    expect(String(lock)).toBe('<RLock(None, 0)>');
  });

  it('a green thread blocked on a Lock gets it when another thread releases it', async () => {
    const lock = new Lock();
    const order: string[] = [];
    await lock.acquire();
    const t = new Thread({
      target: async () => {
        await lock.acquire();
        order.push('worker got it');
        lock.release();
      },
    });
    t.start();
    await new Promise((r) => setTimeout(r, 20));
    order.push('main releases');
    lock.release();
    await t.join();
    expect(order).toEqual(['main releases', 'worker got it']);
  });
});

describe('Condition, Event, Barrier', () => {
  it("Condition needs its lock held, with CPython's messages", async () => {
    const cond = new Condition();
    await expect(cond.wait()).rejects.toThrow('must acquire() condition before using wait()');
    await expect(cond.notify()).rejects.toThrow('lock is not owned');
    expect(String(cond)).toBe('<Condition(<RLock(None, 0)>, 0)>');
  });

  it('Condition.wait(timeout) returns false and re-acquires the lock', async () => {
    const cond = new Condition(new Lock());
    await cond.acquire();
    expect(await cond.wait(0.02)).toBe(false);
    expect(String(cond)).toBe('<Condition(<Lock(owner=MainProcess)>, 0)>');
    cond.release();
  });

  it('notify(1) wakes exactly one of two waiting threads', async () => {
    const cond = new Condition();
    let woken = 0;
    const waiter = (): Thread => new Thread({
      target: async () => {
        await cond.acquire();
        if (await cond.wait(0.3)) woken++;
        cond.release();
      },
    });
    const threads = [waiter(), waiter()];
    for (const t of threads) t.start();
    await new Promise((r) => setTimeout(r, 30));
    await cond.acquire();
    await cond.notify(1);
    cond.release();
    for (const t of threads) await t.join();
    expect(woken).toBe(1);
  });

  it('Event.wait(timeout) returns the flag', async () => {
    const event = new Event();
    expect(await event.wait(0.01)).toBe(false);
    event.set();
    expect(await event.wait()).toBe(true);
    event.clear();
    expect(event.isSet()).toBe(false);
  });

  it('Barrier times out into BrokenBarrierError, and reset() repairs it', async () => {
    const barrier = new Barrier(2);
    await expect(barrier.wait(0.02)).rejects.toBeInstanceOf(BrokenBarrierError);
    expect(barrier.broken).toBe(true);
    await expect(barrier.wait()).rejects.toBeInstanceOf(BrokenBarrierError);
    await barrier.reset();
    expect(barrier.broken).toBe(false);
    const t = new Thread({ target: async () => { await barrier.wait(); } });
    t.start();
    expect(await barrier.wait(1)).toBeTypeOf('number');
    await t.join();
  });
});

describe('under the virtual clock', () => {
  it('a thread waiting for a Lock held by a sleeping thread of the same process lets virtual time pass', async () => {
    const { simulate } = await import('#runtime/testing');
    const { sleep } = await import('#runtime/time');
    const started = performance.now();
    const result = await simulate(async () => {
      const lock = new Lock();
      const events: string[] = [];
      await lock.acquire();
      const waiter = new Thread({
        target: async () => {
          events.push(`timed out: ${String(!(await lock.acquire(true, 5)))}`);
          await lock.acquire();
          events.push('got it');
          lock.release();
        },
      });
      waiter.start();
      await sleep(10);
      lock.release();
      await waiter.join();
      return events;
    });
    expect(result.value).toEqual(['timed out: true', 'got it']);
    expect(result.elapsed).toBeGreaterThanOrEqual(10);
    expect(result.elapsed).toBeLessThan(10.01);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('self-deadlock under the virtual clock', () => {
  it('is reported as a deadlock instead of running virtual time forever', async () => {
    const { simulate, DeadlockError } = await import('#runtime/testing');
    const run = simulate(async () => {
      const lock = new Lock();
      await lock.acquire();
      await lock.acquire(); // a Lock is not re-entrant: this never returns, as in Python
    });
    await expect(run).rejects.toBeInstanceOf(DeadlockError);
  });
});
