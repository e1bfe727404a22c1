// The spare worker (spawn/spare.ts): a worker booted in the background, and the bundle it imported while
// waiting, must never leak into the process it becomes: each start runs its own target with its own identity.
import { afterEach, describe, expect, it } from 'vitest';
import * as mp from '#runtime/multiprocessing';
import { printEnv, whoAmI } from '../fixtures/basic.ts';
import { MiProceso } from '../fixtures/process-subclasses.ts';
import { say } from '../fixtures/output-turns.ts';
import { dropSpare } from './spare.ts';

afterEach(async () => {
  mp.setChildOutputSink(null);
  for (const child of mp.activeChildren()) {
    child.kill();
    await child.join();
  }
});

describe('spare workers', () => {
  it('starts alternating between modules run the right code with their own identity', async () => {
    const lines: string[] = [];
    mp.setChildOutputSink((out) => lines.push(...out.text.split('\n').filter((l) => l !== '')));
    const started: mp.Process[] = [];
    const asking: mp.Process[] = [];
    for (let round = 0; round < 3; round++) {
      // Each start finds a spare that imported the bundle of the previous start: another module each time.
      const who = new mp.Process({ target: whoAmI });
      asking.push(who);
      for (const p of [who, new MiProceso(round), new mp.Process({ target: say, args: [`say ${round}`] })]) {
        p.start();
        await p.join();
        expect(p.exitcode).toBe(0);
        started.push(p);
      }
    }
    expect(new Set(started.map((p) => p.pid)).size).toBe(started.length);
    expect(lines.filter((l) => / pid=\d+ parent=/.test(l))).toEqual(
      asking.map((p) => `${p.name} pid=${p.pid} parent=MainProcess:${process.pid}`),
    );
    expect(lines.filter((l) => l.startsWith('say '))).toEqual(['say 0', 'say 1', 'say 2']);
    expect(lines.filter((l) => l.includes(' type=MiProceso')).map((l) => l.replace(/^MiProceso-\d+ /, ''))).toEqual([
      'n=0 type=MiProceso label=initialised field',
      'n=1 type=MiProceso label=initialised field',
      'n=2 type=MiProceso label=initialised field',
    ]);
  });

  it('a start without a spare boots a worker of its own', async () => {
    await dropSpare();
    const lines: string[] = [];
    mp.setChildOutputSink((out) => lines.push(out.text));
    const p = new mp.Process({ target: say, args: ['cold start'] });
    p.start();
    await p.join();
    expect(p.exitcode).toBe(0);
    expect(lines).toEqual(['cold start\n']);
  });

  it('a child sees the environment as it is at start(), not when its spare booted', async () => {
    const lines: string[] = [];
    mp.setChildOutputSink((out) => lines.push(out.text));
    const first = new mp.Process({ target: printEnv, args: ['MP_SPARE_ENV'] });
    first.start(); // leaves a spare booting with the environment of now
    await first.join();
    process.env['MP_SPARE_ENV'] = 'set after the spare booted';
    try {
      const second = new mp.Process({ target: printEnv, args: ['MP_SPARE_ENV'] });
      second.start();
      await second.join();
    } finally {
      delete process.env['MP_SPARE_ENV'];
    }
    const third = new mp.Process({ target: printEnv, args: ['MP_SPARE_ENV'] });
    third.start();
    await third.join();
    expect(lines).toEqual(['MP_SPARE_ENV=<unset>\n', 'MP_SPARE_ENV=set after the spare booted\n', 'MP_SPARE_ENV=<unset>\n']);
  });
});
