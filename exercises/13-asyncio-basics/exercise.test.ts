// Visible tests for exercise 13: the unit's say_after example, on the virtual clock.
import { describe, test, expect } from 'vitest';
import { say } from '#grader/testkit';
import { getRunningLoop, run } from '#runtime/asyncio';
import { failLesson, sim } from '#course/kit';
import { FakeBank } from './support.ts';
import { confirmPayment, main, runConcurrent, runSequential, sayAfter } from './exercise.ts';

const unitSteps = [
  { delay: 1, what: 'hello' },
  { delay: 2, what: 'world' },
];

describe('asyncio basics', () => {
  test('sayAfter waits, prints and returns what', async () => {
    const { value, elapsed, output } = await sim(() => run(() => sayAfter(1.5, 'copia guardada')));
    expect(value, say('valor devuelto', 'returned value')).toBe('copia guardada');
    expect(output, say('salida impresa', 'printed output')).toEqual(['copia guardada']);
    expect(elapsed, say('sayAfter(1.5, …) debe tardar 1,5 s', 'sayAfter(1.5, …) must take 1.5 s')).toBe(1.5);
  });

  test('awaiting one coroutine after another takes 1 + 2 = 3 s', async () => {
    const { value, elapsed, output } = await sim(() => run(() => runSequential(unitSteps)));
    if (value.some((v: unknown) => v instanceof Promise)) {
      expect.fail(say('runSequential devolvió promesas en vez de textos: falta await delante de sayAfter(...)',
        'runSequential returned promises instead of strings: await is missing in front of sayAfter(...)'));
    }
    expect(value, say('resultados en el orden de steps', 'results in the order of steps')).toEqual(['hello', 'world']);
    expect(output, say('salida impresa', 'printed output')).toEqual(['hello', 'world']);
    expect(elapsed, say('en secuencia se tarda la suma de los delay', 'in sequence it takes the sum of the delays')).toBe(3);
  });

  test('two tasks of 1 s and 2 s finish in 2 s, not 3 s', async () => {
    const { value, elapsed, output } = await sim(() => run(async () => {
      const loop = getRunningLoop();
      const results = await runConcurrent(unitSteps);
      return { results, returnedAt: loop.time() };
    }));
    if (value.returnedAt < 2) {
      failLesson('missing-await', [`runConcurrent volvió a los ${String(value.returnedAt).replace('.', ',')} s, antes de que terminaran sus tareas: haz await de cada tarea`,
        `runConcurrent returned at ${value.returnedAt} s, before its tasks were done: await every task`]);
    }
    expect(value.results, say('resultados en el orden de steps', 'results in the order of steps')).toEqual(['hello', 'world']);
    expect(output, say('salida impresa', 'printed output')).toEqual(['hello', 'world']);
    if (elapsed === 3) {
      expect.fail(say('tardó 3 s en vez de 2 s: los pasos se ejecutaron uno detrás de otro. Crea TODAS las tareas con createTask antes de hacer await de ninguna',
        'it took 3 s instead of 2 s: the steps ran one after another. Create ALL the tasks with createTask before awaiting any of them'));
    }
    expect(elapsed, say('con tareas se tarda lo que el paso más lento', 'with tasks it takes as long as the slowest step')).toBe(2);
  });

  test('confirmPayment turns the bank callback into an awaitable Future', async () => {
    const { value, elapsed } = await sim(() => run(async () => {
      const fakeBank = new FakeBank({ 'R-001': { after: 0.5, code: 'OK-4471' } });
      return await confirmPayment(fakeBank, 'R-001');
    }));
    expect(value, say('código de confirmación del banco', 'the bank\'s confirmation code')).toBe('OK-4471');
    expect(elapsed, say('el banco contesta a los 0,5 s', 'the bank answers at 0.5 s')).toBe(0.5);
  });

  test('main runs the loop and prints started / finished after 2.0 s', async () => {
    const { value, output, elapsed } = await sim(() => main(unitSteps));
    if (elapsed === 3) {
      expect.fail(say('main tardó 3 s en vez de 2 s: los pasos se ejecutaron uno detrás de otro (¿usa main runConcurrent?)',
        'main took 3 s instead of 2 s: the steps ran one after another (does main use runConcurrent?)'));
    }
    const finished = output.findIndex((l) => l.startsWith('finished'));
    if (finished !== -1 && finished < output.length - 1) {
      failLesson('missing-await', ['main imprimió "finished after…" antes de que terminaran los pasos: espera a runConcurrent con await (const results = await runConcurrent(steps))',
        'main printed "finished after…" before the steps were done: wait for runConcurrent with await (const results = await runConcurrent(steps))']);
    }
    expect(value, say('main devuelve los resultados', 'main returns the results')).toEqual(['hello', 'world']);
    expect(output.at(-1), say('la última línea: "finished after 2.0 s" (un decimal: toFixed(1))',
      'the last line: "finished after 2.0 s" (one decimal: toFixed(1))')).toBe('finished after 2.0 s');
    expect(output, say('salida exacta de main', 'exact output of main'))
      .toEqual(['started', 'hello', 'world', 'finished after 2.0 s']);
    expect(elapsed, say('tiempo total', 'total time')).toBe(2);
  });
});
