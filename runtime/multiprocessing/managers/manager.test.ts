// Manager() and its proxies. Expected outputs and messages were recorded from CPython 3.11 running the same
// calls on multiprocessing.Manager() proxies.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as mp from '#runtime/multiprocessing';
import { BrokenBarrierError } from '#runtime/threading';
import { Thread } from '#runtime/threading';
import { KeyError, Manager, type SyncManager } from '../index.ts';
import { Empty, Full } from './errors.ts';
import { ConnectionRefusedError, ManagerConnection } from './connection.ts';
import { setSpinPolicy } from '../channels-spin.ts';
import { addUnderLock, appendFromPipe, f, managerInChild, record } from './fixtures/targets.ts';

const targetModule = new URL('./fixtures/targets.ts', import.meta.url);
let m: SyncManager;

beforeAll(async () => {
  m = await Manager();
});

afterAll(async () => {
  await m.shutdown();
});

describe('Manager data proxies', () => {
  it("runs the course's example and prints what CPython prints", async () => {
    const d = m.dict();
    const l = m.list(Array.from({ length: 10 }, (_, i) => i));
    const p = new mp.Process({ target: f, args: [d, l], targetModule });
    p.start();
    await p.join();
    expect(p.exitcode).toBe(0);
    expect(await d.repr()).toBe("{1: '1', '2': 2, 0.25: None}");
    expect(await l.repr()).toBe('[9, 8, 7, 6, 5, 4, 3, 2, 1, 0]');
  });

  it('dict: Python semantics and errors', async () => {
    const d = m.dict<unknown, unknown>([['a', 1]]);
    expect(await d.get('a')).toBe(1);
    expect(await d.get('zz')).toBeUndefined();
    expect(await d.get('zz', 0)).toBe(0);
    await expect(d.pop('x')).rejects.toThrow(KeyError);
    await expect(d.delete('x')).rejects.toThrow("'x'");
    expect(await d.pop('x', 5)).toBe(5);
    expect(await d.setdefault('k')).toBeNull();
    await d.update([[1, 2]]);
    await d.update({ b: 3 });
    expect(await d.items()).toEqual([['a', 1], ['k', null], [1, 2], ['b', 3]]);
    expect(await d.keys()).toEqual(['a', 'k', 1, 'b']);
    expect(await d.has(1)).toBe(true);
    expect(await d.has('1')).toBe(false);
    expect(await d.len()).toBe(4);
    const copy = await d.copy();
    expect(copy).toBeInstanceOf(Map);
    expect(copy.get('b')).toBe(3);
    await expect(d.set([1], 2)).rejects.toThrow("unhashable type: 'list'");
  });

  it('list: Python semantics and errors', async () => {
    const l = m.list<unknown>([3, 1, 2]);
    await expect(l.get(5)).rejects.toThrow('list index out of range');
    await expect(l.set(5, 1)).rejects.toThrow('list assignment index out of range');
    await expect(l.pop(7)).rejects.toThrow('pop index out of range');
    await expect(l.remove(9)).rejects.toThrow('list.remove(x): x not in list');
    await expect(l.index(9)).rejects.toThrow('9 is not in list');
    expect(await l.get(-1)).toBe(2);
    await l.sort();
    expect(await l.copy()).toEqual([1, 2, 3]);
    await l.sort({ reverse: true });
    await l.insert(100, 0);
    await l.insert(-100, 4);
    expect(await l.copy()).toEqual([4, 3, 2, 1, 0]);
    await l.append('a');
    await expect(l.sort()).rejects.toThrow("'<' not supported between instances of");
    expect(await l.pop()).toBe('a');
    await l.extend([1, 1]);
    expect(await l.count(1)).toBe(3);
    expect(await l.index(1)).toBe(3);
    await expect(m.list([]).pop()).rejects.toThrow('pop from empty list');
  });

  it('Namespace, Value and Array', async () => {
    const ns = m.Namespace({ b: 2, a: 'x' });
    await expect(ns.get('zz')).rejects.toThrow("'Namespace' object has no attribute 'zz'");
    await ns.set('c', [1]);
    expect(await ns.get('c')).toEqual([1]);
    expect(await ns.repr()).toBe("Namespace(a='x', b=2, c=[1])");
    const v = m.Value('i', 3);
    expect(await v.repr()).toBe("Value('i', 3)");
    await v.set(4);
    expect(await v.get()).toBe(4);
    const a = m.Array('i', [1, 2]);
    expect(await a.repr()).toBe("array('i', [1, 2])");
    await a.set(-1, 5);
    expect(await a.toArray()).toEqual([1, 5]);
    expect(await a.len()).toBe(2);
  });

  it('concurrent writers in three processes lose nothing under a manager Lock', async () => {
    const d = m.dict<string, number>();
    const lock = m.Lock();
    const log = m.list<string>();
    const n = 40;
    const ps = ['a', 'b', 'c'].map((who) => new mp.Process({ target: addUnderLock, args: [d, lock, log, who, n], targetModule }));
    for (const p of ps) p.start();
    for (const p of ps) await p.join();
    expect(ps.map((p) => p.exitcode)).toEqual([0, 0, 0]);
    expect(await d.get('count')).toBe(3 * n);
    const entries = await log.copy();
    expect(entries).toHaveLength(3 * n);
    expect(new Set(entries).size).toBe(3 * n);
  });
});

describe('Manager synchronisation proxies', () => {
  it("raises threading's errors", async () => {
    await expect(m.Lock().release()).rejects.toThrow('release unlocked lock');
    await expect(m.RLock().release()).rejects.toThrow('cannot release un-acquired lock');
    await expect(m.BoundedSemaphore(1).release()).rejects.toThrow('Semaphore released too many times');
    const c = m.Condition();
    await expect(c.wait()).rejects.toThrow('cannot wait on un-acquired lock');
    await expect(c.notify()).rejects.toThrow('cannot notify on un-acquired lock');
    expect(() => m.Semaphore(-1)).toThrow('semaphore initial value must be >= 0');
  });

  it('an RLock is owned by one green thread; another thread waits for it', async () => {
    const r = m.RLock();
    await r.acquire();
    await r.acquire();
    let got: boolean | null = null;
    const t = new Thread({ target: async () => { got = await r.acquire(true, 0.05); } });
    t.start();
    await t.join();
    expect(got).toBe(false);
    await r.release();
    await r.release();
    expect(await r.acquire(false)).toBe(true);
    await r.release();
  });

  it('Condition: notify wakes a thread waiting for a state change', async () => {
    const c = m.Condition();
    const box = m.Value('i', 0);
    let seen = 0;
    const t = new Thread({
      target: async () => {
        await c.acquire();
        await c.waitFor(async () => (await box.get()) !== 0, 5);
        seen = await box.get();
        await c.release();
      },
    });
    t.start();
    await new Promise((r) => setTimeout(r, 30));
    await c.acquire();
    await box.set(7);
    await c.notifyAll();
    await c.release();
    await t.join();
    expect(seen).toBe(7);
  });

  it('Event, Barrier and Semaphore', async () => {
    const e = m.Event();
    expect(await e.wait(0.01)).toBe(false);
    await e.set();
    expect(await e.wait()).toBe(true);
    const b = m.Barrier(2);
    await expect(b.wait(0.01)).rejects.toBeInstanceOf(BrokenBarrierError);
    expect(await b.broken()).toBe(true);
    await b.reset();
    const t = new Thread({ target: async () => { await b.wait(); } });
    t.start();
    const index = await b.wait(2);
    await t.join();
    expect([0, 1]).toContain(index);
    const s = m.Semaphore(1);
    expect(await s.acquire()).toBe(true);
    expect(await s.acquire(true, 0.01)).toBe(false);
    await s.release();
  });

  it('Queue and JoinableQueue: Empty, Full, taskDone, join', async () => {
    const q = m.Queue<number>(1);
    await expect(q.get(true, 0.01)).rejects.toBeInstanceOf(Empty);
    await q.put(1);
    await expect(q.put(2, true, 0.01)).rejects.toBeInstanceOf(Full);
    expect(await q.full()).toBe(true);
    expect(await q.getNowait()).toBe(1);
    const jq = m.JoinableQueue<string>();
    await expect(jq.taskDone()).rejects.toThrow('task_done() called too many times');
    await jq.put('job');
    const worker = new Thread({ target: async () => { await jq.get(); await jq.taskDone(); } });
    worker.start();
    await jq.join();
    await worker.join();
    expect(await jq.qsize()).toBe(0);
  });
});

describe('Manager proxies travelling between processes', () => {
  it('a proxy sent through a Pipe still reaches the same list', async () => {
    const l = m.list<string>();
    const [parentEnd, childEnd] = mp.Pipe();
    const p = new mp.Process({ target: appendFromPipe, args: [childEnd], targetModule });
    p.start();
    parentEnd.send(l);
    await p.join();
    expect(p.exitcode).toBe(0);
    expect(await l.copy()).toEqual(['from the child']);
  });

  it('proxies reach Pool workers as task arguments', async () => {
    const d = m.dict<string, number>();
    await using pool = new mp.Pool(2);
    const keys = await pool.starmap<string>(record, [1, 2, 3, 4, 5, 6].map((n) => [d, `k${n}`, n]));
    expect(keys).toEqual(['k1', 'k2', 'k3', 'k4', 'k5', 'k6']);
    expect(await d.copy()).toEqual(new Map([1, 2, 3, 4, 5, 6].map((n) => [`k${n}`, n * n])));
  });

  it('a call that reaches the server before its object is created waits for the creation', async () => {
    // What a Pool worker's call can do when its channel is served before the creating process's channel.
    const early = m.conn.call('early-object', 'len', [], 'test');
    m.conn.create('early-object', 'list', [[1, 2, 3]]);
    expect(await early).toBe(3);
  });

  it('a child process can run a Manager of its own', async () => {
    const out = m.dict<string, unknown>();
    const p = new mp.Process({ target: managerInChild, args: [out], targetModule });
    p.start();
    await p.join();
    expect(p.exitcode).toBe(0);
    expect(await out.get('sorted')).toEqual([1, 2, 3]);
  });
});

describe('Manager lifetime', () => {
  it('`await using` shuts the server down; proxies then fail with BrokenPipeError', async () => {
    let d: ReturnType<SyncManager['dict']>;
    {
      await using own = await Manager();
      d = own.dict();
      await d.set('x', 1);
      expect(await d.get('x')).toBe(1);
    }
    await expect(d.get('x')).rejects.toThrow('[Errno 32] Broken pipe');
  });

  it('a call still pending when `await using` ends fails with BrokenPipeError, however fast the server answers', async () => {
    setSpinPolicy('always'); // this process polls for replies: one can come within microseconds
    try {
      for (let i = 0; i < 5; i++) {
        let outcome: Promise<unknown>;
        {
          await using own = await Manager();
          const d = own.dict();
          await d.set('x', i);
          // No await: the manager shuts down first, as after a student's `return d.copy()`.
          outcome = d.copy().then(() => 'answered', (error: unknown) => String(error));
        }
        expect(await outcome).toBe('BrokenPipeError: [Errno 32] Broken pipe');
      }
    } finally {
      setSpinPolicy('auto');
    }
  });
});

describe('a proxy of a manager that is not there', () => {
  it('fails with ConnectionRefusedError when no server welcomes its process', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      const conn = ManagerConnection.to({ id: 'mp-manager-that-never-existed' });
      const call = conn.call('x', 'len', [], 'test');
      const outcome = call.then(() => 'answered', (error: unknown) => error);
      await vi.advanceTimersByTimeAsync(10_000);
      const error = await outcome;
      expect(error).toBeInstanceOf(ConnectionRefusedError);
      expect(String(error)).toBe('ConnectionRefusedError: [Errno 111] Connection refused');
    } finally {
      vi.useRealTimers();
    }
  });
});
