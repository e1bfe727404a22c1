import { describe, expect, it } from 'vitest';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { RuntimeError } from './errors.ts';
import { dumps, loads, registerReducer, type Pickled } from './reduction.ts';

class Counter {
  shared: Int32Array;
  constructor(shared: Int32Array) {
    this.shared = shared;
  }
}
class SubCounter extends Counter {}
class Inherited {
  readonly id = 1;
}

class PortHolder {
  port: MessagePort;
  constructor(port: MessagePort) {
    this.port = port;
  }
}

registerReducer({
  tag: 'test.Counter',
  type: Counter,
  reduce: (c) => ({ data: c.shared }),
  rebuild: (data) => new Counter(data as Int32Array),
});
let portHoldersReduced = 0;
registerReducer({
  tag: 'test.PortHolder',
  type: PortHolder,
  transfers: true,
  reduce: (h) => {
    portHoldersReduced++;
    return { data: h.port, transfer: [h.port] };
  },
  rebuild: (data) => new PortHolder(data as MessagePort),
});

registerReducer({
  tag: 'test.Inherited',
  type: Inherited,
  inheritanceOnly: () => 'Inherited',
  reduce: () => ({ data: null }),
  rebuild: () => new Inherited(),
});

/** Send through a real MessageChannel, as postMessage to a worker would. */
async function roundTrip(value: unknown): Promise<unknown> {
  const { port1, port2 } = new MessageChannel();
  try {
    const { pickled, transfer } = dumps(value);
    const received = new Promise<Pickled>((resolve) => port2.once('message', resolve));
    port1.postMessage(pickled, transfer);
    return loads(await received);
  } finally {
    port1.close();
    port2.close();
  }
}

describe('reduction', () => {
  it('leaves plain data alone (no copy before structured clone)', () => {
    const value = { a: [1, 2, { b: 'x' }], m: new Map([[1, 2]]) };
    const { pickled, transfer } = dumps(value);
    expect(pickled.reduced).toBe(false);
    expect(pickled.value).toBe(value);
    expect(transfer).toEqual([]);
  });

  it('rebuilds registered objects so they still share memory, at any depth and for subclasses', async () => {
    const shared = new Int32Array(new SharedArrayBuffer(4));
    const c = new SubCounter(shared);
    const back = (await roundTrip({ args: [1, [c]], again: c })) as { args: [number, [Counter]]; again: Counter };
    expect(back.args[1][0]).toBeInstanceOf(Counter);
    expect(back.again).toBe(back.args[1][0]);
    back.again.shared[0] = 42;
    expect(shared[0]).toBe(42);
  });

  it('transfers the ports a reducer asks for', async () => {
    const { port1, port2 } = new MessageChannel();
    const back = (await roundTrip([new PortHolder(port1)])) as [PortHolder];
    const got = new Promise((resolve) => back[0].port.once('message', resolve));
    port2.postMessage('ping');
    expect(await got).toBe('ping');
    back[0].port.close();
    port2.close();
  });

  it('keeps cycles and Map/Set contents', async () => {
    const shared = new Int32Array(new SharedArrayBuffer(4));
    const node: Record<string, unknown> = { c: new Counter(shared) };
    node.self = node;
    node.m = new Map([['k', new Counter(shared)]]);
    node.s = new Set([node.c]);
    const back = (await roundTrip(node)) as { self: unknown; c: Counter; m: Map<string, Counter>; s: Set<Counter> };
    expect(back.self).toBe(back);
    expect(back.m.get('k')).toBeInstanceOf(Counter);
    expect([...back.s][0]).toBe(back.c);
  });

  it('fails clearly when the receiving side does not know the tag', () => {
    expect(() => loads({ value: { __mp_reduced__: 'nope', data: 1 }, reduced: true })).toThrow(/nope/);
  });

  it("applies CPython's policy: inheritance-only objects only as Process arguments, ports only by postMessage", () => {
    const inherited = { deep: [new Inherited()] };
    expect(dumps(inherited).pickled.reduced).toBe(true);
    expect(() => dumps(inherited, { spawning: false })).toThrow(
      new RuntimeError('Inherited objects should only be shared between processes through inheritance'),
    );
    const { port1, port2 } = new MessageChannel();
    const before = portHoldersReduced;
    expect(() => dumps([1, new PortHolder(port1)], { spawning: false, portless: 'a Queue' })).toThrow(
      /PortHolder cannot be sent through a Queue/,
    );
    expect(portHoldersReduced).toBe(before); // checked before any reducer ran: nothing was detached
    expect(dumps(new PortHolder(port1), { spawning: false }).transfer).toEqual([port1]);
    port1.close();
    port2.close();
  });
});
