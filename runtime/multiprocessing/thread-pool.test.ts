import { describe, expect, it } from 'vitest';
import * as mp from '#runtime/multiprocessing';
import { simulate } from '#runtime/testing';
import { sleep } from '#runtime/time';
import { URLS, downloadUrl, threadName } from './fixtures/downloads.ts';

describe('ThreadPool (green threads)', () => {
  it("runs the course's imap_unordered download example: results in completion order, I/O overlapped", async () => {
    const run = await simulate(async () => {
      const results: string[] = [];
      for await (const r of new mp.ThreadPool(6).imapUnordered(downloadUrl, URLS)) results.push(r);
      return results;
    });
    // Six workers, five downloads: all start at once; the total is the slowest one, not the sum.
    expect(run.elapsed).toBeCloseTo(2, 5);
    expect(run.value).toEqual([
      'https://jsonplaceholder.typicode.com/albums',
      'https://jsonplaceholder.typicode.com/todos',
      'https://jsonplaceholder.typicode.com/posts',
      'https://jsonplaceholder.typicode.com/comments',
      'https://jsonplaceholder.typicode.com/photos',
    ]);
    expect(run.output).toEqual(URLS.map((u) => `downloading:  ${u}`));
  });

  it('map keeps order, accepts lambdas and closures, names workers as CPython', async () => {
    const run = await simulate(async () => {
      const pool = new mp.ThreadPool(2);
      const offset = 10;
      const mapped = await pool.map((x: number) => x + offset, [1, 2, 3]);
      const names = await pool.map(threadName, [1, 2, 3, 4], 1);
      pool.close();
      await pool.join();
      return { mapped, names };
    });
    expect(run.value.mapped).toEqual([11, 12, 13]);
    expect(new Set(run.value.names)).toEqual(new Set(['Thread-1 (worker)', 'Thread-2 (worker)']));
  });

  it('AsyncResult on the virtual clock: get(timeout) raises TimeoutError, errors fail only their task', async () => {
    const run = await simulate(async () => {
      await using pool = new mp.ThreadPool(2);
      const slow = pool.applyAsync(async () => {
        await sleep(5);
        return 'slow';
      });
      const timedOut = await slow.get(1).catch((e: unknown) => e);
      const bad = pool.applyAsync(() => {
        throw new mp.ValueError('nope');
      });
      const badError = await bad.get().catch((e: unknown) => String(e));
      return { timedOut, badError, slow: await slow.get(), ok: slow.successful() };
    });
    expect(run.value.timedOut).toBeInstanceOf(mp.TimeoutError);
    expect(run.value.badError).toBe('ValueError: nope');
    expect(run.value.slow).toBe('slow');
    expect(run.value.ok).toBe(true);
    expect(run.elapsed).toBeCloseTo(5, 5);
  });

  it('CPU-bound tasks are not faster on threads (one runs at a time)', async () => {
    const pool = new mp.ThreadPool(2);
    const seen: string[] = [];
    const task = (label: string): string => {
      seen.push(`${label}-start`);
      seen.push(`${label}-end`);
      return label;
    };
    expect(await pool.map(task, ['a', 'b'], 1)).toEqual(['a', 'b']);
    // No await inside: a task runs to completion before another starts.
    expect(seen).toEqual(['a-start', 'a-end', 'b-start', 'b-end']);
    pool.terminate();
    await pool.join();
    await expect(pool.map(task, ['c'])).rejects.toThrow('Pool not running');
  });
});
