// Visible tests for exercise 08: Pool.map keeps the order, download reports what happened, downloadAll
// downloads everything.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { say } from '#grader/testkit';
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
  expect(got, say('un onResult por id, en el orden de ids, con su suma de control', 'one onResult per id, in the order of ids, with its checksum'))
    .toEqual(ids.map((id) => [id, receiptChecksum(id)]));
});

test('download reports status and size of a receipt', async () => {
  const url = `${server.base}/receipts/7?size=321`;
  expect(await download(url), say('una descarga correcta: status 200 y los bytes del cuerpo',
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
