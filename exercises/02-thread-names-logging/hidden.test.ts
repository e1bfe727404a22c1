// Hidden tests for exercise 02: random name lists from fixed seeds (some null, short and long names), exact
// log lines, default names compared with the ones threading hands out around the student's threads.
import { afterEach, describe, test, expect } from 'vitest';
import { say } from '#grader/testkit';
import { expectLesson } from '#course/kit';
import { basicConfig, resetLogging, INFO } from '#runtime/logging';
import { simulate } from '#runtime/testing';
import { Thread, ValueError, enumerate } from '#runtime/threading';
import { configureLogging, runNamed, worker } from './exercise.ts';
import { expectNoLoggingError, intBetween, seeded } from './support.ts';

afterEach(() => resetLogging());

const SYLLABLES = ['ca', 'ja', 'ser', 'vi', 'cio', 'co', 'bro', 'pa', 'go', 'lu', 'nar', 'te', 'so', 're', 'ria'];

/** Random names from 1 to ~15 characters, and about a third null. */
function names(seed: number, count: number): Array<string | null> {
  const random = seeded(seed);
  return Array.from({ length: count }, () => {
    if (random() < 0.35) return null;
    const parts = intBetween(random, 0, 5);
    let name = String.fromCharCode(65 + intBetween(random, 0, 25));
    for (let i = 0; i < parts; i++) name += SYLLABLES[intBetween(random, 0, SYLLABLES.length - 1)];
    return name;
  });
}

/** What the unit's format gives for one thread name. */
const line = (name: string, message: string): string => `[DEBUG] - ${name.padEnd(10)} : ${message}`;

function probe(): void {}

describe('02 · hidden', () => {
  test('default names are the ones threading assigns', async () => {
    const list = names(21, 9);
    const run = await simulate(async () => {
      configureLogging();
      const before = new Thread({ target: probe }).name; // Thread-1 (probe)
      const threads = await runNamed(list, 0.25);
      const after = new Thread({ target: probe }).name;
      return { before, names: threads.map((t) => t.name), after };
    });
    let n = 1;
    const expected = list.map((name) => name ?? `Thread-${++n} (worker)`);
    expect(run.value.before).toBe('Thread-1 (probe)');
    expect(
      run.value.names,
      say(
        'nombres por defecto incorrectos: para un null no pases name y threading lo llamará Thread-N (worker), con su propio contador',
        'wrong default names: for a null pass no name and threading calls it Thread-N (worker), with its own counter',
      ),
    ).toEqual(expected);
    expect(
      run.value.after,
      say(
        'runNamed gastó números de hilo de más: solo los hilos sin nombre consumen el contador Thread-N',
        'runNamed used up extra thread numbers: only unnamed threads consume the Thread-N counter',
      ),
    ).toBe(`Thread-${n + 1} (probe)`);
  });

  test('every log line is exact, padding and alignment included', async () => {
    const list = names(22, 10);
    const run = await simulate(async () => {
      configureLogging();
      return (await runNamed(list, 1.5)).map((t) => t.name);
    });
    expectNoLoggingError(run.output);
    const expected = [...run.value.map((n) => line(n, 'Iniciando...')), ...run.value.map((n) => line(n, 'Finalizando...'))];
    const squash = (lines: readonly string[]): string[] => lines.map((l) => l.replace(/ +/g, ' '));
    const sorted = (lines: readonly string[]): string[] => [...lines].sort();
    const firstBad = run.output.findIndex((l, i) => l !== expected[i]);
    if (firstBad >= 0 && JSON.stringify(sorted(run.output)) === JSON.stringify(sorted(expected))) {
      expect.fail(
        say(
          'las líneas son correctas pero salen en otro orden: arranca todos los hilos y después espéralos; ' +
            'todas las «Iniciando...» van antes que las «Finalizando...»',
          'the lines are right but come in another order: start every thread, then wait for them; ' +
            'every "Iniciando..." comes before every "Finalizando..."',
        ),
      );
    }
    const paddingOnly = JSON.stringify(squash(run.output)) === JSON.stringify(squash(expected));
    expect(
      run.output,
      paddingOnly
        ? say(
            `la línea ${firstBad + 1} no está bien alineada: el nombre va a la izquierda, relleno con espacios hasta ` +
              '10 caracteres (%(threadName)-10s); los nombres largos no se recortan',
            `line ${firstBad + 1} is not aligned correctly: the name goes on the left, padded with spaces to 10 characters ` +
              '(%(threadName)-10s); long names are not cut',
          )
        : say(`la línea ${firstBad + 1} no es la esperada`, `line ${firstBad + 1} is not the expected one`),
    ).toEqual(expected);
  });

  test('no line is logged from MainThread', async () => {
    const run = await simulate(async () => {
      configureLogging();
      await runNamed(names(23, 6), 0.5);
    });
    expectNoLoggingError(run.output);
    const fromMain = run.output.filter((l) => l.includes('MainThread'));
    expect(
      fromMain,
      say(
        'hay líneas escritas desde MainThread: el debug() tiene que ejecutarse dentro de cada hilo, en worker',
        'some lines were written from MainThread: debug() must run inside each thread, in worker',
      ),
    ).toEqual([]);
    expect(run.output).toHaveLength(12);
  });

  test('worker logs with the name of whichever thread runs it', async () => {
    const run = await simulate(async () => {
      configureLogging();
      const a = new Thread({ target: worker, args: [0.2], name: 'Ventanilla' });
      const b = new Thread({ target: worker, args: [0.1], name: 'X' });
      a.start();
      b.start();
      await a.join();
      await b.join();
      await worker(0); // and called from the main thread, it says MainThread
    });
    expectNoLoggingError(run.output);
    const expected: Array<[string, string]> = [
      ['Ventanilla', 'Iniciando...'],
      ['X', 'Iniciando...'],
      ['X', 'Finalizando...'],
      ['Ventanilla', 'Finalizando...'],
      ['MainThread', 'Iniciando...'],
      ['MainThread', 'Finalizando...'],
    ];
    expect(run.output).toHaveLength(expected.length);
    expected.forEach(([name, message], i) => {
      const got = run.output[i] ?? '';
      expect(
        got.includes(` ${name} `) && got.endsWith(message),
        say(
          `línea ${i + 1}: se esperaba el nombre ${name} y «${message}», llegó «${got}». worker no escribe un nombre fijo: ` +
            'el formato pone el del hilo que llama a debug()',
          `line ${i + 1}: expected the name ${name} and "${message}", got "${got}". worker writes no fixed name: ` +
            'the format puts the name of the thread calling debug()',
        ),
      ).toBe(true);
    });
  });

  test('the threads overlap: every start line before any end line', async () => {
    const random = seeded(24);
    const pause = intBetween(random, 5, 40) / 10;
    const run = await simulate(async () => {
      configureLogging();
      await runNamed(names(25, 7), pause);
    });
    expectNoLoggingError(run.output);
    const lastStart = run.output.map((l) => l.endsWith('Iniciando...')).lastIndexOf(true);
    const firstEnd = run.output.findIndex((l) => l.endsWith('Finalizando...'));
    expect(lastStart < firstEnd, say('arranca todos los hilos antes de esperar a ninguno', 'start every thread before waiting for any')).toBe(true);
    expect(run.elapsed, say(`todos esperan a la vez: ${String(pause).replace('.', ',')} s en total`, `they all wait at the same time: ${pause} s in total`)).toBe(pause);
  });

  test('configureLogging replaces an earlier configuration', async () => {
    const run = await simulate(async () => {
      basicConfig({ level: INFO, format: '%(message)s' });
      configureLogging();
      await runNamed(['Caja'], 0);
    });
    expectNoLoggingError(run.output);
    const replaced = run.output.length === 2 && run.output.every((l) => l.includes('[DEBUG]') && l.includes('Caja'));
    expect(
      replaced,
      say(
        `la última configuración manda: basicConfig({ ..., force: true }). Salida: ${JSON.stringify(run.output)}`,
        `the last configuration wins: basicConfig({ ..., force: true }). Output: ${JSON.stringify(run.output)}`,
      ),
    ).toBe(true);
  });

  test('a negative pause throws ValueError before any thread is created', async () => {
    const run = await simulate(async () => {
      configureLogging();
      let error: unknown = null;
      try {
        await runNamed(['Worker', null], -1);
      } catch (e) {
        error = e;
      }
      return {
        error: error instanceof ValueError ? error.message : String(error),
        alive: enumerate().length,
        next: new Thread({ target: probe }).name,
      };
    });
    expect(run.value.error, say('pausa negativa: ValueError: sleep length must be non-negative', 'negative pause: ValueError: sleep length must be non-negative'))
      .toBe('sleep length must be non-negative');
    expect(
      [run.value.alive, run.value.next],
      say('con una pausa negativa no debe crearse ningún hilo: compruébalo antes del bucle', 'with a negative pause no thread may be created: check it before the loop'),
    ).toEqual([1, 'Thread-1 (probe)']);
    expect(run.output).toEqual([]);
  });

  test('repeated names are kept and runNamed returns finished threads in order', async () => {
    const run = await simulate(async () => {
      configureLogging();
      const threads = await runNamed(['Caja', null, 'Caja'], 0.1);
      return threads.map((t) => [t.name, t.isAlive()]);
    });
    const alive = run.value.filter(([, isAlive]) => isAlive).map(([name]) => name);
    expectLesson(alive.length === 0, 'missing-join', [`${alive.join(', ')} ${alive.length > 1 ? 'seguían vivos' : 'seguía vivo'} cuando runNamed volvió: espera a cada hilo con await thread.join() antes de devolverlos`,
      `${alive.join(', ')} ${alive.length > 1 ? 'were' : 'was'} still alive when runNamed returned: wait for each thread with await thread.join() before returning them`]);
    expect(run.value).toEqual([
      ['Caja', false],
      ['Thread-1 (worker)', false],
      ['Caja', false],
    ]);
  });
});
