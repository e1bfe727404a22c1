// recordLifecycle and startAfterJoin: start/join events of threads and processes, in the order they were
// made, and the "start them all, then join them" check that does not depend on timing.
import { describe, expect, it } from 'vitest';
import * as mp from '#runtime/multiprocessing';
import { recordLifecycle, simulate, startAfterJoin, type LifecycleEvent } from '#runtime/testing';
import { Thread } from '#runtime/threading';
import { sleep } from '#runtime/time';

const nap = (): Promise<void> => sleep(0.1);

/** The events without their sites (checked on their own). */
const bare = (events: LifecycleEvent[]) => events.map(({ kind, what, name }) => ({ kind, what, name }));

describe('recordLifecycle', () => {
  it('records thread starts and joins in order, and the first start after a join', async () => {
    const { events } = await recordLifecycle(() => simulate(async () => {
      for (const name of ['a', 'b']) {
        const t = new Thread({ target: nap, name });
        t.start();
        await t.join();
      }
    }));
    expect(bare(events)).toEqual([
      { kind: 'start', what: 'Thread', name: 'a' },
      { kind: 'join', what: 'Thread', name: 'a' },
      { kind: 'start', what: 'Thread', name: 'b' },
      { kind: 'join', what: 'Thread', name: 'b' },
    ]);
    expect(startAfterJoin(events, 'Thread')).toEqual({ joined: 'a', started: 'b' });
    // Each event names the caller's line: the start of both threads on one line is the sign of a loop.
    expect(events.map((e) => e.site)).toEqual([
      'runtime/testing/lifecycle.test.ts:19:11',
      'runtime/testing/lifecycle.test.ts:20:17',
      'runtime/testing/lifecycle.test.ts:19:11',
      'runtime/testing/lifecycle.test.ts:20:17',
    ]);
  });

  it('accepts start all, then join all', async () => {
    const { events } = await recordLifecycle(() => simulate(async () => {
      const threads = ['a', 'b', 'c'].map((name) => new Thread({ target: nap, name }));
      for (const t of threads) t.start();
      for (const t of threads) await t.join();
    }));
    expect(events.filter((e) => e.kind === 'start')).toHaveLength(3);
    expect(startAfterJoin(events, 'Thread')).toBeNull();
  });

  it('records processes too, and stops recording when fn ends', async () => {
    const { events } = await recordLifecycle(async () => {
      const p = new mp.Process({ target: mp.cpuCount, name: 'child' });
      p.start();
      await p.join();
    });
    expect(bare(events)).toEqual([{ kind: 'start', what: 'Process', name: 'child' }, { kind: 'join', what: 'Process', name: 'child' }]);
    expect(events.map((e) => /lifecycle\.test\.ts:\d+/.exec(e.site ?? '')?.[0])).toEqual(['lifecycle.test.ts:52', 'lifecycle.test.ts:53']);
    expect(startAfterJoin(events, 'Thread')).toBeNull();
    const later = new Thread({ target: () => undefined });
    later.start();
    await later.join();
    expect(events).toHaveLength(2);
  });
});
