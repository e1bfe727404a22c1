// The test boundary for top-level code: what a hung program waits on, and a fresh program afterwards.
import { afterEach, expect, test } from 'vitest';
import * as mp from '#runtime/multiprocessing';
import { Queue } from '#runtime/queue';
import { Lock, Thread } from '#runtime/threading';
import { sleep } from '#runtime/time';
import { childWaits, endProgram, programState, simulate } from './index.ts';
import { waitForever } from './fixtures/boundary-targets.ts';

const TARGETS = new URL('./fixtures/boundary-targets.ts', import.meta.url);

/** Real time passes until `ready` holds (threads and children run on the real clock here), at most 10 s. */
async function until(ready: () => boolean): Promise<void> {
  for (let waited = 0; !ready() && waited < 10_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
}

afterEach(() => {
  endProgram();
});

test('a wait left behind by one test does not make the next one "already waiting"', async () => {
  const q = new Queue<number>();
  void q.get(); // MainThread parks here and nothing will ever put
  const state = programState();
  expect(state.waits).toEqual([
    expect.objectContaining({ who: 'MainThread', what: 'Queue.get()', outside: false }),
  ]);
  expect(state.waits[0]?.site).toMatch(/runtime[/\\]testing[/\\]boundary\.test\.ts:23:\d+$/);
  expect(state.cycle).toBeNull();

  endProgram();
  const fresh = new Queue<number>();
  await fresh.put(7);
  expect(await fresh.get()).toBe(7);
  expect(programState().waits).toEqual([]);
});

test('a deadlock between two threads is reported with its cycle', async () => {
  const a = new Lock();
  const b = new Lock();
  const crosswise = (first: Lock, second: Lock) => async (): Promise<void> => {
    await first.acquire();
    await sleep(0.01);
    await second.acquire();
  };
  const one = new Thread({ target: crosswise(a, b), name: 'one' });
  const two = new Thread({ target: crosswise(b, a), name: 'two' });
  one.start();
  two.start();
  void one.join();
  await until(() => programState().cycle !== null);
  const state = programState();
  expect(state.cycle).not.toBeNull();
  expect(new Set(state.cycle)).toEqual(new Set(['one', 'two']));
  expect(state.waits.map((w) => `${w.who} ${w.what}`).sort()).toEqual(['MainThread Thread.join() on one', 'one Lock.acquire()', 'two Lock.acquire()']);
});

test('a child process left waiting is described, then stopped by the next fresh program', async () => {
  const inbox = new mp.Queue<number>();
  const child = new mp.Process({ target: waitForever, args: [inbox], targetModule: TARGETS });
  child.start();
  void child.join();
  await until(() => programState().waits.length > 0);
  const state = programState();
  expect(state.waits).toEqual([expect.objectContaining({ who: 'MainThread', what: `Process.join() on ${child.name}`, outside: true })]);
  expect(state.waits[0]?.site).toMatch(/boundary\.test\.ts:62:\d+$/);
  expect(state.resources).toEqual([`${child.name} (target waitForever)`]);
  // Asked, the child says which call it is parked in, and the line of its target that made it (asked again
  // while it is still loading its module: then it waits on nothing yet).
  let children = await childWaits(5000);
  for (let tries = 0; tries < 50 && children[0]?.waits?.length === 0; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    children = await childWaits(5000);
  }
  expect(children).toEqual([{ name: child.name, label: `${child.name} (target waitForever)`, waits: [
    { who: 'MainThread', what: 'Queue.get()', site: expect.stringMatching(/fixtures[/\\]boundary-targets\.ts:6:\d+$/) as unknown },
  ] }]);

  endProgram();
  expect(mp.activeChildren()).toEqual([]);
  await child.join(); // a fresh MainThread may wait for it: it was terminated
  expect(child.exitcode).toBe(-15);
});

test('a simulation still running (a thread awaits a Promise outside the runtime) is described by its own waits', async () => {
  let release: () => void = () => {};
  const outside = new Promise<void>((resolve) => {
    release = resolve;
  });
  const running = simulate(async () => {
    const q = new Queue<number>();
    const waiter = new Thread({ target: async () => {
      await outside;
      await q.put(1);
    }, name: 'waiter' });
    waiter.start();
    expect(await q.get()).toBe(1);
    await waiter.join();
  });
  await until(() => programState().waits.length > 0);
  // Before: nothing of the program-level scheduler waits, so a deadline here said "a Promise outside the runtime".
  expect(programState().waits).toEqual([expect.objectContaining({ who: 'MainThread', what: 'Queue.get()' })]);
  release();
  await running;
  expect(programState().waits).toEqual([]);
});
