import { afterEach, describe, expect, it } from 'vitest';
import * as mp from '#runtime/multiprocessing';
import { MessageChannel } from 'node:worker_threads';
import { URLS, countUntilEof, doubler, echoMixed, sendUrls } from './fixtures/pipes.ts';
import { dumps, loads, type Pickled } from './reduction.ts';

afterEach(async () => {
  for (const child of mp.activeChildren()) {
    child.kill();
    await child.join();
  }
});

describe('Pipe', () => {
  it("runs the course's Pipe example: the parent receives the child's list", async () => {
    const [parentConn, childConn] = mp.Pipe();
    const p = new mp.Process({ target: sendUrls, args: [childConn] });
    p.start();
    expect(await parentConn.recv()).toEqual(URLS);
    await p.join();
    expect(p.exitcode).toBe(0);
    // The child closed its end: nothing more will come.
    await expect(parentConn.recv()).rejects.toBeInstanceOf(mp.EOFError);
  });

  it('carries a request/response protocol between processes, in order', async () => {
    const [here, there] = mp.Pipe();
    const p = new mp.Process({ target: doubler, args: [there] });
    p.start();
    for (let i = 0; i < 100; i++) {
      here.send(i);
      expect(await here.recv()).toBe(i * 2);
    }
    here.send(null);
    await p.join();
    expect(await here.poll(1)).toBe(true); // EOF counts as readable, as in Python
    await expect(here.recv()).rejects.toThrow(mp.EOFError);
  });

  it('delivers everything sent before close(), then EOFError (one-way pipe to a child)', async () => {
    const [reader, writer] = mp.Pipe(false);
    const [reportIn, reportOut] = mp.Pipe(false);
    const p = new mp.Process({ target: countUntilEof, args: [reader, reportOut] });
    p.start();
    for (let i = 0; i < 1000; i++) writer.send({ i });
    writer.close();
    expect(await reportIn.recv()).toEqual([1000, 'EOFError']);
    await p.join();
  });

  it("moves a reader whose writer has just closed, whatever the moment (Node's close lands before its event)", async () => {
    // Node detaches a port once its peer's close is processed, a few event-loop turns before the 'close' event:
    // a Process started in that window used to die of DataCloneError. Sweep the moments around it.
    for (let turns = 0; turns < 6; turns++) {
      for (let round = 0; round < 25; round++) {
        const [reader, writer] = mp.Pipe(false);
        for (let i = 0; i < 50; i++) writer.send(i);
        writer.close();
        for (let t = 0; t < turns; t++) await new Promise((resolve) => setImmediate(resolve));
        const carrier = new MessageChannel();
        const { pickled, transfer } = dumps([reader]);
        carrier.port1.postMessage(pickled, transfer);
        const moved = await new Promise<Pickled>((resolve) => carrier.port2.once('message', resolve));
        carrier.port1.close();
        const [there] = loads(moved) as [mp.Connection];
        const got: unknown[] = [];
        for (;;) {
          try {
            got.push(await there.recv());
          } catch (error) {
            expect(error).toBeInstanceOf(mp.EOFError);
            break;
          }
        }
        expect(got).toEqual(Array.from({ length: 50 }, (_, i) => i));
        there.close();
      }
    }
  });

  it("refuses the wrong direction on a one-way pipe with Python's OSError messages", async () => {
    const [reader, writer] = mp.Pipe(false);
    expect(reader.readable && !reader.writable).toBe(true);
    expect(() => reader.send(1)).toThrow(new mp.OSError('connection is read-only'));
    await expect(writer.recv()).rejects.toThrow(new mp.OSError('connection is write-only'));
    await expect(writer.poll()).rejects.toThrow('connection is write-only');
    reader.close();
    await expect(reader.recv()).rejects.toThrow(new mp.OSError('handle is closed'));
    // As with a kernel pipe, the writer knows at once (not when the port's 'close' event comes).
    expect(() => writer.send(1)).toThrow(new mp.BrokenPipeError('[Errno 32] Broken pipe'));
  });

  it('poll() waits at most its timeout, and sees data sent meanwhile', async () => {
    const [a, b] = mp.Pipe();
    expect(await a.poll()).toBe(false);
    const t0 = performance.now();
    expect(await a.poll(0.05)).toBe(false);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(45);
    setTimeout(() => b.send('late'), 20);
    expect(await a.poll(5)).toBe(true);
    expect(await a.recv()).toBe('late');
    a.close();
    b.close();
  });

  it('copies objects: later changes on one side do not show on the other', async () => {
    const [a, b] = mp.Pipe();
    const obj = { list: [1, 2] };
    a.send(obj);
    obj.list.push(3);
    expect(await b.recv()).toEqual({ list: [1, 2] });
    a.close();
    b.close();
  });

  it('keeps the order of small, large, structured and port-carried messages, past a full lane, both ways', async () => {
    const [here, there] = mp.Pipe();
    const p = new mp.Process({ target: echoMixed, args: [there] });
    p.start();
    // The child is up before a Connection goes through (one sent while `there` is still on its way to the
    // child fails in the child's deserialization: a Node limitation, noted in the issue).
    here.send('ready?');
    expect(await here.recv()).toBe('ready?');
    const [mine, theirs] = mp.Pipe();
    const big = 'x'.repeat(40_000); // larger than a lane takes: through the port
    const sent: unknown[] = [];
    // A burst nobody reads yet: 200 x ~1 KiB fills the 64 KiB lane, the rest takes the port.
    for (let i = 0; i < 200; i++) sent.push({ i, pad: 'p'.repeat(1000) });
    sent.push(big, new Map([[1, 'one']]), 7, theirs, 'after the connection', big, -0, 8);
    for (const m of sent) here.send(m);
    const back: unknown[] = [];
    for (let i = 0; i < sent.length; i++) back.push(await here.recv());
    expect(back).toEqual(sent.map((m) => (m === theirs ? 'a connection' : m)));
    expect(Object.is(back.at(-2), -0)).toBe(true);
    expect(await mine.recv()).toBe('hello through you');
    here.send(null);
    await p.join();
    expect(p.exitcode).toBe(0);
    await expect(here.recv()).rejects.toBeInstanceOf(mp.EOFError);
  });

  it('a close() reaches the other end at once: recv() sees EOF and send() BrokenPipeError without waiting', async () => {
    const [a, b] = mp.Pipe();
    a.send('before');
    a.close();
    expect(await b.poll()).toBe(true);
    expect(await b.recv()).toBe('before');
    await expect(b.recv()).rejects.toBeInstanceOf(mp.EOFError);
    const [c, d] = mp.Pipe();
    c.close();
    expect(() => d.send(1)).toThrow(mp.BrokenPipeError);
  });
});

describe('poll(timeout)', () => {
  it('waits out its timeout through a stale wake-up (a WAKE that arrives after its message was read)', async () => {
    const [mine, theirs] = mp.Pipe();
    try {
      const started = performance.now();
      const polling = mine.poll(0.3);
      await new Promise((resolve) => setTimeout(resolve, 50));
      // What a late WAKE message does: release every parked waiter of this end with nothing to read.
      (mine as unknown as { _wake(): void })._wake();
      expect(await polling).toBe(false);
      expect(performance.now() - started).toBeGreaterThanOrEqual(290);
      theirs.send('late');
      expect(await mine.poll(5)).toBe(true);
    } finally {
      mine.close();
      theirs.close();
    }
  });
});
