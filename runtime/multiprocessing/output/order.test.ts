// Output of different processes reaches the parent in the order it was printed: each printed chunk takes a
// number from one counter shared by the whole process tree (output/order.ts), and the main program shows
// chunks in number order. Children printing in turns under an mp.Lock must appear in those turns.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as mp from '#runtime/multiprocessing';
import { simulate } from '#runtime/testing';
import { OutputOrder } from './order.ts';
import { setMissingOutputWait } from './relay.ts';
import { printTurns, say, takeNumberAndHang } from '../fixtures/output-turns.ts';

afterEach(async () => {
  mp.setChildOutputSink(null);
  for (const child of mp.activeChildren()) {
    child.kill();
    await child.join();
  }
});

const TURNS = 600;

async function playTurns(players: number): Promise<void> {
  const lock = new mp.Lock();
  const turn = new mp.Value('i', 0, { lock: false });
  const children = Array.from(
    { length: players },
    (_, me) => new mp.Process({ target: printTurns, args: [lock, turn, me, players, TURNS] }),
  );
  for (const c of children) c.start();
  for (const c of children) await c.join();
  expect(children.map((c) => c.exitcode)).toEqual(children.map(() => 0));
}

const expected = (players: number): string[] => Array.from({ length: TURNS }, (_, n) => `${n} ${n % players}`);

function sinkLines(): string[] {
  const lines: string[] = [];
  mp.setChildOutputSink((out) => lines.push(...out.text.split('\n').filter((l) => l !== '')));
  return lines;
}

async function until(condition: () => boolean, seconds: number): Promise<void> {
  const deadline = performance.now() + seconds * 1000;
  while (!condition() && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
}

describe('output order across processes', () => {
  it('lines printed in turns under a shared lock reach the parent in those turns', async () => {
    const lines = sinkLines();
    await playTurns(2);
    expect(lines).toEqual(expected(2));
  });

  it('three players, and inside simulate() with the parent printing around them', async () => {
    const run = await simulate(async () => {
      console.log('start');
      await playTurns(3);
      console.log('end');
    });
    expect(run.output).toEqual(['start', ...expected(3), 'end']);
  });

  it('the main process takes its turns too, inside simulate()', async () => {
    const run = await simulate(async () => {
      const lock = new mp.Lock();
      const turn = new mp.Value('i', 0, { lock: false });
      const children = [1, 2].map((me) => new mp.Process({ target: printTurns, args: [lock, turn, me, 3, TURNS] }));
      for (const c of children) c.start();
      // Yielding to the event loop while waiting for its turn lets the children's launch proceed.
      await printTurns(lock, turn, 0, 3, TURNS, true);
      for (const c of children) await c.join();
    });
    expect(run.output).toEqual(expected(3));
  });

  it("a program's own stdout takes its turns with its children's", async () => {
    const program = fileURLToPath(new URL('../fixtures/output-program.ts', import.meta.url));
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, ['--import', 'tsx', program, String(TURNS)], { timeout: 60_000 }, (error, out, err) => {
        if (error !== null) reject(new Error(`${error.message}\n${err}`));
        else resolve(out);
      });
    });
    expect(stdout.split('\n').filter((l) => l !== '')).toEqual([...expected(3), 'done']);
  }, 60_000);

  it('a number taken and never posted holds later output only for the bounded wait', async () => {
    const lines = sinkLines();
    const previous = setMissingOutputWait(150);
    try {
      const taken = new mp.Event();
      const hung = new mp.Process({ target: takeNumberAndHang, args: [taken] });
      hung.start();
      expect(await taken.wait(20)).toBe(true);
      const t0 = performance.now();
      const speaker = new mp.Process({ target: say, args: ['after the gap'] });
      speaker.start();
      await until(() => lines.length > 0, 10);
      expect(lines).toEqual(['after the gap']);
      expect(performance.now() - t0).toBeGreaterThanOrEqual(100); // it was held, then the gap was given up
      expect(hung.isAlive()).toBe(true);
      await speaker.join();
    } finally {
      setMissingOutputWait(previous);
    }
  });

  it("a child's exit gives up the number it took last at once", async () => {
    const lines = sinkLines();
    const previous = setMissingOutputWait(60_000);
    try {
      const taken = new mp.Event();
      const hung = new mp.Process({ target: takeNumberAndHang, args: [taken] });
      hung.start();
      expect(await taken.wait(20)).toBe(true);
      const speaker = new mp.Process({ target: say, args: ['after the kill'] });
      speaker.start();
      await until(() => !speaker.isAlive(), 10);
      await new Promise((r) => setTimeout(r, 50));
      expect(lines).toEqual([]); // held behind the missing number
      hung.kill();
      await hung.join();
      await until(() => lines.length > 0, 5);
      expect(lines).toEqual(['after the kill']);
      await speaker.join();
    } finally {
      setMissingOutputWait(previous);
    }
  });
});

describe('OutputOrder', () => {
  it('shows a chunk at once when nothing before it is missing', () => {
    const shown: number[] = [];
    const order = new OutputOrder();
    for (const n of [0, 1, 2]) order.accept(n, () => shown.push(n));
    expect(shown).toEqual([0, 1, 2]);
  });

  it('holds a chunk that overtook an earlier number until that number arrives', () => {
    const shown: number[] = [];
    const order = new OutputOrder();
    order.accept(2, () => shown.push(2));
    order.accept(1, () => shown.push(1));
    expect(shown).toEqual([]);
    order.accept(0, () => shown.push(0));
    expect(shown).toEqual([0, 1, 2]);
  });

  it('gives a missing number up after the bounded wait, and shows a late one at once', () => {
    vi.useFakeTimers();
    try {
      const shown: number[] = [];
      const order = new OutputOrder(100);
      order.accept(1, () => shown.push(1));
      order.accept(3, () => shown.push(3));
      vi.advanceTimersByTime(99);
      expect(shown).toEqual([]);
      vi.advanceTimersByTime(1);
      expect(shown).toEqual([1]); // 0 given up; 2 is missing again: a new wait
      vi.advanceTimersByTime(100);
      expect(shown).toEqual([1, 3]);
      order.accept(0, () => shown.push(0));
      expect(shown).toEqual([1, 3, 0]);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('skips numbers given up, and whenShown resolves once everything up to a number is out', async () => {
    const shown: number[] = [];
    const order = new OutputOrder();
    order.accept(2, () => shown.push(2));
    let done = false;
    const waited = order.whenShown(2).then(() => (done = true));
    order.giveUp(1);
    await Promise.resolve();
    expect(done).toBe(false);
    order.accept(0, () => shown.push(0));
    await waited;
    expect(shown).toEqual([0, 2]);
  });

  it('keeps its order across the Int32 wrap-around', () => {
    const shown: number[] = [];
    const order = new OutputOrder();
    const max = 2 ** 31 - 1;
    order.giveUp(0);
    order.flush();
    // Jump to just before the wrap: give up everything below it through a held chunk.
    order.accept(max - 1, () => shown.push(max - 1));
    order.flush();
    order.accept(-(2 ** 31), () => shown.push(-(2 ** 31)));
    order.accept(max, () => shown.push(max));
    expect(shown).toEqual([max - 1, max, -(2 ** 31)]);
  });

  it('flush() shows everything held in order, whatever is missing', () => {
    const shown: number[] = [];
    const order = new OutputOrder();
    order.accept(5, () => shown.push(5));
    order.accept(3, () => shown.push(3));
    order.flush();
    expect(shown).toEqual([3, 5]);
  });
});
