import { describe, expect, it } from 'vitest';
import * as mp from '#runtime/multiprocessing';
import { add, busyWindow, delayed, exitNow, failOn13, readGreeting, setGreeting, sleepMs, square } from './fixtures/pool.ts';

describe('Pool', () => {
  it('map, starmap, apply and imap give CPython-ordered results', async () => {
    await using pool = new mp.Pool(2);
    expect(await pool.map(square, [1, 2, 3, 4, 5])).toEqual([1, 4, 9, 16, 25]);
    expect(await pool.map(square, Array.from({ length: 1000 }, (_, i) => i), 7)).toEqual(
      Array.from({ length: 1000 }, (_, i) => i * i),
    );
    expect(await pool.starmap(add, [[1, 2], [3, 4]])).toEqual([3, 7]);
    expect(await pool.apply(add, [20, 22])).toBe(42);
    expect(await pool.map(square, [])).toEqual([]);
    const ordered: number[] = [];
    for await (const r of pool.imap(square, [3, 2, 1])) ordered.push(r);
    expect(ordered).toEqual([9, 4, 1]);
  });

  it('imapUnordered yields in completion order, imap in task order', async () => {
    await using pool = new mp.Pool(2);
    await pool.map(square, [1, 2], 1); // both workers up
    const unordered: number[] = [];
    for await (const r of pool.imapUnordered(sleepMs, [400, 10])) unordered.push(r);
    expect(unordered).toEqual([10, 400]);
    const ordered: number[] = [];
    for await (const r of pool.imap(sleepMs, [400, 10])) ordered.push(r);
    expect(ordered).toEqual([400, 10]);
    const it = pool.imap(sleepMs, [300]);
    await expect(it.next(0.01)).rejects.toBeInstanceOf(mp.TimeoutError);
    expect(await it.next()).toEqual({ done: false, value: 300 });
    expect(await it.next()).toEqual({ done: true, value: undefined });
  });

  it("refuses a Lock, a Value or a Queue as a task argument with CPython's error, and goes on", async () => {
    await using pool = new mp.Pool(1);
    const refusals: [unknown, string][] = [
      [new mp.Lock(), 'Lock'],
      [new mp.Value('i', 1), 'Synchronized'],
      [new mp.Queue(), 'Queue'],
    ];
    for (const [shared, kind] of refusals) {
      const error = await pool.apply(add, [shared, 1]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(mp.RuntimeError);
      expect((error as Error).message).toBe(`${kind} objects should only be shared between processes through inheritance`);
    }
    await expect(pool.map(square, [2, new mp.Lock() as never])).rejects.toThrow('Lock objects should only be shared');
    expect(await pool.apply(add, [20, 22])).toBe(42);
  });

  it('a task that throws fails only its own job, with the remote traceback as the cause', async () => {
    await using pool = new mp.Pool(2);
    const bad = pool.applyAsync<number>(failOn13, [13]);
    const good = pool.applyAsync<number>(failOn13, [12]);
    const error = await bad.get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(mp.ValueError);
    expect(String(error)).toBe('ValueError: bad 13');
    const cause = (error as Error).cause as mp.RemoteTraceback;
    expect(cause).toBeInstanceOf(mp.RemoteTraceback);
    expect(cause.tb).toMatch(/File ".*fixtures\/pool\.ts", line \d+, in failOn13\nValueError: bad 13\n$/);
    expect(bad.ready() && !bad.successful()).toBe(true);
    expect(await good.get()).toBe(12);
    await expect(pool.map(failOn13, [1, 13, 2])).rejects.toThrow('bad 13');
    expect(await pool.map(square, [3])).toEqual([9]);
  });

  it('callbacks, AsyncResult.get(timeout) and successful() before ready', async () => {
    await using pool = new mp.Pool(1);
    const seen: unknown[] = [];
    const r = pool.applyAsync<number>(delayed, [5, 200], undefined, (v) => seen.push(['ok', v]));
    expect(() => r.successful()).toThrow(mp.ValueError);
    await expect(r.get(0.01)).rejects.toBeInstanceOf(mp.TimeoutError);
    expect(await r.get(10)).toBe(5);
    expect(seen).toEqual([['ok', 5]]);
    const e = pool.applyAsync(failOn13, [13], undefined, null, (err) => seen.push(['err', String(err)]));
    await e.wait();
    expect(seen.at(-1)).toEqual(['err', 'ValueError: bad 13']);
  });

  it('two workers really run at the same time (their execution windows overlap)', async () => {
    await using pool = new mp.Pool(2);
    // Wait until both workers are up (each has run a task), so the windows measure running, not starting.
    const seen = new Set<string>();
    for (let i = 0; i < 100 && seen.size < 2; i++) {
      for (const [name] of await pool.map(busyWindow, [20, 20], 1)) seen.add(name);
    }
    expect(seen.size).toBe(2);
    const windows = await pool.map(busyWindow, [300, 300], 1);
    const [a, b] = windows as [[string, number, number], [string, number, number]];
    expect(a[0]).not.toBe(b[0]);
    const overlap = Math.min(a[2], b[2]) - Math.max(a[1], b[1]);
    expect(overlap).toBeGreaterThan(100);
  });

  it('runs the initializer in each worker, and replaces a worker that dies', async () => {
    const pool = new mp.Pool(2, setGreeting, ['hi']);
    const names = await pool.map(readGreeting, [1, 2, 3, 4], 1);
    expect(names.every((n) => /^SpawnPoolWorker-[\d:]+:hi$/.test(n))).toBe(true);
    await expect(pool.apply(exitNow)).rejects.toThrow(/exited with exitcode 7/);
    expect(await pool.map(square, [1, 2, 3], 1)).toEqual([1, 4, 9]);
    pool.close();
    await expect(pool.map(square, [1])).rejects.toThrow('Pool not running');
    await pool.join();
  });

  it('terminate() while a task runs fails it with ProcessError (CPython leaves it pending for ever)', async () => {
    const pool = new mp.Pool(1);
    await pool.map(square, [1]); // the worker is up
    const running = pool.applyAsync(sleepMs, [5000]);
    const queued = pool.applyAsync(square, [3]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    pool.terminate();
    for (const result of [running, queued]) {
      const error: unknown = await result.get(1).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(mp.ProcessError);
      expect((error as Error).message).toBe('the pool was terminated');
      expect(result.ready()).toBe(true);
      expect(result.successful()).toBe(false);
    }
    await pool.join();
  });

  it('refuses a non-exported function with Python\'s AttributeError', async () => {
    await using pool = new mp.Pool(1);
    await expect(pool.map((x: number) => x + 1, [1])).rejects.toThrow(/Can't get attribute/);
    expect(() => new mp.Pool(0)).toThrow('Number of processes must be at least 1');
  });
});
