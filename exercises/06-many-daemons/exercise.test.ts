// Visible tests for exercise 06: run them with `npm test -- 06`. Virtual clock: instants are exact.
import { describe, test, expect } from 'vitest';
import { expectLesson, say } from '#course/kit';
import { recordLifecycle, simulate as simulateRaw } from '#runtime/testing';
import { Thread, getIdent } from '#runtime/threading';
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
    const lines = run.output.filter((l) => /^3 \d+ \d+$/.test(l)).length;
    const failed = run.output.some((l) => l.startsWith('Exception in thread'));
    expectLesson(failed || lines === 2, 'wrong-count', [
      `count(3, 2, 0.5) imprimió ${lines} ${lines === 1 ? 'línea' : 'líneas'} en vez de 2: el bucle va de i = 1 a i = upTo, ambos incluidos (i <= upTo)`,
      `count(3, 2, 0.5) printed ${lines} ${lines === 1 ? 'line' : 'lines'} instead of 2: the loop goes from i = 1 to i = upTo, both included (i <= upTo)`]);
    expect(run.output, say('cada línea: número, ident del hilo, contador', 'each line: number, thread ident, counter'))
      .toEqual([`3 ${run.value} 1`, `3 ${run.value} 2`]);
    expect(run.elapsed).toBe(1);
  });

  test('startCounters starts daemon threads with default names and returns at once', async () => {
    const run = await simulate(() => {
      const main = getIdent();
      const threads = startCounters([0.1, 0.2], 1).map((t) => ({ name: t.name, daemon: t.daemon, alive: t.isAlive() }));
      return { main, threads };
    });
    // `target: count(...)` runs count right away, in the creating thread: its first line carries the main ident.
    const inMain = run.output.filter((l) => l.split(' ')[1] === String(run.value.main));
    expectLesson(inMain.length === 0, 'target-called', [
      `count se ejecutó en el hilo principal (escribió «${inMain[0]}» con el ident de MainThread): target: count(i + 1, upTo, pause) llama a count en ese momento y le da al hilo su resultado (una Promise). Pasa la función y sus argumentos por separado: new Thread({ target: count, args: [i + 1, upTo, pause], daemon })`,
      `count ran in the main thread (it printed "${inMain[0]}" with MainThread's ident): target: count(i + 1, upTo, pause) calls count right then and hands the thread its result (a Promise). Pass the function and its arguments apart: new Thread({ target: count, args: [i + 1, upTo, pause], daemon })`]);
    const threads = run.value.threads;
    expectLesson(threads.some((t) => t.alive), 'not-started', [
      'startCounters devolvió hilos que no están vivos: nadie los arrancó. Llama a thread.start() para cada contador antes de volver (no run(), que ejecuta count en el hilo que llama)',
      'startCounters returned threads that are not alive: nobody started them. Call thread.start() on each counter before returning (not run(), which runs count in the calling thread)']);
    const flags = threads.map((t) => String(t.daemon)).join(', ');
    expectLesson(threads.every((t) => t.daemon), 'daemon-flag', [
      `startCounters([0.1, 0.2], 1) arrancó contadores con daemon = ${flags}: sin el tercer argumento deben ser demonios. El parámetro vale true por defecto (daemon = true) y se pasa a cada hilo: new Thread({ ..., daemon })`,
      `startCounters([0.1, 0.2], 1) started counters with daemon = ${flags}: without the third argument they must be daemons. The parameter defaults to true (daemon = true) and is passed to each thread: new Thread({ ..., daemon })`]);
    expect(threads, say('hilos demonio (daemon: true) con el nombre por defecto, ya arrancados', 'daemon threads (daemon: true) with the default name, already started')).toEqual([
      { name: 'Thread-1 (count)', daemon: true, alive: true },
      { name: 'Thread-2 (count)', daemon: true, alive: true },
    ]);
    expect(run.elapsed, say('startCounters no espera a los contadores', 'startCounters does not wait for the counters')).toBe(0);
  });

  test('joinAllButMain waits for every counter and reports each one', async () => {
    const run = await simulate(async () => {
      const threads = startCounters([0.3, 0.1, 0.2], 2);
      const { value: reports, events } = await recordLifecycle(() => explainJoinMain(joinAllButMain));
      const alive = threads.filter((t) => t.isAlive()).map((t) => t.name);
      const joined = events.filter((e) => e.kind === 'join').map((e) => e.name);
      return { reports, alive, joined, threads: threads.map((t) => ({ name: t.name, ident: t.ident })) };
    });
    const { alive, joined } = run.value;
    // join() called on a thread still alive at the return: the join was there, its await was not.
    const unawaited = alive.filter((name) => joined.includes(name));
    expectLesson(unawaited.length === 0, 'missing-await', [
      `joinAllButMain llamó a join() de ${unawaited.join(', ')} pero volvió con ${unawaited.length > 1 ? 'ellos vivos' : 'él vivo'}: join() devuelve una promesa que hay que esperar. Escribe await thread.join()`,
      `joinAllButMain called join() on ${unawaited.join(', ')} but returned with ${unawaited.length > 1 ? 'them' : 'it'} still alive: join() returns a promise you must wait for. Write await thread.join()`]);
    expectLesson(alive.length === 0, 'missing-join', [
      `joinAllButMain volvió con ${alive.join(', ')} ${alive.length > 1 ? 'todavía vivos' : 'todavía vivo'}: debe esperar a cada hilo de la lista con await thread.join() dentro del bucle, después de anotar su informe`,
      `joinAllButMain returned with ${alive.join(', ')} still alive: it must wait for each thread of the list with await thread.join() inside the loop, after recording its report`]);
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
