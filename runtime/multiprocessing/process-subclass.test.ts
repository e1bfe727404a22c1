// Subclassing Process and overriding run(), as Python's `class MiProceso(Process): def run(self): ...`.
// Expectations come from the same program run under CPython 3.11 with the spawn start method (see
// conformance/06_subclass.py for the twin compared line by line).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import * as mp from '#runtime/multiprocessing';
import {
  ConFuncion,
  ConTarget,
  Falla,
  MiProceso,
  Reinicia,
  Renombra,
  Sale,
  Sumador,
  makeHidden,
  objetivo,
} from './fixtures/process-subclasses.ts';

function captureOutput(): (stream?: 'stdout' | 'stderr') => string[] {
  const chunks: mp.ChildOutput[] = [];
  mp.setChildOutputSink((out) => chunks.push(out));
  return (stream) =>
    chunks
      .filter((c) => stream === undefined || c.stream === stream)
      .map((c) => c.text)
      .join('')
      .split('\n')
      .filter((l) => l !== '');
}

afterEach(async () => {
  mp.setChildOutputSink(null);
  for (const child of mp.activeChildren()) {
    child.kill();
    await child.join();
  }
});

describe('Process subclasses', () => {
  it('runs the overridden run() in the child with the fields set in the constructor', async () => {
    const lines = captureOutput();
    const q = new mp.Queue<number>();
    const p = new MiProceso(5, q);
    expect(p.name).toMatch(/^MiProceso-\d+$/);
    expect(String(p)).toMatch(/^<MiProceso name='MiProceso-\d+' parent=\d+ initial>$/);
    p.start();
    expect(await q.get()).toBe(10);
    await p.join();
    expect(p.exitcode).toBe(0);
    expect(lines()).toEqual([
      `${p.name} n=5 type=MiProceso label=initialised field`,
      'self is current: name=true pid=true alive=true',
    ]);
    expect(() => p.start()).toThrow(new mp.AssertionError('cannot start a process twice'));
  });

  it('an error in run() exits 1 with the traceback; exit(n) in run() exits n', async () => {
    const lines = captureOutput();
    const failing = new Falla();
    const exiting = new Sale(4);
    failing.start();
    exiting.start();
    await failing.join();
    await exiting.join();
    expect(failing.exitcode).toBe(1);
    expect(exiting.exitcode).toBe(4);
    const err = lines('stderr');
    expect(err[0]).toBe(`Process ${failing.name}:`);
    expect(failing.name).toMatch(/^Falla-\d+$/);
    expect(err[1]).toBe('Traceback (most recent call last):');
    // The exact line of the throw in the .ts source (the child maps the bundle's frames itself).
    const source = readFileSync(new URL('./fixtures/process-subclasses.ts', import.meta.url), 'utf8').split('\n');
    const line = source.findIndex((l) => l.includes("throw new mp.ValueError('boom')")) + 1;
    expect(err).toContain(`  File "${fileURLToPath(new URL('./fixtures/process-subclasses.ts', import.meta.url))}", line ${line}, in Falla.run`);
    expect(err.at(-1)).toBe('ValueError: boom');
  });

  it('a subclass that keeps the default run() calls its target', async () => {
    const lines = captureOutput();
    const p = new ConTarget({ target: objetivo, args: [7] });
    p.start();
    await p.join();
    expect(p.exitcode).toBe(0);
    expect(lines()).toEqual(['target 7']);
  });

  it('shared objects in fields (a Value and its lock) still point at the same memory', async () => {
    const total = new mp.Value('i', 0);
    const workers = [new Sumador(total, 500), new Sumador(total, 500)];
    for (const w of workers) w.start();
    for (const w of workers) await w.join();
    expect(workers.map((w) => w.exitcode)).toEqual([0, 0]);
    expect(total.value).toBe(1000);
  });

  it('a class the child cannot import fails as Python fails to unpickle it (exit 1, no header)', async () => {
    const lines = captureOutput();
    const p = makeHidden();
    p.start();
    await p.join();
    expect(p.exitcode).toBe(1);
    const err = lines('stderr');
    expect(err[0]).toBe('Traceback (most recent call last):');
    expect(err.at(-1)).toMatch(/^AttributeError: Can't get attribute 'Oculto' on <module 'process-subclasses' from '.*fixtures\/process-subclasses\.ts'>$/);
    expect(lines('stdout')).toEqual([]);
  });

  it('a field that cannot be copied fails the start, at once (CPython\'s spawn cannot pickle it)', () => {
    const lines = captureOutput();
    const p = new ConFuncion();
    expect(() => p.start()).toThrow(new mp.PicklingError(
      "Can't pickle <function callback>: a function cannot go to another process as data (only as the target of a Process or a pool call)",
    ));
    expect(p.pid).toBeNull();
    expect(lines('stdout')).toEqual([]);
  });

  it("the child's own object cannot be started again there, and renaming it renames the current process", async () => {
    const lines = captureOutput();
    const again = new Reinicia();
    const renamed = new Renombra();
    again.start();
    renamed.start();
    await again.join();
    await renamed.join();
    expect(lines().sort()).toEqual(
      ['AssertionError: can only start a process object created by current process', 'current=renamed'].sort(),
    );
  });

  it('run() can also be called directly in the parent, as in Python', async () => {
    const chunks: string[] = [];
    const original = console.log;
    console.log = (...args: unknown[]) => chunks.push(args.join(' '));
    try {
      await new MiProceso(9).run();
    } finally {
      console.log = original;
    }
    expect(chunks[0]).toMatch(/^MiProceso-\d+ n=9 type=MiProceso label=initialised field$/);
  });
});
