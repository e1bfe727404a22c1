import { afterEach, describe, expect, it } from 'vitest';
import * as mp from '#runtime/multiprocessing';
import { URLS, countUntilEof, doubler, sendUrls } from './fixtures/pipes.ts';

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

  it("refuses the wrong direction on a one-way pipe with Python's OSError messages", async () => {
    const [reader, writer] = mp.Pipe(false);
    expect(reader.readable && !reader.writable).toBe(true);
    expect(() => reader.send(1)).toThrow(new mp.OSError('connection is read-only'));
    await expect(writer.recv()).rejects.toThrow(new mp.OSError('connection is write-only'));
    await expect(writer.poll()).rejects.toThrow('connection is write-only');
    reader.close();
    await expect(reader.recv()).rejects.toThrow(new mp.OSError('handle is closed'));
    // The peer's close reaches this end as an event (a kernel would know at once).
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(() => writer.send(1)).toThrow(mp.BrokenPipeError);
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
});
