// Two green threads inside recv() on one Connection end at once: green threads never tear a message here,
// CPython's threads do (their reads interleave), so race detection records it, with both threads and lines.
import { describe, expect, it } from 'vitest';
import * as mp from '#runtime/multiprocessing';
import * as threading from '#runtime/threading';
import { watchRaces } from '#runtime/testing';
import { receiveFrom } from './fixtures/shared-end.ts';

/**
 * One thread per function in `receivers`, each receiving `each` messages, started before a sender thread that
 * sends `each` messages through every writer: the readers are already waiting in recv() when the first one comes.
 */
async function readTogether(receivers: Array<() => Promise<unknown>>, writers: mp.Connection[], each: number): Promise<unknown[][]> {
  const got: unknown[][] = receivers.map(() => []);
  const threads = receivers.map((receive, k) => new threading.Thread({
    name: `reader-${k + 1}`,
    target: async () => {
      for (let i = 0; i < each; i++) got[k]?.push(await receive());
    },
  }));
  for (const thread of threads) thread.start();
  const perWriter = (each * receivers.length) / writers.length;
  const sender = new threading.Thread({
    name: 'sender',
    target: () => writers.forEach((writer) => { for (let i = 0; i < perWriter; i++) writer.send(i); }),
  });
  sender.start();
  for (const thread of [...threads, sender]) await thread.join();
  return got;
}

describe('two threads using one Connection end', () => {
  it('records a second recv() while another thread waits in recv() on the same end, once per pair', async () => {
    const watch = watchRaces();
    const [reader, writer] = mp.Pipe(false);
    const got = await readTogether([() => receiveFrom(reader), () => receiveFrom(reader)], [writer], 3);
    expect(got.flat().sort()).toEqual([0, 1, 2, 3, 4, 5]);
    const shared = watch.sharedEnds();
    expect(shared).toHaveLength(1);
    expect(shared[0]).toMatchObject({ op: 'recv()', end: { readable: true, writable: false }, process: 'MainProcess', threads: ['reader-1', 'reader-2'] });
    expect(shared[0]?.sites[0]).toMatch(/fixtures[\\/]shared-end\.ts:\d+:\d+$/);
    expect(shared[0]?.sites[1]).toMatch(/fixtures[\\/]shared-end\.ts:\d+:\d+$/);
    expect(watch.races()).toEqual([]);
  });

  it('accepts the end guarded by a lock: one thread in recv() at a time', async () => {
    const watch = watchRaces();
    const [reader, writer] = mp.Pipe(false);
    const lock = new threading.Lock();
    const locked = async (): Promise<unknown> => {
      await lock.acquire();
      try {
        return await reader.recv();
      } finally {
        lock.release();
      }
    };
    const got = await readTogether([locked, locked], [writer], 3);
    expect(got.flat().sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(watch.sharedEnds()).toEqual([]);
  });

  it('accepts one pipe per thread, and one thread using an end again and again', async () => {
    const watch = watchRaces();
    const pipes = [mp.Pipe(false), mp.Pipe(false)];
    const got = await readTogether(pipes.map(([reader]) => () => reader.recv()), pipes.map(([, writer]) => writer), 3);
    expect(got).toEqual([[0, 1, 2], [0, 1, 2]]);
    expect(watch.sharedEnds()).toEqual([]);
  });

  it('only reports what happened after the watch began', async () => {
    const [reader, writer] = mp.Pipe(false);
    const before = watchRaces();
    await readTogether([() => reader.recv(), () => reader.recv()], [writer], 1);
    expect(before.sharedEnds()).toHaveLength(1);
    const watch = watchRaces();
    expect(watch.sharedEnds()).toEqual([]);
  });
});
