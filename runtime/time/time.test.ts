// #runtime/time against CPython 3.11: strftime output recorded from python3 (strftime-fixtures.py),
// sleep's errors, and every clock following the active scheduler (virtual inside simulate()).
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, test } from 'vitest';
import { DEFAULT_EPOCH, simulate } from '#runtime/testing';
import { Thread } from '#runtime/threading';
import { OverflowError, ctime, monotonic, monotonicNs, perfCounter, perfCounterNs, sleep, strftime, time, timeNs } from '#runtime/time';
import { ValueError } from '../python/index.ts';

interface StrftimeCase {
  tz: string;
  seconds: number;
  format: string;
  python: string;
}

const cases = JSON.parse(readFileSync(new URL('./strftime.fixtures.json', import.meta.url), 'utf8')) as StrftimeCase[];
const originalTz = process.env['TZ'];
afterAll(() => {
  if (originalTz === undefined) delete process.env['TZ'];
  else process.env['TZ'] = originalTz;
});

describe('strftime matches CPython 3.11', () => {
  for (const zone of [...new Set(cases.map((c) => c.tz))]) {
    test(`every recorded directive in TZ=${zone}`, () => {
      process.env['TZ'] = zone;
      const mismatches = cases
        .filter((c) => c.tz === zone)
        .map((c) => ({ ...c, ours: strftime(c.format, c.seconds) }))
        .filter((c) => c.ours !== c.python);
      expect(mismatches).toEqual([]);
    });
  }

  test('accepts a Date, and defaults to the active clock', async () => {
    process.env['TZ'] = 'UTC';
    expect(strftime('%Y-%m-%d %H:%M:%S', new Date(Date.UTC(2024, 1, 29, 13, 5, 9)))).toBe('2024-02-29 13:05:09');
    const { value } = await simulate(async () => {
      const before = strftime('%X');
      await sleep(61.5);
      return [before, strftime('%X'), ctime()];
    });
    expect(value).toEqual(['09:00:00', '09:01:01', 'Thu Jan  1 09:01:01 2026']);
  });

  test("rejects what Python's strftime rejects", () => {
    expect(() => strftime(5 as unknown as string)).toThrow(new TypeError('strftime() argument 1 must be str, not int'));
    expect(() => strftime('a\0b', 0)).toThrow(new ValueError('embedded null character'));
  });
});

describe('clocks follow the active scheduler', () => {
  test('time() is the epoch plus virtual seconds; monotonic and perfCounter measure durations', async () => {
    const { value, elapsed } = await simulate(async () => {
      const t0 = time();
      const m0 = monotonic();
      const p0 = perfCounter();
      await sleep(2.5);
      return {
        wall: time() - t0, mono: monotonic() - m0, perf: perfCounter() - p0, start: t0,
        ns: timeNs(), monoNs: monotonicNs(), perfNs: perfCounterNs(),
      };
    });
    expect(elapsed).toBe(2.5);
    expect(value.start).toBe(DEFAULT_EPOCH);
    expect(value).toMatchObject({ wall: 2.5, mono: 2.5, perf: 2.5 });
    expect(value.ns).toBe(BigInt((DEFAULT_EPOCH + 2.5) * 1e9));
    expect([value.monoNs, value.perfNs]).toEqual([2_500_000_000n, 2_500_000_000n]);
  });

  test('a custom epoch sets what time() starts from', async () => {
    const { value } = await simulate(() => time(), { epoch: 1_000 });
    expect(value).toBe(1_000);
  });

  test('sleeping threads overlap: three sleeps of 1, 2 and 3 s take 3 s', async () => {
    const { elapsed, value } = await simulate(async () => {
      const order: number[] = [];
      const threads = [3, 1, 2].map((s) => new Thread({ target: async () => { await sleep(s); order.push(s); } }));
      for (const t of threads) t.start();
      for (const t of threads) await t.join();
      return order;
    });
    expect(elapsed).toBe(3);
    expect(value).toEqual([1, 2, 3]);
  });

  test('sleep(0) lets the other runnable thread go first', async () => {
    const { value } = await simulate(async () => {
      const seen: string[] = [];
      const other = new Thread({ target: () => { seen.push('other'); } });
      other.start();
      await sleep(0);
      seen.push('main');
      await other.join();
      return seen;
    });
    expect(value).toEqual(['other', 'main']);
  });
});

describe("sleep's errors are Python's", () => {
  test.each([
    [-1, new ValueError('sleep length must be non-negative')],
    [NaN, new ValueError('Invalid value NaN (not a number)')],
    ['1', new TypeError("'str' object cannot be interpreted as an integer")],
    [null, new TypeError("'NoneType' object cannot be interpreted as an integer")],
    [[], new TypeError("'list' object cannot be interpreted as an integer")],
    [Infinity, new OverflowError('timestamp out of range for platform time_t')],
    [2 ** 70, new OverflowError('timestamp too large to convert to C _PyTime_t')],
  ])('sleep(%s)', async (seconds, error) => {
    const result = sleep(seconds as number);
    await expect(result).rejects.toThrow(error);
    await expect(result).rejects.toBeInstanceOf(error.constructor);
  });

  test('sleep(true) sleeps one second, as bool is an int in Python', async () => {
    const { elapsed } = await simulate(() => sleep(true as unknown as number));
    expect(elapsed).toBe(1);
  });
});
