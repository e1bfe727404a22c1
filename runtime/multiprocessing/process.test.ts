import { afterEach, describe, expect, it } from 'vitest';
import * as mp from '#runtime/multiprocessing';
import type { ChildOutput } from '#runtime/multiprocessing';
import { simulate } from '#runtime/testing';
import { count, exitWith, fail, sayHello, sleepForever, spin, startGrandchild, whoAmI, withKwargs } from './fixtures/basic.ts';

/** Collects what children print, through the hook #runtime/testing uses. */
function captureOutput(): { lines: (stream?: 'stdout' | 'stderr') => string[]; chunks: ChildOutput[] } {
  const chunks: ChildOutput[] = [];
  mp.setChildOutputSink((out) => chunks.push(out));
  return {
    chunks,
    lines: (stream) =>
      chunks
        .filter((c) => stream === undefined || c.stream === stream)
        .map((c) => c.text)
        .join('')
        .split('\n')
        .filter((l) => l !== ''),
  };
}

afterEach(async () => {
  mp.setChildOutputSink(null);
  for (const child of mp.activeChildren()) {
    child.kill();
    await child.join();
  }
});

describe('Process', () => {
  it('runs an exported target with its arguments and exits 0 (the course say_hello)', async () => {
    const out = captureOutput();
    const p = new mp.Process({ target: sayHello, args: ['world'] });
    expect(String(p)).toMatch(/^<Process name='Process-\d+' parent=\d+ initial>$/);
    p.start();
    expect(p.isAlive()).toBe(true);
    expect(p.pid).not.toBe(process.pid);
    await p.join();
    expect(p.exitcode).toBe(0);
    expect(p.isAlive()).toBe(false);
    expect(out.lines()).toEqual(['Hello, world!']);
    expect(String(p)).toMatch(/ stopped exitcode=0>$/);
  });

  it('reports exit codes as Python does: n for exit(n), 1 plus a traceback for an error', async () => {
    const out = captureOutput();
    const exits = new mp.Process({ target: exitWith, args: [3] });
    const fails = new mp.Process({ target: fail, args: ['boom'] });
    exits.start();
    fails.start();
    await exits.join();
    await fails.join();
    expect(exits.exitcode).toBe(3);
    expect(fails.exitcode).toBe(1);
    const err = out.lines('stderr');
    expect(err[0]).toBe(`Process ${fails.name}:`);
    expect(err[1]).toBe('Traceback (most recent call last):');
    expect(err.some((l) => /File ".*fixtures\/basic\.ts", line \d+, in fail/.test(l))).toBe(true);
    expect(err.at(-1)).toBe('ValueError: boom');
  });

  it('terminate() and kill() stop a blocked or spinning child: exitcode -15 / -9', async () => {
    const blocked = new mp.Process({ target: sleepForever });
    const spinning = new mp.Process({ target: spin });
    blocked.start();
    spinning.start();
    await blocked.join(0.3);
    expect(blocked.isAlive()).toBe(true);
    expect(blocked.exitcode).toBeNull();
    blocked.terminate();
    spinning.kill();
    await blocked.join();
    await spinning.join();
    expect(blocked.exitcode).toBe(-15);
    expect(spinning.exitcode).toBe(-9);
    expect(String(blocked)).toMatch(/exitcode=SIGTERM>$/);
  });

  it('fails like Python when the target is not an exported top-level function', async () => {
    const out = captureOutput();
    const lambda = new mp.Process({ target: (x: number) => x, args: [1] });
    const notCallable = new mp.Process({ target: 5 as never });
    lambda.start();
    notCallable.start();
    await lambda.join();
    await notCallable.join();
    expect(lambda.exitcode).toBe(1);
    expect(notCallable.exitcode).toBe(1);
    const err = out.lines('stderr');
    expect(err).toContain(
      `AttributeError: Can't get attribute 'target' on <module 'process.test' from '${import.meta.filename}'>`,
    );
    expect(err).toContain("TypeError: 'int' object is not callable");
  });

  it('names, pids and the process tree: currentProcess, parentProcess, activeChildren', async () => {
    const out = captureOutput();
    expect(mp.currentProcess().name).toBe('MainProcess');
    expect(mp.parentProcess()).toBeNull();
    expect(mp.cpuCount()).toBeGreaterThanOrEqual(1);
    const a = new mp.Process({ target: whoAmI });
    const b = new mp.Process({ target: whoAmI, name: 'custom' });
    a.start();
    b.start();
    expect(mp.activeChildren()).toEqual(expect.arrayContaining([a, b]));
    await a.join();
    await b.join();
    expect(mp.activeChildren()).toEqual([]);
    expect(out.lines().sort()).toEqual(
      [`${a.name} pid=${a.pid} parent=MainProcess:${process.pid}`, `custom pid=${b.pid} parent=MainProcess:${process.pid}`].sort(),
    );
    expect(a.pid).not.toBe(b.pid);
  });

  it('passes kwargs as a last argument', async () => {
    const out = captureOutput();
    const p = new mp.Process({ target: withKwargs, args: [1], kwargs: { b: 2 } });
    p.start();
    await p.join();
    expect(out.lines()).toEqual(['a=1 b=2']);
  });

  it('keeps each child output in order, and children of children print through their parent', async () => {
    const out = captureOutput();
    const a = new mp.Process({ target: count, args: [200, 'a'] });
    const b = new mp.Process({ target: count, args: [200, 'b'] });
    const g = new mp.Process({ target: startGrandchild });
    a.start();
    b.start();
    g.start();
    await a.join();
    await b.join();
    await g.join();
    const lines = out.lines();
    expect(lines.filter((l) => l.startsWith('a '))).toEqual(Array.from({ length: 200 }, (_, i) => `a ${i}`));
    expect(lines.filter((l) => l.startsWith('b '))).toEqual(Array.from({ length: 200 }, (_, i) => `b ${i}`));
    expect(lines.filter((l) => l.startsWith(`${g.name}:1 `))).toEqual([
      expect.stringMatching(new RegExp(`^${g.name}:1 pid=\\d+ parent=${g.name}:${g.pid}$`)),
    ]);
  });

  it('mirrors Python misuse errors', async () => {
    const p = new mp.Process({ target: sayHello, args: ['x'] });
    await expect(p.join()).rejects.toThrow('can only join a started process');
    expect(() => p.terminate()).toThrow(mp.AttributeError);
    captureOutput();
    p.start();
    expect(() => p.start()).toThrow('cannot start a process twice');
    expect(() => {
      p.daemon = true;
    }).toThrow('process has already started');
    await p.join();
    p.close();
    expect(() => p.isAlive()).toThrow('process object is closed');
    expect(String(p)).toMatch(/closed>$/);
  });

  it("is captured by #runtime/testing's simulate() like thread output", async () => {
    const run = await simulate(async () => {
      console.log('parent before');
      const p = new mp.Process({ target: count, args: [3, 'child'] });
      p.start();
      await p.join();
      console.log('parent after', p.exitcode);
    });
    expect(run.output).toEqual(['parent before', 'child 0', 'child 1', 'child 2', 'parent after 0']);
  });
});
