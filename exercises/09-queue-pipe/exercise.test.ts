// Visible tests for exercise 09: the queue pipeline, the pipe conversation and the one-way tally pipes, basic cases.
import { afterEach, expect, test } from 'vitest';
import { expectNoPromise, expectWaitedFor, failLesson, isPromiseLike, LessonFailure, say } from '#course/kit';
import * as mp from '#runtime/multiprocessing';
import { onLifecycle, recordLifecycle, type LifecycleEvent } from '#runtime/testing';
import { askServer, collectTallies, runQueues } from './exercise.ts';
import { pipeMistake, tallyEndsProblem } from './support.ts';

afterEach(() => {
  for (const child of mp.activeChildren()) child.terminate();
});

/**
 * While `fn` runs, a Process started with a Promise among its fields got the result of calling its target
 * (`target: tally(writer, i, ids)`), not the function: named before start() fails on what that call did.
 */
async function refusingCalledTargets<T>(fn: () => Promise<T>): Promise<T> {
  const proto = mp.Process.prototype;
  const { start } = proto;
  proto.start = function (this: mp.Process) {
    if (Object.values(this).some(isPromiseLike)) {
      failLesson('target-called', [
        `${this.name} recibió como target el resultado de llamar a la función (una Promise): la función se ejecutó en el proceso principal, no en el hijo. Pasa la función sin llamarla: new mp.Process({ target: tally, args: [writer, i, ids] })`,
        `${this.name} got as its target the result of calling the function (a Promise): the function ran in the main process, not in the child. Pass the function without calling it: new mp.Process({ target: tally, args: [writer, i, ids] })`],
      ['target: tally, args: [writer, i, ids] (sin paréntesis detrás de tally).', 'target: tally, args: [writer, i, ids] (no parentheses after tally).']);
    }
    return start.call(this);
  };
  try {
    return await fn();
  } finally {
    proto.start = start;
  }
}

test('runQueues validates every receipt of every batch', async () => {
  const results = await runQueues([[1, 2], [26, 4]], 2);
  expectNoPromise(results, ['un resultado de runQueues', 'a result of runQueues'], 'results.push(await outbox.get())');
  const sorted = [...results].sort((a, b) => a.studentId - b.studentId);
  expect(sorted.map((r) => [r.studentId, r.valid]), say('cada comprobante una vez, con su validez (26 es múltiplo de 13)',
    'every receipt once, with its validity (26 is a multiple of 13)')).toEqual([[1, true], [2, true], [4, true], [26, false]]);
  for (const r of results) {
    expect(r.by, say('by: el nombre del proceso consumidor que lo validó (no MainProcess)',
      'by: the name of the consumer process that checked it (not MainProcess)')).not.toBe('MainProcess');
  }
});

test('askServer gets one answer per student, in order', async () => {
  const { value: answers, events } = await recordLifecycle(() => askServer([5, 13, 8]));
  // The server has received stop and may be ending, but only an awaited join() makes sure it has.
  expectWaitedFor(events, 'Process', 'askServer', mp.activeChildren().map((p) => p.name));
  expectNoPromise(answers, ['una respuesta de askServer', 'an answer of askServer'], 'answers.push(await mine.recv())');
  const unread = answers.find((a: unknown) => typeof a === 'object' && a !== null && 'valid' in a && (a as { studentId?: unknown }).studentId === undefined);
  if (unread !== undefined) {
    failLesson('missing-await', [
      `el servidor contestó ${JSON.stringify(unread)}, sin studentId: respondió sin haber leído la petición. const request = conn.recv() sin await da una Promise, y request.op y request.studentId son undefined. Escribe const request = await conn.recv()`,
      `the server answered ${JSON.stringify(unread)}, with no studentId: it answered without having read the request. const request = conn.recv() without await gives a Promise, and request.op and request.studentId are undefined. Write const request = await conn.recv()`],
    ['En el servidor: for (;;) { const request = await conn.recv(); if (request.op === \'stop\') break; conn.send({ ... }); }', 'In the server: for (;;) { const request = await conn.recv(); if (request.op === \'stop\') break; conn.send({ ... }); }']);
  }
  expect(answers, say('una respuesta por id, en el orden de ids', 'one answer per id, in the order of ids'))
    .toEqual([{ studentId: 5, valid: true }, { studentId: 13, valid: false }, { studentId: 8, valid: true }]);
});

test('runQueues needs at least one consumer', async () => {
  await expect(runQueues([[1]], 0), say('con 0 consumidores, RangeError', 'with 0 consumers, RangeError'))
    .rejects.toThrow(RangeError);
});

test('collectTallies gets one tally per batch, each through its own one-way pipe', async () => {
  const batches = [[1, 2, 13], [4]];
  const events: LifecycleEvent[] = [];
  const stop = onLifecycle((event) => events.push(event));
  let tallies: Awaited<ReturnType<typeof collectTallies>>;
  try {
    tallies = await refusingCalledTargets(() => collectTallies(batches));
  } catch (error) {
    if (error instanceof LessonFailure) throw error;
    const mistake = pipeMistake(error);
    if (mistake !== null) expect.fail(say(...mistake));
    const starts = events.filter((e) => e.kind === 'start' && e.what === 'Process').length;
    if (error instanceof Error && error.name === 'EOFError' && starts < batches.length) {
      failLesson('not-started', [
        `collectTallies arrancó ${starts} de ${batches.length} procesos y leyó de una tubería cuyo proceso nunca arrancó (EOFError: nadie iba a escribir en ella). Llama a p.start() en cada proceso antes de leer`,
        `collectTallies started ${starts} of ${batches.length} processes and read from a pipe whose process never started (EOFError: nobody was going to write into it). Call p.start() on every process before reading`],
      ['for (const p of processes) p.start(); antes de cerrar los writer del padre y leer de cada reader.', 'for (const p of processes) p.start(); before closing the parent\'s writers and reading from each reader.']);
    }
    throw error;
  } finally {
    stop();
  }
  const ends = tallyEndsProblem(events);
  if (ends !== null) expect.fail(say(...ends));
  expectWaitedFor(events, 'Process', 'collectTallies', mp.activeChildren().map((p) => p.name));
  expect(tallies, say('un Tally por lote, en el orden de los lotes (13 no es válido)', 'one Tally per batch, in batch order (13 is not valid)'))
    .toEqual([{ batch: 0, receipts: 3, valid: 2 }, { batch: 1, receipts: 1, valid: 1 }]);
});
