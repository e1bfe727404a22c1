// Stress for the Queue's shared-memory ring (ring.ts): several producer processes and the main thread put
// items of many sizes, in both encodings, into a 4 KiB ring (records straddle the wrap point constantly; puts
// wait for room), while consumer processes and the main thread take them. Every item must arrive exactly once
// and intact. Written to hunt the "Unable to deserialize cloned data" seen once under heavy load in session 1.
import { afterEach, expect, it } from 'vitest';
import * as mp from '#runtime/multiprocessing';
import { checkItem, makeItem, stressConsume, stressProduce, type StressItem } from './fixtures/channels-ring.ts';

afterEach(async () => {
  for (const child of mp.activeChildren()) {
    child.kill();
    await child.join();
  }
});

it('producers and consumers in several processes, items straddling the wrap point: each once, intact', async () => {
  const perProducer = 1500;
  const producers = 3; // child processes; the main thread is producer number 3
  const maxPad = 700; // up to ~2.1 KB of UTF-8 per item in a 4 KiB ring
  const q = new mp.Queue<StressItem>(0, { bufferBytes: 4096 });
  const seen = new SharedArrayBuffer(4 * ((producers + 1) * perProducer + 1));
  const makers = Array.from({ length: producers }, (_, who) => new mp.Process({ target: stressProduce, args: [q, who, perProducer, maxPad] }));
  const takers = [0, 1].map(() => new mp.Process({ target: stressConsume, args: [q, seen, perProducer] }));
  for (const p of [...makers, ...takers]) p.start();
  const counts = new Int32Array(seen);
  const problems: string[] = [];
  // The main thread both puts its own items and takes some (its lock spins instead of sleeping).
  for (let seq = 0; seq < perProducer; seq++) {
    await q.put(makeItem(producers, seq, maxPad), true, 10); // Full after 10 s: the consumers are gone
    if (seq % 3 === 0) {
      // Never a blocking get here: the consumer processes may have taken everything.
      let item: StressItem;
      try {
        item = q.getNowait();
      } catch (error) {
        if (error instanceof mp.Empty) continue;
        throw error;
      }
      const problem = checkItem(item);
      if (problem !== null) problems.push(problem);
      else if (item !== null) Atomics.add(counts, item.who * perProducer + item.seq, 1);
    }
  }
  for (const p of makers) await p.join();
  await q.put(null);
  await q.put(null);
  for (const p of takers) await p.join();
  expect(problems).toEqual([]);
  expect([...makers, ...takers].map((p) => p.exitcode)).toEqual([0, 0, 0, 0, 0]);
  expect(counts[counts.length - 1]).toBe(0);
  const wrong = counts.subarray(0, counts.length - 1).findIndex((c) => c !== 1);
  expect(wrong).toBe(-1);
  expect(q.qsize()).toBe(0);
}, 30_000);
