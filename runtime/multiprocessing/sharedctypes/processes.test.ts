// Shared memory across real processes (worker isolates): the course's example, and lost updates that really
// happen without the lock and never with it.
import { describe, expect, it } from 'vitest';
import * as mp from '#runtime/multiprocessing';
import { Array as SharedArray, Event, Value } from '../index.ts';
import { increment, negate, raceUntilStopped } from './fixtures/targets.ts';
import { pyRepr } from '../../python/index.ts';

const targetModule = new URL('./fixtures/targets.ts', import.meta.url);

async function runAll(processes: mp.Process[]): Promise<void> {
  for (const p of processes) p.start();
  for (const p of processes) await p.join();
  for (const p of processes) expect(p.exitcode).toBe(0);
}

describe('Value and Array shared with child processes', () => {
  it("runs the course's example with CPython's output", async () => {
    const num = new Value('d', 0.0);
    const arr = new SharedArray('i', Array.from({ length: 10 }, (_, i) => i));
    await runAll([new mp.Process({ target: negate, args: [num, arr], targetModule })]);
    // CPython prints 3.1415927 and [0, -1, -2, -3, -4, -5, -6, -7, -8, -9]
    expect(num.value).toBe(3.1415927);
    expect(arr.toArray()).toEqual([0, -1, -2, -3, -4, -5, -6, -7, -8, -9]);
    // The same text as CPython's print(num.value) and print(arr[:]).
    expect(pyRepr(num.value)).toBe('3.1415927');
    expect(pyRepr(arr.toArray())).toBe('[0, -1, -2, -3, -4, -5, -6, -7, -8, -9]');
  });

  it('loses updates when two processes increment without the lock', async () => {
    // The loss needs the two loops to overlap in time: both wait for `go`, then run until `stop`, so they
    // overlap for the whole window however late a worker starts.
    for (let attempt = 1; ; attempt++) {
      const counter = new Value('i', 0);
      const done = new SharedArray('i', 2);
      const go = new Event();
      const stop = new Event();
      const ps = [0, 1].map((slot) => new mp.Process({ target: raceUntilStopped, args: [counter, done, slot, go, stop], targetModule }));
      for (const p of ps) p.start();
      while (done[0] !== -1 || done[1] !== -1) await new Promise((r) => setTimeout(r, 5));
      go.set();
      await new Promise((r) => setTimeout(r, 150));
      stop.set();
      for (const p of ps) await p.join();
      expect(ps.map((p) => p.exitcode)).toEqual([0, 0]);
      const attempted = (done[0] as number) + (done[1] as number);
      expect(attempted).toBeGreaterThan(0);
      expect(counter.value).toBeLessThanOrEqual(attempted);
      if (counter.value < attempted || attempt === 3) {
        expect(counter.value).toBeLessThan(attempted);
        return;
      }
    }
  });

  it('never loses an update under getLock()', async () => {
    const counter = new Value('i', 0);
    const ready = new Value('i', 0);
    const go = new Event();
    const times = 20_000;
    const ps = [0, 1].map(() => new mp.Process({ target: increment, args: [counter, ready, go, times, true], targetModule }));
    for (const p of ps) p.start();
    while (ready.value < 2) await new Promise((r) => setTimeout(r, 5));
    go.set();
    for (const p of ps) await p.join();
    expect(ps.map((p) => p.exitcode)).toEqual([0, 0]);
    expect(counter.value).toBe(2 * times);
  });
});
