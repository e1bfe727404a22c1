// A Pipe end given to a child in Process args belongs to that child from start() on. CPython's parent keeps a
// copy (a duplicated descriptor) that it closes after start(); two processes using one end at once can
// corrupt its data (the unit's warning; CPython then fails with UnpicklingError). Here an end lives in one
// process: closing the parent's "copy" is harmless, and a second process or the parent using it fails at once
// with an OSError that names who has it.
import { afterEach, describe, expect, it } from 'vitest';
import * as mp from '#runtime/multiprocessing';
import { recordLifecycle } from '#runtime/testing';
import { URLS, sendUrls } from './fixtures/pipes.ts';

afterEach(async () => {
  for (const child of mp.activeChildren()) {
    child.kill();
    await child.join();
  }
});

describe('a Pipe end handed to a child', () => {
  it("survives CPython's idiom of closing the parent's copy right after start()", async () => {
    const [reader, writer] = mp.Pipe(false);
    const p = new mp.Process({ target: sendUrls, args: [writer] });
    p.start();
    writer.close();
    expect(writer.closed).toBe(true);
    expect(await reader.recv()).toEqual(URLS);
    await p.join();
    expect(p.exitcode).toBe(0);
    await expect(reader.recv()).rejects.toBeInstanceOf(mp.EOFError);
  });

  it('cannot go to a second process: start() raises OSError naming the first, and starts nothing', async () => {
    const [reader, writer] = mp.Pipe(false);
    const first = new mp.Process({ target: sendUrls, args: [writer] });
    first.start();
    const second = new mp.Process({ target: sendUrls, args: [writer] });
    expect(() => second.start()).toThrow(mp.OSError);
    expect(() => second.start()).toThrow(`this end of the Pipe was handed to ${first.name}`);
    expect(second.pid).toBeNull();
    expect(await reader.recv()).toEqual(URLS);
    await first.join();
  });

  it('cannot be used by the parent any more, right after start()', async () => {
    const [reader, writer] = mp.Pipe(false);
    const p = new mp.Process({ target: sendUrls, args: [writer] });
    p.start();
    expect(() => writer.send('mine too')).toThrow(/^handle is closed: this end of the Pipe was handed to Process-\d+/);
    expect(await reader.recv()).toEqual(URLS);
    await p.join();
  });

  it('is listed with what it can do in the lifecycle record of the start', async () => {
    const { events } = await recordLifecycle(async () => {
      const [reader, writer] = mp.Pipe(false);
      const [here, there] = mp.Pipe();
      const p = new mp.Process({ target: sendUrls, args: [writer] });
      const q = new mp.Process({ target: sendUrls, args: [there] });
      p.start();
      q.start();
      await reader.recv();
      await here.recv();
      await p.join();
      await q.join();
    });
    const starts = events.filter((e) => e.kind === 'start');
    expect(starts.map((e) => e.pipeEnds)).toEqual([[{ readable: false, writable: true }], [{ readable: true, writable: true }]]);
  });
});
