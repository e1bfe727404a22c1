// Hidden tests for exercise 09: exactly-once delivery through the queues, consumers that stop at their
// sentinel, both sides of the pipe protocol checked against a strict partner, and the one-way tally pipes (the
// ends each process received, from the lifecycle record: the same verdict on every run).
import { afterEach, expect, test } from 'vitest';
import { expectOwnPipeEnds, expectWaitedFor, failLesson, say, seeded as rng } from '#course/kit';
import * as mp from '#runtime/multiprocessing';
import { recordLifecycle, tapUnawaitedWaits, watchRaces, type LifecycleEvent, type UnawaitedWait } from '#runtime/testing';
import * as threading from '#runtime/threading';
import { askServer, collectTallies, consumer, noteTallies, producer, receiptServer, runQueues, tallyBatch, type Tally, type Ticket, type Validated } from './exercise.ts';
import { isValidReceipt, OUTBOX_SIZE, outboxesMade, pipeMistake, quittingServer, strictServer, tallyEndsProblem, TIMED_OUT, within } from './support.ts';

/** Where the student's targets live (saves the runtime a search through this file's imports). */
const EXERCISE = new URL('./exercise.ts', import.meta.url);

afterEach(() => {
  for (const child of mp.activeChildren()) child.terminate();
});

/** `count` distinct ids split into `batches` batches of random sizes (some may be empty). */
function randomBatches(seed: number, count: number, batches: number): number[][] {
  const next = rng(seed);
  const ids = new Set<number>();
  while (ids.size < count) ids.add(1 + Math.floor(next() * 100_000));
  const out: number[][] = Array.from({ length: batches }, () => []);
  for (const id of ids) out[Math.floor(next() * batches)]?.push(id);
  return out;
}

/**
 * True when the other end is closed and nothing is left to read. Checked before recv() because on Node 20 a
 * recv() on a pipe whose peer process died crashes the test process (runtime bug, reported); recv() would
 * otherwise throw EOFError here.
 */
function peerGone(conn: mp.Connection): boolean {
  const c = conn as unknown as { _peerClosed?: boolean; _inbox?: unknown[] };
  return c._peerClosed === true && (c._inbox?.length ?? 0) === 0;
}

const NEVER_STOPS = say(
  'runQueues no termina: o algún consumidor sigue esperando en get() (hace falta un centinela null por consumidor, cuando hayan acabado los productores), o esperas resultados que no llegan porque un consumidor paró antes de tiempo (¿centinelas antes de que acaben los productores?), o esperaste (join) a los consumidores antes de sacar sus resultados de la outbox',
  'runQueues never returns: either some consumer still waits in get() (one sentinel null per consumer is needed, once the producers are done), or you wait for results that never come because a consumer stopped too early (sentinels before the producers finished?), or you waited (join) for the consumers before taking their results out of the outbox');

test('more results than the outbox holds: collected before joining the consumers', async () => {
  const batches = randomBatches(9041, 12 * OUTBOX_SIZE, 3);
  const before = outboxesMade.length;
  const results = await within(20, runQueues(batches, 2));
  if (outboxesMade.length === before) {
    expect.fail(say('runQueues no usa newOutbox(): la cola de resultados tiene que ser la de support.ts, que admite pocos resultados a la vez',
      'runQueues does not use newOutbox(): the results queue must be the one from support.ts, which holds few results at a time'));
  }
  if (results === TIMED_OUT) {
    expect.fail(say(`runQueues se quedó esperando con ${12 * OUTBOX_SIZE} resultados y una outbox de ${OUTBOX_SIZE}: esperaste (join) a los consumidores antes de sacar sus resultados, y un consumidor parado en put() con la cola llena no termina nunca. Saca los resultados primero y haz join después`,
      `runQueues got stuck with ${12 * OUTBOX_SIZE} results and an outbox of ${OUTBOX_SIZE}: you waited (join) for the consumers before taking their results out, and a consumer stopped in put() on a full queue never ends. Take the results out first and join afterwards`));
  }
  expect(results.map((r) => r.studentId).sort((a, b) => a - b), say('todos los comprobantes, una vez', 'every receipt, once'))
    .toEqual(batches.flat().sort((a, b) => a - b));
});

test('every receipt arrives exactly once with several producers and consumers', async () => {
  const batches = randomBatches(9001, 120, 3);
  const all = batches.flat();
  const results = await within(15, runQueues(batches, 3));
  if (results === TIMED_OUT) expect.fail(NEVER_STOPS);
  const seen = new Map<number, number>();
  for (const r of results) seen.set(r.studentId, (seen.get(r.studentId) ?? 0) + 1);
  const lost = all.filter((id) => !seen.has(id));
  const repeated = [...seen].filter(([, n]) => n > 1).map(([id]) => id);
  expect(lost, say(`se perdieron ${lost.length} comprobantes (¿algún consumidor paró antes de tiempo, o leíste menos resultados de los que había?)`,
    `${lost.length} receipts were lost (did a consumer stop too early, or did you read fewer results than there were?)`)).toEqual([]);
  expect(repeated, say('comprobantes repetidos: cada id se mete una sola vez y cada consumidor produce un resultado por id',
    'repeated receipts: each id is put once and each consumer makes one result per id')).toEqual([]);
  expect(results.length, say('un resultado por comprobante', 'one result per receipt')).toBe(all.length);
  for (const r of results) {
    expect(r.valid, say(`validez de ${r.studentId} (isValidReceipt)`, `validity of ${r.studentId} (isValidReceipt)`))
      .toBe(isValidReceipt(r.studentId));
  }
  const consumers = new Set(results.map((r) => r.by));
  expect([...consumers].every((name) => typeof name === 'string' && name !== '' && name !== 'MainProcess'), say(
    'los resultados los producen los procesos consumidores (by: el nombre del proceso, no MainProcess)',
    'the results are made by the consumer processes (by: the process name, not MainProcess)')).toBe(true);
  expect(mp.activeChildren(), say('runQueues no deja procesos vivos', 'runQueues leaves no process alive')).toEqual([]);
});

test('all consumers stop, even when there are more consumers than batches', async () => {
  const batches = randomBatches(9002, 10, 1);
  const results = await within(12, runQueues(batches, 3));
  if (results === TIMED_OUT) expect.fail(NEVER_STOPS);
  expect(results.length, say('un resultado por comprobante', 'one result per receipt')).toBe(10);
  expect(mp.activeChildren(), say('los 3 consumidores terminaron', 'the 3 consumers ended')).toEqual([]);
});

test('a consumer stops at its sentinel and takes nothing after it', async () => {
  const inbox = new mp.Queue<Ticket>();
  const outbox = new mp.Queue<Validated>();
  const ids = [3, 39, 12];
  for (const id of ids) await inbox.put(id);
  await inbox.put(null);
  await inbox.put(777);
  const p = new mp.Process({ target: consumer, args: [inbox, outbox], targetModule: EXERCISE });
  p.start();
  await p.join(10);
  if (p.isAlive()) {
    expect.fail(say('el consumidor no terminó al recibir el centinela null', 'the consumer did not stop on the sentinel null'));
  }
  expect(p.exitcode, say('el consumidor termina bien', 'the consumer ends well')).toBe(0);
  const got: Validated[] = [];
  for (let i = 0; i < ids.length; i++) got.push(await outbox.get(true, 5));
  expect(got.map((v) => [v.studentId, v.valid, v.by]), say('un resultado por id, con su proceso en by',
    'one result per id, with its process in by')).toEqual(ids.map((id) => [id, isValidReceipt(id), p.name]));
  expect(await inbox.get(true, 5), say('el consumidor no debe sacar nada después de su centinela',
    'the consumer must take nothing after its sentinel')).toBe(777);
});

test('runQueues runs each producer and consumer as a process that ends well', async () => {
  const started: mp.Process[] = [];
  const proto = mp.Process.prototype;
  const { start } = proto;
  proto.start = function (this: mp.Process) {
    started.push(this);
    return start.call(this);
  };
  let results: Validated[] | typeof TIMED_OUT;
  try {
    results = await within(15, runQueues([[11, 12, 13], [14, 15]], 2));
  } finally {
    proto.start = start;
  }
  if (results === TIMED_OUT) expect.fail(NEVER_STOPS);
  expect(started.length, say('un proceso por lote y uno por consumidor', 'one process per batch and one per consumer')).toBe(4);
  for (const p of started) {
    const target = (p as unknown as { _target?: unknown })._target;
    if (target !== null && target !== undefined && typeof target !== 'function') {
      failLesson('target-called', [
        `${p.name} recibió como target el resultado de una llamada, no una función (exit code ${p.exitcode}): con target: producer(inbox, lote) el proceso principal hace el trabajo él mismo. Pasa la función y sus argumentos aparte: target: producer, args: [inbox, lote]`,
        `${p.name} got the result of a call as its target, not a function (exit code ${p.exitcode}): with target: producer(inbox, batch) the main process does the work itself. Pass the function and its arguments apart: target: producer, args: [inbox, batch]`],
      ['new mp.Process({ target: producer, args: [inbox, batch] }): sin paréntesis después de producer.',
        'new mp.Process({ target: producer, args: [inbox, batch] }): no parentheses after producer.']);
    }
    expect(p.exitcode, say(`${p.name} termina bien (código de salida 0)`, `${p.name} ends well (exit code 0)`)).toBe(0);
  }
});

test('a consumer waits for room in a full outbox before taking the next id', async () => {
  // In a thread of this process, where the runtime reports a wait nobody awaited: a consumer that does not await
  // its put() takes the next id and starts the next put while the last still waits for room (capacity 1, nobody
  // reading yet), and the runtime refuses it, the same in every run. One that awaits holds the next id back.
  const inbox = new mp.Queue<Ticket>();
  const outbox = new mp.Queue<Validated>(1);
  const ids = [1, 2, 3, 4, 5, 6, 7, 8];
  for (const id of ids) await inbox.put(id);
  await inbox.put(null);
  const unawaited: UnawaitedWait[] = [];
  const stopTap = tapUnawaitedWaits((wait) => void unawaited.push(wait));
  const got: number[] = [];
  const t = new threading.Thread({ target: consumer, args: [inbox, outbox], name: 'consumer' });
  try {
    t.start();
    const deadline = Date.now() + 20_000; // a bound for a stuck consumer, never reached by one that works
    while (got.length < ids.length && unawaited.length === 0 && Date.now() < deadline) {
      try {
        got.push((await outbox.get(true, 0.2)).studentId);
      } catch {
        if (!t.isAlive()) break; // ended, and nothing more is coming
      }
    }
    await t.join(5);
  } finally {
    stopTap();
  }
  const dropped = unawaited.find((wait) => wait.who.startsWith('consumer') && /put/.test(wait.what));
  if (dropped !== undefined) {
    failLesson('missing-await', [
      `el consumidor sacó otro id de inbox y empezó otro put() mientras el anterior seguía esperando sitio en la outbox llena (capacidad 1): su put() no lleva await${dropped.site === null ? '' : ` (${dropped.site})`}. Escribe await outbox.put(...): así un consumidor no acapara trabajo que no puede entregar`,
      `the consumer took another id from inbox and started another put() while the last one still waited for room in the full outbox (capacity 1): its put() has no await${dropped.site === null ? '' : ` (${dropped.site})`}. Write await outbox.put(...): then a consumer never hoards work it cannot deliver`],
    ['await outbox.put({ studentId: id, valid: isValidReceipt(id), by }).', 'await outbox.put({ studentId: id, valid: isValidReceipt(id), by }).']);
  }
  expect(got, say('un resultado por id, en orden', 'one result per id, in order')).toEqual(ids);
  expect(t.isAlive(), say('el consumidor termina en su centinela', 'the consumer ends at its sentinel')).toBe(false);
});

test('a producer puts its ids in order and no sentinel', async () => {
  const next = rng(9003);
  const ids = Array.from({ length: 15 }, () => Math.floor(next() * 1000));
  const q = new mp.Queue<Ticket>();
  const p = new mp.Process({ target: producer, args: [q, ids], targetModule: EXERCISE });
  p.start();
  await p.join(10);
  expect(p.exitcode, say('el productor termina bien', 'the producer ends well')).toBe(0);
  const got: Ticket[] = [];
  for (let i = 0; i < ids.length; i++) got.push(await q.get(true, 5));
  expect(got, say('los ids del lote, en orden', 'the batch ids, in order')).toEqual(ids);
  const EMPTY = Symbol('empty');
  const extra = await q.get(true, 0.2).then((v) => v, () => EMPTY);
  expect(extra, say(
    'el productor no mete centinelas: los pone el proceso principal cuando TODOS los productores han terminado',
    'the producer puts no sentinels: the main process puts them once ALL producers have finished')).toBe(EMPTY);
});

test('a producer waits for room in a full inbox', async () => {
  // In a thread of this process, where the runtime reports a wait nobody awaited: a producer that does not await
  // its put() starts the next put while the last still waits for room (capacity 1, nobody reading yet), and the
  // runtime refuses it, the same in every run. One that awaits simply waits.
  const inbox = new mp.Queue<Ticket>(1);
  const ids = [11, 12, 13, 14, 15, 16];
  const unawaited: UnawaitedWait[] = [];
  const stopTap = tapUnawaitedWaits((wait) => void unawaited.push(wait));
  const got: Ticket[] = [];
  const t = new threading.Thread({ target: producer, args: [inbox, ids], name: 'producer' });
  try {
    t.start();
    const deadline = Date.now() + 20_000; // a bound for a stuck producer, never reached by one that works
    while (got.length < ids.length && unawaited.length === 0 && Date.now() < deadline) {
      try {
        got.push(await inbox.get(true, 0.2));
      } catch {
        if (!t.isAlive()) break; // ended, and nothing more is coming
      }
    }
    await t.join(5);
  } finally {
    stopTap();
  }
  const dropped = unawaited.find((wait) => wait.who.startsWith('producer') && /put/.test(wait.what));
  if (dropped !== undefined) {
    failLesson('missing-await', [
      `el productor empezó un put() mientras el anterior seguía esperando sitio en una inbox llena (capacidad 1): su put() no lleva await${dropped.site === null ? '' : ` (${dropped.site})`}. Sin await, los ids se pierden o llegan desordenados. Escribe await inbox.put(id)`,
      `the producer started a put() while the last one still waited for room in a full inbox (capacity 1): its put() has no await${dropped.site === null ? '' : ` (${dropped.site})`}. Without await the ids get lost or arrive out of order. Write await inbox.put(id)`],
    ['for (const id of studentIds) await inbox.put(id);', 'for (const id of studentIds) await inbox.put(id);']);
  }
  expect(got, say('los ids del lote, en orden, aunque la inbox solo quepa uno', 'the batch ids, in order, although the inbox holds only one')).toEqual(ids);
  expect(t.isAlive(), say('el productor termina', 'the producer ends')).toBe(false);
});

test('the server answers exactly one message per request and stops on stop', async () => {
  const next = rng(9004);
  const ids = Array.from({ length: 8 }, () => Math.floor(next() * 200) - 20);
  const [mine, theirs] = mp.Pipe();
  const p = new mp.Process({ target: receiptServer, args: [theirs], targetModule: EXERCISE });
  p.start();
  for (const id of ids) {
    mine.send({ op: 'validate', studentId: id });
    if (!(await mine.poll(10))) {
      expect.fail(say(`el servidor no contestó a la petición de ${id}: cada recv del cliente necesita un send del servidor`,
        `the server did not answer the request for ${id}: every client recv needs a server send`));
    }
    if (peerGone(mine)) {
      await p.join(5);
      expect.fail(say(`el servidor terminó sin contestar a la petición de ${id} (código de salida ${p.exitcode}): ¿lanzó una excepción?`,
        `the server ended without answering the request for ${id} (exit code ${p.exitcode}): did it throw?`));
    }
    expect(await mine.recv(), say(
      'el servidor debe contestar a cada petición con su Answer, y nada más (ni saludos ni mensajes extra: cada send del servidor responde a un recv del cliente)',
      'the server must answer each request with its Answer, and nothing else (no greetings or extra messages: each server send answers one client recv)'))
      .toEqual({ studentId: id, valid: isValidReceipt(id) });
  }
  expect(await mine.poll(0.2), say('el servidor envió un mensaje que nadie pidió: sobra un send',
    'the server sent a message nobody asked for: there is a send too many')).toBe(false);
  mine.send({ op: 'stop' });
  await p.join(10);
  if (p.isAlive()) {
    expect.fail(say('el servidor sigue vivo después de stop: debe cerrar su extremo y terminar',
      'the server is still alive after stop: it must close its end and return'));
  }
  expect(p.exitcode, say('el servidor termina bien', 'the server ends well')).toBe(0);
});

test('the client keeps the protocol with a strict server', async () => {
  const next = rng(9005);
  const ids = Array.from({ length: 10 }, () => Math.floor(next() * 500));
  let answers: Awaited<ReturnType<typeof askServer>> | typeof TIMED_OUT;
  let events: LifecycleEvent[] = [];
  try {
    const run = await recordLifecycle(() => within(10, askServer(ids, strictServer)));
    answers = run.value;
    events = run.events;
  } catch (error) {
    expect.fail(say(
      `askServer lanzó ${String(error)}: ¿un recv sin su send (EOFError al cerrarse el servidor)?`,
      `askServer threw ${String(error)}: a recv without its send (EOFError once the server closed)?`));
  }
  if (answers === TIMED_OUT) {
    expect.fail(say('askServer se quedó esperando en recv(): hay un recv sin su send en el otro lado (¿esperas respuesta a stop?)',
      'askServer got stuck in recv(): there is a recv with no send on the other side (waiting for an answer to stop?)'));
  }
  expect(answers, say('una respuesta por id, en el orden de ids', 'one answer per id, in the order of ids'))
    .toEqual(ids.map((studentId) => ({ studentId, valid: isValidReceipt(studentId) })));
  expectWaitedFor(events, 'Process', 'askServer', mp.activeChildren().map((p) => p.name));
  expect(mp.activeChildren(), say('askServer espera al proceso servidor (join)', 'askServer waits for the server process (join)'))
    .toEqual([]);
});

test('the client lets the error reach its caller when the server hangs up', async () => {
  let outcome: unknown;
  try {
    outcome = await within(10, askServer([5, 13, 8, 21, 34], quittingServer));
  } catch (error) {
    outcome = error;
  }
  if (outcome === TIMED_OUT) {
    expect.fail(say('askServer se quedó esperando después de que el servidor colgara: recv() en un extremo cuyo otro lado se cerró lanza EOFError, y send() lanza BrokenPipeError',
      'askServer got stuck after the server hung up: recv() on an end whose other side closed raises EOFError, and send() raises BrokenPipeError'));
  }
  if (Array.isArray(outcome)) {
    failLesson('error-swallowed', [
      `el servidor colgó tras 2 respuestas de 5 y askServer devolvió ${outcome.length} respuestas como si todo fuera bien: un catch se tragó el error (EOFError o BrokenPipeError). Deja que el error llegue a quien llama (try/finally, sin catch) y cierra y espera en el finally`,
      `the server hung up after 2 answers of 5 and askServer returned ${outcome.length} answers as if all went well: a catch swallowed the error (EOFError or BrokenPipeError). Let the error reach the caller (try/finally, no catch) and close and join in the finally`],
    ['try { …send/recv… } finally { mine.close(); await p.join(); }: sin catch.', 'try { …send/recv… } finally { mine.close(); await p.join(); }: no catch.']);
  }
  // The client's next send() may meet the closed end first (BrokenPipeError) or its recv() may (EOFError): the race
  // between the server's close and the client's send decides which, and either must reach the caller.
  const name = outcome instanceof Error ? outcome.name : String(outcome);
  expect(name, say('el error del extremo cerrado (EOFError o BrokenPipeError) llega a quien llama',
    'the closed end\'s error (EOFError or BrokenPipeError) reaches the caller')).toMatch(/^(EOFError|BrokenPipeError)$/);
  expect(mp.activeChildren(), say('askServer espera al proceso servidor también cuando falla (join en el finally)',
    'askServer waits for the server process even when it fails (join in the finally)')).toEqual([]);
});

test('empty inputs: no batches, empty batches, no questions', async () => {
  expect(await within(10, runQueues([], 1)), say('sin lotes, sin resultados', 'no batches, no results')).toEqual([]);
  expect(await within(10, runQueues([[], []], 1)), say('lotes vacíos, sin resultados', 'empty batches, no results')).toEqual([]);
  expect(await within(10, askServer([], strictServer)), say('sin preguntas, sin respuestas', 'no questions, no answers')).toEqual([]);
  expect(await within(10, collectTallies([])), say('sin lotes, sin recuentos', 'no batches, no tallies')).toEqual([]);
  expect(mp.activeChildren(), say('no queda ningún proceso vivo', 'no process is left alive')).toEqual([]);
});

test('every tally process gets the writing end of its own one-way pipe', async () => {
  const batches = randomBatches(9006, 40, 5);
  const { value: tallies, events } = await recordLifecycle(async () => {
    try {
      return await within(15, collectTallies(batches));
    } catch (error) {
      const mistake = pipeMistake(error);
      if (mistake !== null) expect.fail(say(...mistake));
      throw error;
    }
  });
  const ends = tallyEndsProblem(events);
  if (ends !== null) expect.fail(say(...ends));
  if (tallies === TIMED_OUT) {
    expect.fail(say('collectTallies se quedó esperando: ¿un recv() en una tubería cuyo proceso no envía nada? Cada proceso envía un Tally por su writer y el padre lee uno de cada reader',
      'collectTallies got stuck: a recv() on a pipe whose process sends nothing? Each process sends one Tally through its writer and the parent reads one from each reader'));
  }
  expect(tallies, say('un Tally por lote, en el orden de los lotes', 'one Tally per batch, in batch order')).toEqual(batches.map((ids, batch) =>
    ({ batch, receipts: ids.length, valid: ids.filter(isValidReceipt).length })));
  expectWaitedFor(events, 'Process', 'collectTallies', mp.activeChildren().map((p) => p.name));
  expect(events.filter((e) => e.kind === 'start' && e.what === 'Process').length, say('un proceso por lote', 'one process per batch')).toBe(batches.length);
  expect(mp.activeChildren(), say('collectTallies espera a sus procesos (join)', 'collectTallies waits for its processes (join)')).toEqual([]);
});

test('tallyBatch sends exactly one tally through the writing end', async () => {
  const ids = [26, 5, 7, 0, 91];
  const [reader, writer] = mp.Pipe(false);
  const p = new mp.Process({ target: tallyBatch, args: [writer, 3, ids], targetModule: EXERCISE });
  p.start();
  if (!(await reader.poll(10))) {
    expect.fail(say('tallyBatch no envió nada por writer', 'tallyBatch sent nothing through writer'));
  }
  if (peerGone(reader)) {
    await p.join(5);
    expect.fail(say(`tallyBatch terminó sin enviar su Tally (código de salida ${p.exitcode}): ¿lanzó una excepción?`,
      `tallyBatch ended without sending its Tally (exit code ${p.exitcode}): did it throw?`));
  }
  expect(await reader.recv(), say('{ batch, receipts: cuántos ids, valid: cuántos válidos } (26, 0 y 91 no son válidos)',
    '{ batch, receipts: how many ids, valid: how many are valid } (26, 0 and 91 are not valid)'))
    .toEqual({ batch: 3, receipts: 5, valid: 2 });
  await p.join(10);
  expect(p.exitcode, say('tallyBatch termina bien', 'tallyBatch ends well')).toBe(0);
  expect(await reader.poll(5), say('el proceso terminó', 'the process ended')).toBe(true);
  const EOF = Symbol('EOF');
  const next = peerGone(reader) ? EOF : await reader.recv().catch((error: unknown) => (error instanceof mp.EOFError ? EOF : error));
  expect(next, say('tallyBatch envía un solo Tally: no envía nada más', 'tallyBatch sends a single Tally: nothing else')).toBe(EOF);
});

test('the desks note every tally once, and one thread at a time reads the pipe', async () => {
  const watch = watchRaces();
  const [reader, writer] = mp.Pipe(false);
  const tallies: Tally[] = Array.from({ length: 6 }, (_, batch) => ({ batch, receipts: batch + 2, valid: batch }));
  const noting = noteTallies(reader, 3);
  // Sent from a thread started after the desks: whoever reads the pipe is already waiting in recv() by then.
  const sender = new threading.Thread({ name: 'sender', target: () => {
    for (const tally of tallies) writer.send(tally);
    writer.close();
  } });
  sender.start();
  const noted = await noting;
  await sender.join();
  expectOwnPipeEnds(watch, [
    'Que lea la tubería un solo hilo (el que llama a noteTallies) y reparta cada recuento a las mesas por una queue.Queue, con un centinela por mesa al final.',
    'Let one thread read the pipe (the one calling noteTallies) and hand each tally to the desks through a queue.Queue, with one sentinel per desk at the end.',
  ]);
  expect(noted.map((n) => n.tally).sort((a, b) => a.batch - b.batch), say('cada recuento anotado una vez', 'every tally noted once'))
    .toEqual(tallies);
  expect(noted.every((n) => n.desk !== 'MainThread'), say('anotan las mesas (hilos), no MainThread', 'the desks (threads) note them, not MainThread'))
    .toBe(true);
});

test('an error of recv() other than EOFError reaches the caller, and every desk still ends', async () => {
  // The writing end of a one-way pipe cannot be read: recv() raises OSError at once.
  const [, writer] = mp.Pipe(false);
  const desksBefore = threading.enumerate().length;
  let raised: unknown = null;
  let noted: unknown;
  try {
    noted = await noteTallies(writer, 2);
  } catch (error) {
    raised = error;
  } finally {
    writer.close();
  }
  if (raised === null) {
    failLesson('error-swallowed', [
      `noteTallies devolvió ${JSON.stringify(noted)} cuando recv() lanzó OSError (recibió el extremo de escritura): un catch se tragó el error y quien llamó cree que no hubo recuentos. Deja pasar lo que no sea EOFError`,
      `noteTallies returned ${JSON.stringify(noted)} when recv() raised OSError (it was given the writing end): a catch swallowed the error and the caller believes there were no tallies. Let anything other than EOFError through`],
    ['catch (error) { if (!(error instanceof mp.EOFError)) throw error; }', 'catch (error) { if (!(error instanceof mp.EOFError)) throw error; }']);
  }
  expect(raised, say('el OSError de recv() llega a quien llamó', "recv()'s OSError reaches the caller")).toBeInstanceOf(mp.OSError);
  const left = threading.enumerate().slice(desksBefore).map((t) => t.name);
  if (left.length > 0) {
    failLesson('missing-signal', [
      `tras el error de recv(), ${left.join(', ')} siguen esperando en get(): ninguna mesa recibió su centinela. Pon los centinelas y los join() de las mesas en un finally`,
      `after recv()'s error, ${left.join(', ')} still wait in get(): no desk got its sentinel. Put the desks' sentinels and join()s in a finally`],
    ['try { ...recv()... } catch (error) { ... } finally { centinelas; joins }', 'try { ...recv()... } catch (error) { ... } finally { sentinels; joins }']);
  }
});
