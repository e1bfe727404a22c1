// PriorityQueue against CPython 3.11: Python's ordering of numbers, strings and tuples (arrays), heapq's exact
// pop order for equal items (fixtures/priority-order.py), and Python's TypeError for items that cannot be ordered.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { simulate } from '#runtime/testing';
import { Thread } from '#runtime/threading';
import { sleep } from '#runtime/time';
import { PriorityQueue } from '#runtime/queue';
import { pyLess } from './ordering.ts';

function drain<T>(q: PriorityQueue<T>): T[] {
  const out: T[] = [];
  while (!q.empty()) out.push(q.getNowait());
  return out;
}

describe('ordering', () => {
  test('numbers, strings and [priority, data] pairs come out smallest first', () => {
    const numbers = new PriorityQueue<number>();
    for (const x of [5, -1, 3.5, 10, 0, 3]) numbers.putNowait(x);
    expect(drain(numbers)).toEqual([-1, 0, 3, 3.5, 5, 10]);

    const words = new PriorityQueue<string>();
    for (const x of ['pear', 'Apple', 'apple', 'banana', 'ápice', '']) words.putNowait(x);
    expect(drain(words)).toEqual(['', 'Apple', 'apple', 'banana', 'pear', 'ápice']);

    const tasks = new PriorityQueue<[number, string]>();
    for (const t of [[2, 'write'], [1, 'read'], [2, 'close'], [0, 'open'], [1, 'parse']] as Array<[number, string]>) {
      tasks.putNowait(t);
    }
    expect(drain(tasks)).toEqual([[0, 'open'], [1, 'parse'], [1, 'read'], [2, 'close'], [2, 'write']]);
  });

  test('tuples compare element by element, a shorter prefix first', () => {
    expect(pyLess([1, 2], [1, 2, 0])).toBe(true);
    expect(pyLess([1, 2, 0], [1, 2])).toBe(false);
    expect(pyLess([1, [2, 'a']], [1, [2, 'b']])).toBe(true);
    expect(pyLess([1, 'x'], [1, 'x'])).toBe(false);
    expect(pyLess(true, 2)).toBe(true);
    expect(pyLess(1n, 1.5)).toBe(true);
    expect(pyLess(new Date(1), new Date(2))).toBe(true);
    // Code points, not UTF-16 units: U+1F600 sorts after U+FF5E in Python.
    expect(pyLess('\uff5e', '\u{1f600}')).toBe(true);
  });

  test("equal items pop in CPython's heapq order", () => {
    const recorded = readFileSync(new URL('./fixtures/priority-order.json', import.meta.url), 'utf8');
    const runs = JSON.parse(recorded) as Array<[Array<number | boolean>, Array<number | boolean>]>;
    expect(runs.length).toBeGreaterThan(0);
    for (const [pushed, poppedByPython] of runs) {
      const q = new PriorityQueue<number | boolean>();
      for (const item of pushed) q.putNowait(item);
      expect(drain(q)).toEqual(poppedByPython);
    }
  });
});

describe("Python's TypeError for items that cannot be ordered", () => {
  test.each([
    [[[1, 'a']], [1, 2], "'<' not supported between instances of 'int' and 'str'"],
    [[[1, 2]], ['x'], "'<' not supported between instances of 'str' and 'int'"],
    [[{}], {}, "'<' not supported between instances of 'dict' and 'dict'"],
    [[1], null, "'<' not supported between instances of 'NoneType' and 'int'"],
    [[[1]], 1, "'<' not supported between instances of 'int' and 'list'"],
  ])('after %j, putting %j', (before: unknown[], item: unknown, message: string) => {
    const q = new PriorityQueue<unknown>();
    for (const x of before) q.putNowait(x);
    expect(() => q.putNowait(item)).toThrow(new TypeError(message));
  });

  test('objects as data need a tie-breaker, as in Python: [priority, counter, object]', () => {
    class Job {}
    const bare = new PriorityQueue<[number, Job]>();
    bare.putNowait([1, new Job()]);
    expect(() => bare.putNowait([1, new Job()])).toThrow("'<' not supported between instances of 'Job' and 'Job'");
    const job = new Job();
    const safe = new PriorityQueue<[number, number, Job]>();
    safe.putNowait([1, 0, job]);
    safe.putNowait([1, 1, new Job()]);
    expect(safe.getNowait()[2]).toBe(job);
  });

  test('like heapq, an item whose comparison failed stays in the queue', () => {
    const q = new PriorityQueue<unknown>();
    q.putNowait(1);
    expect(() => q.putNowait('a')).toThrow(TypeError);
    expect(q.qsize()).toBe(2);
    expect(q.unfinishedTasks).toBe(1);
  });
});

test('a consumer blocked on an empty PriorityQueue gets the most urgent item put meanwhile', async () => {
  const { value } = await simulate(async () => {
    const q = new PriorityQueue<[number, string]>();
    const got: string[] = [];
    const worker = new Thread({
      target: async () => {
        for (let i = 0; i < 3; i++) got.push((await q.get())[1]);
      },
    });
    worker.start();
    await sleep(1);
    q.putNowait([3, 'low']); // wakes the worker, which runs only when main next waits
    q.putNowait([1, 'urgent']);
    q.putNowait([2, 'normal']);
    await worker.join();
    return got;
  });
  expect(value).toEqual(['urgent', 'normal', 'low']);
});
