// The Popen that owns a started child's worker, on its own (Process delegates to it): CPython's Popen API —
// poll() and returncode, wait(timeout) returning None on a timeout, terminate()/kill() as -15/-9, the sentinel —
// and a launch that fails printing the child's traceback and exiting 1, as CPython's child does.
import { afterEach, describe, expect, it } from 'vitest';
import * as mp from '#runtime/multiprocessing';
import { exitWith, sleepForever } from '../fixtures/basic.ts';
import { locateStart, startMessage } from './launch.ts';
import { Popen, type StartFrom } from './popen.ts';
import type { BootData } from '../state.ts';

const fixtures = new URL('../fixtures/basic.ts', import.meta.url).pathname;
const started: Popen[] = [];

function run(target: (...args: never[]) => unknown, args: unknown[] = []): (boot: BootData) => StartFrom {
  return (boot) => ({
    run: locateStart(null, target, fixtures, null).then((located) => () => startMessage(boot, located, args, undefined, {})),
  });
}

function popen(start: (boot: BootData) => StartFrom, name = 'Popen-test'): Popen {
  const p = new Popen({ name, identity: [99], daemon: false, start, onMessage: () => undefined });
  started.push(p);
  return p;
}

afterEach(async () => {
  mp.setChildOutputSink(null);
  for (const p of started.splice(0)) {
    p.kill();
    await p.wait(null, 'cleanup');
  }
});

describe('Popen', () => {
  it('poll() is null while the child runs, wait(timeout) returns null, terminate() ends it with -15', async () => {
    const p = popen(run(sleepForever));
    expect(p.poll()).toBeNull();
    expect(await p.wait(0.05, 'wait(0.05)')).toBeNull();
    expect(p.returncode).toBeNull();
    p.terminate();
    expect(await p.wait(null, 'wait()')).toBe(-15);
    expect(p.poll()).toBe(-15);
    p.kill(); // already ended: changes nothing, as CPython's
    await p.sentinel;
    expect(p.returncode).toBe(-15);
  });

  it('kill() ends it with -9; the exit code of a child that exits is its own', async () => {
    const killed = popen(run(sleepForever));
    killed.kill();
    expect(await killed.wait(null, 'wait()')).toBe(-9);
    const exited = popen(run(exitWith, [3]));
    expect(await exited.wait(null, 'wait()')).toBe(3);
    expect(exited.pid).not.toBe(killed.pid);
  });

  it('a launch that fails prints the error as the child\'s traceback and the child exits 1', async () => {
    const lines: string[] = [];
    mp.setChildOutputSink((out) => lines.push(`${out.processName} ${out.text}`));
    const p = popen(() => ({ own: Promise.reject(new TypeError("'int' object is not callable")) }), 'Broken-1');
    expect(await p.wait(null, 'wait()')).toBe(1);
    expect(lines.join('')).toContain("Broken-1 Traceback (most recent call last):\nTypeError: 'int' object is not callable");
  });
});
