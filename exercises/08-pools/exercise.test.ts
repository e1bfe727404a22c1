// Visible tests for exercise 08: Pool.map keeps the order, download reports what happened, downloadAll
// downloads everything.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { expectLesson, say } from '#course/kit';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checksumAll, checksumStream, download, downloadAll, receiptChecksum } from './exercise.ts';
import { GATE_FILE_VAR, GATE_ID_VAR, startReceiptServer, type ReceiptServer } from './support.ts';

let server: ReceiptServer;
beforeAll(async () => {
  server = await startReceiptServer();
});
afterAll(async () => {
  await server.close();
});

test('checksumAll returns the checksums in the order of ids', async () => {
  const ids = [30, 10, 20, 10];
  const expected = ids.map(receiptChecksum);
  expect(await checksumAll(ids, 2), say('los resultados de Pool.map, en el orden de ids',
    'the results of Pool.map, in the order of ids')).toEqual(expected);
});

test('checksumStream hands each result over as soon as it is ready, in order', async () => {
  const ids = [41, 42, 43, 44, 45, 46];
  const dir = mkdtempSync(join(tmpdir(), 'curso-08-gate-'));
  const gate = join(dir, 'first-result-received');
  // The bank holds the last receipt back until the parent has received the first result.
  process.env[GATE_ID_VAR] = String(ids[ids.length - 1]);
  process.env[GATE_FILE_VAR] = gate;
  const got: [number, number][] = [];
  let failure: unknown = null;
  try {
    await checksumStream(ids, 2, (id, checksum) => {
      if (got.length === 0) writeFileSync(gate, 'ok');
      got.push([id, checksum]);
    });
  } catch (error) {
    failure = error;
  } finally {
    delete process.env[GATE_ID_VAR];
    delete process.env[GATE_FILE_VAR];
    rmSync(dir, { recursive: true, force: true });
  }
  if (failure instanceof Error && failure.message.includes('Not implemented yet')) throw failure;
  if (failure !== null) {
    expect.fail(say(`checksumStream falló (${String(failure).split('\n')[0]}): el último comprobante esperaba a que llegara el primer resultado, y no llegó hasta el final. pool.map entrega todo junto al acabar; pool.imap entrega cada resultado en cuanto está listo: for await (const suma of pool.imap(confirmedChecksum, ids))`,
      `checksumStream failed (${String(failure).split('\n')[0]}): the last receipt waited for the first result to arrive, and it did not until the end. pool.map hands everything over together at the end; pool.imap hands each result over as soon as it is ready: for await (const checksum of pool.imap(confirmedChecksum, ids))`));
  }
  // The right ids and checksums, in another order (or paired by position): results handed over as they finished.
  const expected = ids.map((id) => receiptChecksum(id));
  const sums = got.map(([, checksum]) => checksum);
  const sorted = (list: number[]): string => [...list].sort((a, b) => a - b).join();
  const shuffled = (list: number[], want: number[]): boolean => list.join() !== want.join() && sorted(list) === sorted(want);
  const idsShuffled = shuffled(got.map(([id]) => id), ids);
  const seen = idsShuffled
    ? [`llegaron los ids ${got.map(([id]) => id).join(', ')}`, `the ids came as ${got.map(([id]) => id).join(', ')}`]
    : ['cada suma de control llegó con el id de otro comprobante', 'checksums came paired with another receipt\'s id'];
  expectLesson(!idsShuffled && !shuffled(sums, expected), 'wrong-order', [
    `onResult recibió los resultados en el orden en que terminaron, no en el de ids (${seen[0]}): pool.imapUnordered entrega según acaban. Usa pool.imap, que entrega cada resultado en cuanto él y los anteriores están listos`,
    `onResult got the results in the order they finished, not in the order of ids (${seen[1]}): pool.imapUnordered hands them over as they finish. Use pool.imap, which hands each result over as soon as it and those before it are ready`]);
  expect(got, say('un onResult por id, en el orden de ids, con su suma de control', 'one onResult per id, in the order of ids, with its checksum'))
    .toEqual(ids.map((id, k) => [id, expected[k]]));
});

/** A fetch promise that notes when someone waits for it (await, then, catch): a native one would not say. */
class WatchedFetch<T> extends Promise<T> {
  static awaited = false;
  override then<A = T, B = never>(onFulfilled?: ((value: T) => A | PromiseLike<A>) | null, onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
    WatchedFetch.awaited = true;
    return super.then(onFulfilled, onRejected);
  }
}

test('download reports status and size of a receipt', async () => {
  const url = `${server.base}/receipts/7?size=321`;
  const realFetch = globalThis.fetch;
  let fetches = 0;
  WatchedFetch.awaited = false;
  globalThis.fetch = (...args: Parameters<typeof fetch>) => {
    fetches += 1;
    return WatchedFetch.resolve(realFetch(...args));
  };
  let result: Awaited<ReturnType<typeof download>>;
  try {
    result = await download(url);
  } finally {
    globalThis.fetch = realFetch;
  }
  expectLesson(fetches === 0 || WatchedFetch.awaited, 'missing-await', [
    `download devolvió status ${result.status} sin esperar a fetch: fetch(url) devuelve una promesa, y sin await «response» no es la respuesta (no tiene status ni arrayBuffer(); tu catch se tragó el TypeError). Escribe const response = await fetch(url)`,
    `download returned status ${result.status} without waiting for fetch: fetch(url) returns a promise, and without await "response" is not the response (it has no status and no arrayBuffer(); your catch swallowed the TypeError). Write const response = await fetch(url)`]);
  expectLesson(!(result.status === 200 && typeof result.bytes !== 'number'), 'missing-await', [
    `download devolvió bytes: ${String(result.bytes)}: response.arrayBuffer() devuelve una promesa, y una promesa no tiene byteLength. Escribe const body = await response.arrayBuffer()`,
    `download returned bytes: ${String(result.bytes)}: response.arrayBuffer() returns a promise, and a promise has no byteLength. Write const body = await response.arrayBuffer()`]);
  expect(result, say('una descarga correcta: status 200 y los bytes del cuerpo',
    'a good download: status 200 and the bytes of the body')).toEqual({ url, status: 200, bytes: 321 });
});

test('download turns a 404 into a result, not an exception', async () => {
  const url = `${server.base}/missing/8`;
  expect(await download(url), say('un 404 es un resultado con status 404', 'a 404 is a result with status 404'))
    .toMatchObject({ url, status: 404 });
});

test('downloadAll downloads every URL', async () => {
  const urls = [1, 2, 3].map((i) => `${server.base}/receipts/${i}?size=${10 * i}`);
  const results = await downloadAll(urls, 2);
  expect([...results].sort((a, b) => a.url.localeCompare(b.url)), say('un resultado por URL',
    'one result per URL')).toEqual(urls.map((url, i) => ({ url, status: 200, bytes: 10 * (i + 1) })));
});
