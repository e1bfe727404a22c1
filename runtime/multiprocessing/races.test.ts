// Race detection between processes (races.ts): an unprotected read-modify-write of shared memory is reported
// whatever the cores did, a common lock is accepted, and processes that never overlap never race.
import { describe, expect, it } from 'vitest';
import * as mp from '#runtime/multiprocessing';
import { locksHeld, watchRaces } from '#runtime/testing';
import { addMostlyLocked, addToDict, reportLocksHeld, addUnlocked, addWithGetLock, addWithLock, addWithOwnLock, bumpElement } from './fixtures/race-targets.ts';

const targetModule = new URL('./fixtures/race-targets.ts', import.meta.url);

async function together(processes: mp.Process[]): Promise<void> {
  for (const p of processes) p.start();
  for (const p of processes) await p.join();
  for (const p of processes) expect(p.exitcode).toBe(0);
}

function twice(target: mp.Target, ...args: unknown[]): mp.Process[] {
  return [0, 1].map(() => new mp.Process({ target, args, targetModule }));
}

describe('watchRaces', () => {
  it('reports two processes incrementing a Value without any lock, with both processes and lines', async () => {
    const watch = watchRaces();
    const counter = new mp.Value('i', 0);
    // Few increments: the processes hardly overlap in time, and the verdict must not depend on it.
    await together(twice(addUnlocked, counter, 3));
    const races = watch.races();
    expect(races).toHaveLength(1);
    expect(races[0]?.label).toBe("Value('i').value");
    expect(new Set(races[0]?.processes).size).toBe(2);
    expect(races[0]?.locks).toEqual([[], []]);
    expect(races[0]?.sites[0]).toMatch(/race-targets\.ts:\d+:\d+$/);
  });

  it('reports one lock per process: no lock is common to both', async () => {
    const watch = watchRaces();
    await together(twice(addWithOwnLock, new mp.Value('i', 0), 50));
    const [race] = watch.races();
    expect(race?.locks.every((held) => held.length === 1)).toBe(true);
    expect(race?.locks[0]).not.toEqual(race?.locks[1]);
  });

  it('reports a single unprotected write among many locked ones', async () => {
    const watch = watchRaces();
    await together(twice(addMostlyLocked, new mp.Value('i', 0), 20));
    expect(watch.races()).toHaveLength(1);
  });

  it("accepts getLock(), a shared mp.Lock, and the counts stay exact", async () => {
    const watch = watchRaces();
    const a = new mp.Value('i', 0);
    const b = new mp.Value('i', 0);
    const lock = new mp.Lock();
    await together([...twice(addWithGetLock, a, 500), ...twice(addWithLock, b, 500, lock)]);
    expect(watch.races()).toEqual([]);
    expect([a.value, b.value]).toEqual([1000, 1000]);
  });

  it('does not report processes run one after the other (join before the next start)', async () => {
    const watch = watchRaces();
    const counter = new mp.Value('i', 0);
    for (const p of twice(addUnlocked, counter, 10)) {
      p.start();
      await p.join();
    }
    expect(watch.races()).toEqual([]);
    expect(counter.value).toBe(20);
  });

  it('checks Array elements one by one: different elements do not race, the same element does', async () => {
    const watch = watchRaces();
    const arr = new mp.Array('i', 2);
    await together([0, 1].map((i) => new mp.Process({ target: bumpElement, args: [arr, i, 5], targetModule })));
    expect(watch.races()).toEqual([]);
    await together(twice(bumpElement, arr, 1, 5));
    expect(watch.races().map((r) => r.label)).toEqual(["Array('i')[1]"]);
  });

  it('checks Manager proxies: a dict item raced without a lock, accepted under manager.Lock()', async () => {
    await using manager = await mp.Manager();
    const bare = watchRaces();
    const d = manager.dict<string, number>();
    await together(twice(addToDict, d, 3, null));
    expect(bare.races().map((r) => r.label)).toEqual(['DictProxy["total"]']);
    const locked = watchRaces();
    const e = manager.dict<string, number>();
    await together(twice(addToDict, e, 3, manager.Lock()));
    expect(locked.races()).toEqual([]);
    expect(await e.get('total')).toBe(6);
  });

  it('locksHeld() lists the mutexes the current thread holds, in a child process too', async () => {
    await using manager = await mp.Manager();
    const lock = manager.Lock();
    watchRaces();
    expect(locksHeld()).toEqual([]);
    await lock.acquire();
    expect(locksHeld()).toHaveLength(1);
    await lock.release();
    expect(locksHeld()).toEqual([]);
    const out = new mp.Queue<unknown>();
    const p = new mp.Process({ target: reportLocksHeld, args: [lock, out], targetModule });
    p.start();
    const seen = (await out.get(true, 10)) as { before: string[]; inside: string[]; after: string[] };
    await p.join();
    expect(seen.before).toEqual([]);
    expect(seen.inside).toHaveLength(1);
    expect(seen.after).toEqual([]);
  });
});
