// Visible tests for exercise 05: run them with `npm test -- 05`. Virtual clock and a real file in a temporary
// folder (removed after each test).
import { afterEach, beforeEach, describe, test, expect } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectLesson, say } from '#course/kit';
import { simulate as simulateRaw } from '#runtime/testing';
import { Thread } from '#runtime/threading';
import { checkSize, runWithMonitor, writeFile } from './exercise.ts';
import { raiseStubError } from './support.ts';

/** simulate(), but a "not implemented" error raised inside a thread fails the test with that message. */
async function simulate<T>(main: () => T | Promise<T>) {
  const run = await simulateRaw(main);
  raiseStubError(run.output);
  return run;
}

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'curso-05-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('05 · hilos demonio', () => {
  test('writeFile appends one character per round and prints its rounds', async () => {
    const path = join(dir, 'archivo.txt');
    const run = await simulate(async () => {
      const t = new Thread({ name: 'escribir', target: writeFile, args: [path, 3, 0.3] });
      t.start();
      await t.join();
    });
    const rounds = run.output.filter((l) => l.startsWith('escribir')).length;
    expectLesson(rounds === 3, 'wrong-count', [`writeFile(path, 3, …) dio ${rounds} rondas en vez de 3: el bucle va de i = 1 a i = chunks, ambos incluidos (i <= chunks)`,
      `writeFile(path, 3, …) made ${rounds} rounds instead of 3: the loop goes from i = 1 to i = chunks, both included (i <= chunks)`]);
    expect(run.output, say('una línea «escribir i» por ronda', 'one "escribir i" line per round')).toEqual(['escribir 1', 'escribir 2', 'escribir 3']);
    expect(readFileSync(path, 'utf8'), say('un «1» por ronda', 'one "1" per round')).toBe('111');
    expect(run.elapsed, say('tres rondas de 0,3 s', 'three rounds of 0.3 s')).toBeCloseTo(0.9, 9);
  });

  test('checkSize reports the size of the file, or 0 while it does not exist', async () => {
    const present = join(dir, 'presente.txt');
    const missing = join(dir, 'ausente.txt');
    writeFileSync(present, '11');
    const run = await simulate(async () => {
      const a = new Thread({ name: 'chequear', target: checkSize, args: [present, 2, 0.1] });
      a.start();
      await a.join();
      const b = new Thread({ name: 'otro', target: checkSize, args: [missing, 1, 0.1] });
      b.start();
      await b.join();
    });
    const checks = run.output.filter((l) => l.startsWith('chequear')).length;
    expectLesson(checks === 2, 'wrong-count', [`checkSize(path, 2, …) hizo ${checks} comprobaciones en vez de 2: el bucle va de i = 1 a i = checks, ambos incluidos (i <= checks)`,
      `checkSize(path, 2, …) made ${checks} checks instead of 2: the loop goes from i = 1 to i = checks, both included (i <= checks)`]);
    expect(run.output).toEqual(['chequear 1 2 bytes', 'chequear 2 2 bytes', 'otro 1 0 bytes']);
    expect(run.elapsed).toBeCloseTo(0.3, 9);
  });

  test('runWithMonitor ends when the writer ends and removes the file', async () => {
    const path = join(dir, 'archivo.txt');
    const run = await simulate(async () => {
      const { writer, monitor } = await runWithMonitor(path, { chunks: 4, writeInterval: 0.3, checks: 100, checkInterval: 0.1 });
      return { writer: [writer.name, writer.daemon], monitor: [monitor.name, monitor.daemon], writerAliveAtReturn: writer.isAlive() };
    });
    const { writerAliveAtReturn, ...flags } = run.value;
    expectLesson(flags.writer[1] === false && flags.monitor[1] === true, 'daemon-flag', [
      `daemon del escritor (escribir): ${String(flags.writer[1])}, del vigilante (chequear): ${String(flags.monitor[1])}. El vigilante es demonio (daemon: true) para que el programa no lo espere; el escritor no (daemon: false), porque su trabajo tiene que terminar`,
      `daemon of the writer (escribir): ${String(flags.writer[1])}, of the watcher (chequear): ${String(flags.monitor[1])}. The watcher is a daemon (daemon: true) so the program does not wait for it; the writer is not (daemon: false), because its work has to finish`]);
    expectLesson(!writerAliveAtReturn, 'missing-join', ['runWithMonitor volvió con el escritor todavía en marcha: espéralo con await writer.join() antes de borrar el fichero y volver',
      'runWithMonitor returned with the writer still running: wait for it with await writer.join() before removing the file and returning']);
    expectLesson(run.output.some((l) => l.startsWith('chequear')), 'not-started', ['el vigilante (chequear) no imprimió nada: créalo y arráncalo con monitor.start() antes que el escritor',
      'the watcher (chequear) printed nothing: create it and start it with monitor.start() before the writer']);
    expect(flags, say('el vigilante (chequear) es demonio; el escritor (escribir), no', 'the watcher (chequear) is a daemon; the writer (escribir) is not'))
      .toEqual({ writer: ['escribir', false], monitor: ['chequear', true] });
    expect(
      run.elapsed,
      say(
        'el programa acaba con el escritor (4 × 0,3 s = 1,2 s), no cuando el vigilante acabaría (100 × 0,1 s = 10 s)',
        'the program ends with the writer (4 × 0.3 s = 1.2 s), not when the watcher would (100 × 0.1 s = 10 s)',
      ),
    ).toBeCloseTo(1.2, 9);
    expect(run.output.filter((l) => l.startsWith('escribir'))).toEqual(['escribir 1', 'escribir 2', 'escribir 3', 'escribir 4']);
    expect(existsSync(path), say('el fichero temporal no debe quedarse en el disco', 'the temporary file must not be left on disk')).toBe(false);
  });
});
