// Visible tests for exercise 01: run them with `npm test -- 01`. They use the runtime's virtual clock, so
// `sleep(0.5)` takes no real time and elapsed times are exact.
import { describe, test, expect } from 'vitest';
import { expectLesson, failLesson, say } from '#course/kit';
import { simulate } from '#runtime/testing';
import { attachAll, attachReceipt } from './exercise.ts';

/** A thread that died spreading its args: `args: student` (a bare number) instead of `args: [student]`. */
function expectArgsList(output: readonly string[]): void {
  expectLesson(!output.some((line) => /^TypeError: .*(iterable|Spread syntax)/.test(line)), 'args-not-list',
    ['cada hilo murió con un TypeError al repartir sus args: args tiene que ser una lista con el estudiante, args: [student], no el número solo',
      'every thread died with a TypeError spreading its args: args must be a list holding the student, args: [student], not the bare number']);
}

describe('01 · Thread, target y args', () => {
  test('attachReceipt prints its line and takes 0.5 s', async () => {
    const run = await simulate(() => attachReceipt(7));
    expect(run.output, say('attachReceipt(7) debe escribir exactamente esta línea', 'attachReceipt(7) must print exactly this line'))
      .toEqual(['Alumno 7 adjuntando comprobante....']);
    expect(run.elapsed, say('adjuntar un comprobante tarda 0,5 s: sleep(0.5)', 'attaching one receipt takes 0.5 s: sleep(0.5)'))
      .toBe(0.5);
  });

  test('attachAll attaches the three students of the unit in 0.5 s', async () => {
    const run = await simulate(() => attachAll([1, 2, 3]));
    expectArgsList(run.output);
    expect(run.output, say('una línea por estudiante, en orden', 'one line per student, in order')).toEqual([
      'Alumno 1 adjuntando comprobante....',
      'Alumno 2 adjuntando comprobante....',
      'Alumno 3 adjuntando comprobante....',
    ]);
    expect(
      run.elapsed,
      say(
        'con un hilo por estudiante las tres esperas se solapan: 0,5 s en total, no 1,5 s',
        'with one thread per student the three waits overlap: 0.5 s in total, not 1.5 s',
      ),
    ).toBe(0.5);
  });

  test('attachAll returns the finished threads in list order', async () => {
    const run = await simulate(async () => {
      const threads = await attachAll([10, 20]);
      return threads.map((t) => ({ name: t.name, alive: t.isAlive() }));
    });
    const running = run.value.filter((t) => t.alive).map((t) => t.name);
    if (running.length > 0) {
      failLesson('missing-join', [`${running.join(', ')} ${running.length > 1 ? 'seguían vivos' : 'seguía vivo'} cuando attachAll volvió: attachAll debe esperar a todos los hilos. Después de arrancarlos todos, espera a cada uno con await thread.join()`,
        `${running.join(', ')} ${running.length > 1 ? 'were' : 'was'} still alive when attachAll returned: attachAll must wait for every thread. After starting them all, wait for each one with await thread.join()`]);
    }
    expect(run.value, say('attachAll devuelve un hilo por estudiante', 'attachAll returns one thread per student')).toHaveLength(2);
    for (const t of run.value) {
      expect(t.alive, say(`${t.name} sigue vivo: attachAll debe esperar a todos los hilos`, `${t.name} is still alive: attachAll must wait for every thread`))
        .toBe(false);
    }
  });

  test('attachAll with no students returns an empty list at once', async () => {
    const run = await simulate(() => attachAll([]));
    expect(run.value, say('sin estudiantes no hay hilos', 'no students, no threads')).toEqual([]);
    expect(run.elapsed, say('sin estudiantes no se tarda nada', 'no students take no time')).toBe(0);
    expect(run.output).toEqual([]);
  });
});
