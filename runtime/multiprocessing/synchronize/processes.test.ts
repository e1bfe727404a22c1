// Cross-process synchronisation with real child processes (worker isolates).
import { describe, expect, it } from 'vitest';
import * as mp from '#runtime/multiprocessing';
import { Array as SharedArray, Barrier, Condition, Event, Lock, RLock, Semaphore, Value } from '../index.ts';
import { f, limited, passBarrier, releaseForeign, tryAcquire, waitBroken, waitEvent, waitForBox } from './fixtures/targets.ts';

const targetModule = new URL('./fixtures/targets.ts', import.meta.url);
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function start(target: mp.Target, ...args: unknown[]): mp.Process {
  const p = new mp.Process({ target, args, targetModule });
  p.start();
  return p;
}

describe('synchronisation across processes', () => {
  it("runs the course's Lock example: ten processes each print one whole line", async () => {
    const lines: string[] = [];
    const previous = mp.setChildOutputSink((out) => { lines.push(out.text); });
    try {
      const lock = new Lock();
      const ps = Array.from({ length: 10 }, (_, num) => start(f, lock, num));
      for (const p of ps) await p.join();
      expect(ps.every((p) => p.exitcode === 0)).toBe(true);
    } finally {
      mp.setChildOutputSink(previous);
    }
    const printed = lines.join('').split('\n').filter((line) => line !== '');
    expect(printed.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `hello world ${i}`).sort());
  });

  it('Semaphore(2) lets at most two processes in at once', async () => {
    const sem = new Semaphore(2);
    const inside = new Value('i', 0);
    const peak = new Value('i', 0);
    const guard = new Lock();
    const ps = [1, 2, 3, 4].map(() => start(limited, sem, inside, peak, guard));
    for (const p of ps) await p.join();
    expect(ps.map((p) => p.exitcode)).toEqual([0, 0, 0, 0]);
    expect(peak.value).toBeLessThanOrEqual(2);
    expect(peak.value).toBeGreaterThanOrEqual(1);
    expect(inside.value).toBe(0);
    expect(sem.getValue()).toBe(2);
  });

  it('Condition: a child waits until the parent changes the state and notifies', async () => {
    const cond = new Condition();
    const box = new Value('i', 0);
    const answer = new Value('i', 0);
    const p = start(waitForBox, cond, box, answer);
    await pause(50);
    await cond.acquire();
    box.value = 21;
    await cond.notifyAll();
    cond.release();
    await p.join();
    expect(p.exitcode).toBe(0);
    expect(answer.value).toBe(42);
  });

  it('Event: set() in the parent wakes a waiting child', async () => {
    const event = new Event();
    const seen = new Value('i', 0);
    const p = start(waitEvent, event, seen);
    await pause(30);
    expect(seen.value).toBe(0);
    event.set();
    await p.join();
    expect(seen.value).toBe(1);
  });

  it('Barrier: three parties in three processes get indices 0, 1, 2', async () => {
    const barrier = new Barrier(3);
    const indices = new SharedArray('i', [-1, -1, -1]);
    const ps = [0, 1].map((slot) => start(passBarrier, barrier, indices, slot));
    indices[2] = await barrier.wait();
    for (const p of ps) await p.join();
    expect(indices.toArray().sort()).toEqual([0, 1, 2]);
    expect(barrier.nWaiting).toBe(0);
  });

  it('Barrier.abort() in the parent breaks a child that waits', async () => {
    const barrier = new Barrier(2);
    const broke = new Value('i', 0);
    const p = start(waitBroken, barrier, broke);
    await pause(50);
    await barrier.abort();
    await p.join();
    expect(broke.value).toBe(1);
    expect(barrier.broken).toBe(true);
  });

  it('a Lock may be released by another process; an RLock may not', async () => {
    const lock = new Lock();
    await lock.acquire();
    const p = start(releaseForeign, lock);
    await p.join();
    expect(p.exitcode).toBe(0);
    expect(await lock.acquire(false)).toBe(true);

    const rlock = new RLock();
    await rlock.acquire();
    const q = start(releaseForeign, rlock);
    await q.join();
    expect(q.exitcode).toBe(1); // AssertionError: attempt to release recursive lock not owned by thread
    rlock.release();
  });

  it('acquire(timeout) in a child gives up while the parent holds the lock', async () => {
    const lock = new Lock();
    await lock.acquire();
    const timedOut = new Value('i', -1);
    const p = start(tryAcquire, lock, timedOut);
    await p.join();
    expect(timedOut.value).toBe(1);
    lock.release();
  });
});
