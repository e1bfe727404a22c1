// Visible tests for exercise 05: run them with `npm test -- 05`. Virtual clock and a real file in a temporary
// folder (removed after each test).
import { afterEach, beforeEach, describe, test, expect } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { say } from '#grader/testkit';
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
    expect(run.output).toEqual(['chequear 1 2 bytes', 'chequear 2 2 bytes', 'otro 1 0 bytes']);
    expect(run.elapsed).toBeCloseTo(0.3, 9);
  });

  test('runWithMonitor ends when the writer ends and removes the file', async () => {
    const path = join(dir, 'archivo.txt');
    const run = await simulate(async () => {
      const { writer, monitor } = await runWithMonitor(path, { chunks: 4, writeInterval: 0.3, checks: 100, checkInterval: 0.1 });
      return { writer: [writer.name, writer.daemon], monitor: [monitor.name, monitor.daemon] };
    });
    expect(run.value, say('el vigilante (chequear) es demonio; el escritor (escribir), no', 'the watcher (chequear) is a daemon; the writer (escribir) is not'))
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
