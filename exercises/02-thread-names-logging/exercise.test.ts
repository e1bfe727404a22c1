// Visible tests for exercise 02: run them with `npm test -- 02`. Virtual clock; the logging output of each run
// is captured line by line.
import { afterEach, describe, test, expect } from 'vitest';
import { expectLesson, say } from '#course/kit';
import { resetLogging } from '#runtime/logging';
import { simulate } from '#runtime/testing';
import { Thread } from '#runtime/threading';
import { configureLogging, runNamed, worker } from './exercise.ts';
import { expectNoLoggingError } from './support.ts';

afterEach(() => resetLogging());

describe('02 · nombres de hilos y logging', () => {
  test('the format writes the level, the padded thread name and the message', async () => {
    const run = await simulate(async () => {
      configureLogging();
      const t = new Thread({ target: worker, args: [0.5], name: 'Worker' });
      t.start();
      await t.join();
    });
    expectNoLoggingError(run.output);
    expect(run.output, say('cada línea: [NIVEL] - nombre relleno a 10 : mensaje', 'each line: [LEVEL] - name padded to 10 : message')).toEqual([
      '[DEBUG] - Worker     : Iniciando...',
      '[DEBUG] - Worker     : Finalizando...',
    ]);
    expect(run.elapsed).toBe(0.5);
  });

  test('runNamed runs the unit example: Worker, a default name and Servicio', async () => {
    const run = await simulate(async () => {
      configureLogging();
      const threads = await runNamed(['Worker', null, 'Servicio'], 2);
      const alive = threads.filter((t) => t.isAlive()).map((t) => t.name);
      return { names: threads.map((t) => t.name), alive };
    });
    expectLesson(!run.output.some((line) => /^TypeError: .*(iterable|Spread syntax)/.test(line)), 'args-not-list',
      ['cada hilo murió con un TypeError al repartir sus args: args tiene que ser una lista con la pausa, args: [pause], no el número solo',
        'every thread died with a TypeError spreading its args: args must be a list holding the pause, args: [pause], not the bare number']);
    expectLesson(run.value.alive.length === 0, 'missing-join', [`${run.value.alive.join(', ')} ${run.value.alive.length > 1 ? 'seguían vivos' : 'seguía vivo'} cuando runNamed volvió: después de arrancarlos todos, espera a cada hilo con await thread.join()`,
      `${run.value.alive.join(', ')} ${run.value.alive.length > 1 ? 'were' : 'was'} still alive when runNamed returned: after starting them all, wait for each thread with await thread.join()`]);
    // A "Finalizando..." before the last "Iniciando..." while the whole run still took no more than one pause:
    // a worker did not wait (one after another would take 6 s instead).
    const firstEnd = run.output.findIndex((line) => line.endsWith('Finalizando...'));
    const lastStart = run.output.findLastIndex((line) => line.endsWith('Iniciando...'));
    const endedEarly = firstEnd !== -1 && firstEnd < lastStart && run.elapsed <= 2;
    expectLesson(!endedEarly, 'missing-await', ['un hilo escribió «Finalizando...» antes de que los demás empezaran, sin esperar los 2 s: worker tiene que esperar la pausa con await sleep(pause)',
      'a thread logged "Finalizando..." before the others had started, without waiting the 2 s: worker has to wait for the pause with await sleep(pause)']);
    expect(run.value.names, say('el hilo sin nombre se llama Thread-1 (worker)', 'the unnamed thread is called Thread-1 (worker)'))
      .toEqual(['Worker', 'Thread-1 (worker)', 'Servicio']);
    expectNoLoggingError(run.output);
    expect(
      run.output,
      say(
        'las líneas del tema: todas las de «Iniciando...» a los 0 s y todas las de «Finalizando...» a los 2 s',
        'the unit\'s lines: every "Iniciando..." at 0 s, then every "Finalizando..." at 2 s',
      ),
    ).toEqual([
      '[DEBUG] - Worker     : Iniciando...',
      '[DEBUG] - Thread-1 (worker) : Iniciando...',
      '[DEBUG] - Servicio   : Iniciando...',
      '[DEBUG] - Worker     : Finalizando...',
      '[DEBUG] - Thread-1 (worker) : Finalizando...',
      '[DEBUG] - Servicio   : Finalizando...',
    ]);
    expect(run.elapsed, say('los tres hilos esperan a la vez: 2 s', 'the three threads wait at the same time: 2 s')).toBe(2);
  });

  test('runNamed with no names creates no thread and logs nothing', async () => {
    const run = await simulate(async () => {
      configureLogging();
      return runNamed([], 1);
    });
    expect(run.value).toEqual([]);
    expect(run.output).toEqual([]);
    expect(run.elapsed).toBe(0);
  });
});
