// Manager proxies (and the other objects CPython pickles) through mp.Queue and Pipe, and CPython's refusals.
// What is expected was measured on CPython 3.11 with the same programs (fixtures/channels-cpython.py, with its
// recorded output):
//   q.put(d) in the parent, d['child'] = ... in a child       -> the parent sees it
//   a child puts the proxy it received back on a queue       -> a new DictProxy to the same dict
//   a child's own Manager lends a list proxy to the parent   -> usable until the child's manager shuts down,
//                                                               then BrokenPipeError: [Errno 32] Broken pipe
//   ForkingPickler.dumps(mp.Lock()) (Queue feeder, Pipe.send, SimpleQueue.put, a Manager dict set) ->
//     RuntimeError: Lock objects should only be shared between processes through inheritance
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as mp from '#runtime/multiprocessing';
import {
  lendOwnManager,
  pipeProxyBack,
  putProxiesAndData,
  sendProxyBack,
  useProxyFromQueue,
} from './fixtures/channels-proxies.ts';

let m: mp.SyncManager;

beforeAll(async () => {
  m = await mp.Manager();
});

afterAll(async () => {
  await m.shutdown();
});

afterEach(async () => {
  for (const child of mp.activeChildren()) {
    child.kill();
    await child.join();
  }
});

describe('Manager proxies through a Queue', () => {
  it('a proxy put by the parent is used by a child to update the shared dict', async () => {
    const d = m.dict<string, unknown>({ n: 0 });
    const q = new mp.Queue<mp.DictProxy<string, unknown>>();
    await q.put(d);
    const p = new mp.Process({ target: useProxyFromQueue, args: [q] });
    p.start();
    await p.join();
    expect(p.exitcode).toBe(0);
    expect(await d.copy()).toEqual(new Map<string, unknown>([['n', 1], ['child', 'set by the child']]));
  });

  it('a proxy sent back by a child is a new proxy to the same object', async () => {
    const d = m.dict<string, unknown>({ n: 0 });
    const q = new mp.Queue<mp.DictProxy<string, unknown>>();
    const p = new mp.Process({ target: sendProxyBack, args: [d, q] });
    p.start();
    const back = await q.get();
    await p.join();
    expect(back).toBeInstanceOf(mp.DictProxy);
    expect(back).not.toBe(d);
    await back.set('back', true);
    expect(await d.keys()).toEqual(['n', 'back']);
  });

  it("a child's own manager lends a proxy to the parent until the child's manager shuts down", async () => {
    const q = new mp.Queue<mp.ListProxy<string>>();
    const done = new mp.Queue<null>();
    const p = new mp.Process({ target: lendOwnManager, args: [q, done] });
    p.start();
    const l = await q.get();
    await l.append('from the parent');
    expect(await l.copy()).toEqual(['from the child', 'from the parent']);
    await done.put(null);
    await p.join();
    expect(p.exitcode).toBe(0);
    await expect(l.append('x')).rejects.toThrow(new mp.BrokenPipeError('[Errno 32] Broken pipe'));
  });

  it('proxies inside other data, and in the same process (putNowait/getNowait)', () => {
    const d = m.dict<string, number>();
    const q = new mp.Queue<unknown>();
    q.putNowait({ proxies: [d, d], when: new Date(0) });
    const got = q.getNowait() as { proxies: [mp.DictProxy, mp.DictProxy]; when: Date };
    expect(got.proxies[0]).toBeInstanceOf(mp.DictProxy);
    expect(got.proxies[1]).toBe(got.proxies[0]);
    expect(got.when).toEqual(new Date(0));
  });

  it('proxies and plain items from two processes through one small queue: all arrive, proxies work', async () => {
    const d = m.dict<string, number>({ hits: 0 });
    const q = new mp.Queue<unknown>(0, { bufferBytes: 2048 });
    const n = 300;
    const producers = [0, 1].map((who) => new mp.Process({ target: putProxiesAndData, args: [q, d, who, n] }));
    for (const p of producers) p.start();
    const seen = new Set<string>();
    let proxies = 0;
    for (let k = 0; k < 2 * n; k++) {
      const item = (await q.get()) as { who: number; i: number; d?: mp.DictProxy<string, number> };
      seen.add(`${item.who}:${item.i}`);
      if (item.d !== undefined) {
        expect(item.d).toBeInstanceOf(mp.DictProxy);
        proxies++;
      }
      if (item.d !== undefined && proxies % 50 === 1) await item.d.set('hits', ((await item.d.get('hits')) ?? 0) + 1);
    }
    for (const p of producers) await p.join();
    expect(seen.size).toBe(2 * n);
    expect(proxies).toBe(2 * Math.ceil(n / 3));
    expect(await d.get('hits')).toBe(Math.ceil(proxies / 50));
  });

  it('a proxy through a Pipe, from a child to the parent', async () => {
    const d = m.dict<string, unknown>({ n: 7 });
    const [here, there] = mp.Pipe();
    const p = new mp.Process({ target: pipeProxyBack, args: [there, d] });
    p.start();
    const got = (await here.recv()) as { proxy: mp.DictProxy<string, unknown>; note: Map<string, string> };
    await p.join();
    expect(await got.proxy.get('n')).toBe(7);
    expect(got.note.get('why')).toMatch(/structured clone/);
  });

  it('a proxy stored in a managed dict comes back as a proxy (nested proxies)', async () => {
    const d = m.dict<string, unknown>();
    await d.set('inner', m.list([1]));
    const inner = (await d.get('inner')) as mp.ListProxy<number>;
    expect(inner).toBeInstanceOf(mp.ListProxy);
    await inner.append(2);
    expect(await ((await d.get('inner')) as mp.ListProxy<number>).copy()).toEqual([1, 2]);
  });
});

describe("what CPython refuses to pickle outside inheritance, with CPython's messages", () => {
  const refused: [string, () => unknown][] = [
    ['Lock', () => new mp.Lock()],
    ['RLock', () => new mp.RLock()],
    ['Semaphore', () => new mp.Semaphore()],
    ['BoundedSemaphore', () => new mp.BoundedSemaphore()],
    ['Condition', () => new mp.Condition()],
    ['Condition', () => new mp.Event()],
    ['Condition', () => new mp.Barrier(2)],
    ['Synchronized', () => new mp.Value('d', 0.0)],
    ['c_double', () => new mp.RawValue('d', 0.0)],
    ['c_int', () => new mp.Value('i', 0, { lock: false })],
    ['c_long', () => new mp.RawValue('q', 0)],
    ['SynchronizedArray', () => new mp.Array('i', 3)],
    ['SynchronizedString', () => new mp.Array('c', 2)],
    ['c_int_Array_3', () => new mp.RawArray('i', 3)],
    ['c_double_Array_2', () => new mp.Array('d', 2, { lock: false })],
    ['Queue', () => new mp.Queue()],
    ['JoinableQueue', () => new mp.JoinableQueue()],
    ['SimpleQueue', () => new mp.SimpleQueue()],
  ];

  it.each(refused)('%s objects: put on a Queue, sent through a Pipe, stored in a Manager', async (name, make) => {
    const message = `${name} objects should only be shared between processes through inheritance`;
    const q = new mp.Queue();
    await expect(q.put(make())).rejects.toThrow(new mp.RuntimeError(message));
    await expect(q.put({ nested: [make()] })).rejects.toThrow(mp.RuntimeError);
    expect(() => q.putNowait(make())).toThrow(new mp.RuntimeError(message));
    await expect(new mp.SimpleQueue().put(make())).rejects.toThrow(new mp.RuntimeError(message));
    const [a, b] = mp.Pipe();
    expect(() => a.send(make())).toThrow(new mp.RuntimeError(message));
    a.send('still usable');
    expect(await b.recv()).toBe('still usable');
    await expect(m.dict().set('k', make())).rejects.toThrow(new mp.RuntimeError(message));
    expect(() => m.list([make()])).toThrow(new mp.RuntimeError(message));
    expect(q.empty()).toBe(true);
  });

  it('a Connection goes through a Pipe (CPython too), but not through a Queue or a Manager (a Node limit)', async () => {
    const [x, y] = mp.Pipe();
    const [a, b] = mp.Pipe();
    a.send(x);
    const x2 = (await b.recv()) as mp.Connection;
    y.send('hi');
    expect(await x2.recv()).toBe('hi');

    const [keep, other] = mp.Pipe();
    const q = new mp.Queue();
    await expect(q.put(keep)).rejects.toThrow(/Connection cannot be sent through a Queue: its MessagePort must be transferred/);
    await expect(m.dict().set('conn', keep)).rejects.toThrow(/Connection cannot be sent through a Manager/);
    // Refused before anything was reduced: the end still works.
    expect(keep.closed).toBe(false);
    other.send('still connected');
    expect(await keep.recv()).toBe('still connected');
  });
});
