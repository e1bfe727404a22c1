// Visible tests for exercise 06: run them with `npm test -- 06`. Virtual clock: instants are exact.
import { describe, test, expect } from 'vitest';
import { say } from '#grader/testkit';
import { simulate as simulateRaw } from '#runtime/testing';
import { Thread } from '#runtime/threading';
import { count, joinAllButMain, startCounters } from './exercise.ts';
import { explainJoinMain, raiseStubError } from './support.ts';

/** simulate(), but a "not implemented" error raised inside a thread fails the test with that message. */
async function simulate<T>(main: () => T | Promise<T>) {
  const run = await simulateRaw(main);
  raiseStubError(run.output);
  return run;
}

describe('06 · controlar muchos demonios', () => {
  test('count prints the number, the thread ident and the counter', async () => {
    const run = await simulate(async () => {
      const t = new Thread({ target: count, args: [3, 2, 0.5] });
      t.start();
      await t.join();
      return t.ident;
    });
    expect(run.output, say('cada línea: número, ident del hilo, contador', 'each line: number, thread ident, counter'))
      .toEqual([`3 ${run.value} 1`, `3 ${run.value} 2`]);
    expect(run.elapsed).toBe(1);
  });

  test('startCounters starts daemon threads with default names and returns at once', async () => {
    const run = await simulate(() =>
      startCounters([0.1, 0.2], 1).map((t) => ({ name: t.name, daemon: t.daemon, alive: t.isAlive() })),
    );
    expect(run.value, say('hilos demonio (daemon: true) con el nombre por defecto, ya arrancados', 'daemon threads (daemon: true) with the default name, already started')).toEqual([
      { name: 'Thread-1 (count)', daemon: true, alive: true },
      { name: 'Thread-2 (count)', daemon: true, alive: true },
    ]);
    expect(run.elapsed, say('startCounters no espera a los contadores', 'startCounters does not wait for the counters')).toBe(0);
  });

  test('joinAllButMain waits for every counter and reports each one', async () => {
    const run = await simulate(async () => {
      const threads = startCounters([0.3, 0.1, 0.2], 2);
      const reports = await explainJoinMain(joinAllButMain);
      return { reports, threads: threads.map((t) => ({ name: t.name, ident: t.ident })) };
    });
    const [a, b, c] = run.value.threads;
    expect(run.value.reports, say('un informe por hilo, sin MainThread; active = activeCount() justo antes de cada join', 'one report per thread, no MainThread; active = activeCount() right before each join'))
      .toEqual([
        { name: a?.name, ident: a?.ident, daemon: true, active: 4 },
        { name: b?.name, ident: b?.ident, daemon: true, active: 1 },
        { name: c?.name, ident: c?.ident, daemon: true, active: 1 },
      ]);
    expect(run.elapsed, say('el contador más lento tarda 2 × 0,3 s', 'the slowest counter takes 2 × 0.3 s')).toBeCloseTo(0.6, 9);
  });

  test('joinAllButMain with only the main thread returns an empty list at once', async () => {
    const run = await simulate(() => explainJoinMain(joinAllButMain));
    expect(run.value).toEqual([]);
    expect(run.elapsed).toBe(0);
  });
});
