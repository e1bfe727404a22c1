// Visible tests for exercise 01: run them with `npm test -- 01`. They use the runtime's virtual clock, so
// `sleep(0.5)` takes no real time and elapsed times are exact.
import { describe, test, expect } from 'vitest';
import { say } from '#grader/testkit';
import { simulate } from '#runtime/testing';
import { attachAll, attachReceipt } from './exercise.ts';

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
