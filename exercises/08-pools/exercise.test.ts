// Visible tests for exercise 08: Pool.map keeps the order, download reports what happened, downloadAll
// downloads everything.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { say } from '#grader/testkit';
import { checksumAll, download, downloadAll, receiptChecksum } from './exercise.ts';
import { startReceiptServer, type ReceiptServer } from './support.ts';

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
