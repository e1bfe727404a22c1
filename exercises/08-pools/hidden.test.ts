// Hidden tests for exercise 08: nothing lost or duplicated, work done in the pool's processes, failures
// isolated, downloads concurrent but bounded, completion order, bad input.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { failLesson, say, seeded as rng } from '#course/kit';
import * as mp from '#runtime/multiprocessing';
import { checksumAll, checksumStream, download, downloadAll, receiptChecksum, stats, type DownloadResult } from './exercise.ts';
import { startReceiptServer, type ReceiptServer } from './support.ts';

let server: ReceiptServer;
beforeAll(async () => {
  server = await startReceiptServer();
});
afterAll(async () => {
  await server.close();
});

const byUrl = (a: DownloadResult, b: DownloadResult): number => a.url.localeCompare(b.url);

/** The bank's checksum, as the exercise gives it: `rounds` rounds of FNV-1a-like mixing. */
function bankChecksum(id: number, rounds = 20_000): number {
  let h = 2166136261 ^ id;
  for (let i = 0; i < rounds; i++) {
    h ^= i + id;
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h;
}

/** receiptChecksum is given code: the tests' expected checksums come from it, so it must still be the bank's. */
function expectGivenChecksum(): void {
  const ids = [0, 7, 8001, 499];
  const got = ids.map((id) => receiptChecksum(id));
  for (const rounds of [19_999, 20_001]) {
    if (got.every((sum, k) => sum === bankChecksum(ids[k]!, rounds))) {
      failLesson('wrong-count', [
        `receiptChecksum da ${rounds} vueltas en vez de 20000: el bucle ya escrito va de i = 0 a i < 20_000. Déjalo como venía`,
        `receiptChecksum makes ${rounds} rounds instead of 20000: the given loop goes from i = 0 to i < 20_000. Leave it as it came`]);
    }
  }
  expect(got, say('receiptChecksum es código ya escrito: debe devolver la suma de control del banco, déjalo como venía',
    'receiptChecksum is given code: it must return the bank\'s checksum, leave it as it came')).toEqual(ids.map((id) => bankChecksum(id)));
}

test('checksumAll loses and duplicates nothing, in order', async () => {
  expectGivenChecksum();
  const next = rng(8001);
  const ids = Array.from({ length: 24 }, () => Math.floor(next() * 500));
  const expected = ids.map(receiptChecksum);
  const got = await checksumAll(ids, 2);
  expect(got.length, say(`se esperaban ${ids.length} resultados (uno por id): ¿se pierden o se duplican?`,
    `expected ${ids.length} results (one per id): are some lost or duplicated?`)).toBe(ids.length);
  expect(got, say('pool.map devuelve los resultados en el orden de ids', 'pool.map returns the results in the order of ids'))
    .toEqual(expected);
  expect(mp.activeChildren(), say('el pool debe quedar cerrado (close + join, o await using)',
    'the pool must be closed (close + join, or await using)')).toEqual([]);
});

test('the checksums are computed in the pool processes, not in the parent', async () => {
  const next = rng(8002);
  const ids = Array.from({ length: 6 }, () => Math.floor(next() * 500));
  const before = stats.computedHere;
  await checksumAll(ids, 2);
  const here = stats.computedHere - before;
  if (here > 0) {
    failLesson('work-in-wrong-thread', [
      `el padre calculó ${here} sumas de control: pasa receiptChecksum a pool.map en vez de llamarla tú (ids.map(receiptChecksum) se ejecuta en el padre, y el pool no hace nada)`,
      `the parent computed ${here} checksums: give receiptChecksum to pool.map instead of calling it yourself (ids.map(receiptChecksum) runs in the parent, and the pool does nothing)`]);
  }
  expect(here, say(
    'el padre calculó sumas de control: pasa receiptChecksum a pool.map en vez de llamarla tú (ids.map(receiptChecksum) se ejecuta en el padre)',
    'the parent computed checksums: give receiptChecksum to pool.map instead of calling it yourself (ids.map(receiptChecksum) runs in the parent)'))
    .toBe(0);
});

/** The size of every pool (a Pool, or the given class) whose work methods are called during fn, and those methods. */
async function poolUse(fn: () => Promise<unknown>, kind: typeof mp.Pool | typeof mp.ThreadPool = mp.Pool): Promise<{ sizes: number[]; methods: string[] }> {
  const sizes: number[] = [];
  const called: string[] = [];
  const proto = kind.prototype as unknown as Record<string, unknown>;
  const methods = ['map', 'mapAsync', 'imap', 'imapUnordered', 'starmap', 'starmapAsync', 'apply', 'applyAsync']
    .filter((name) => typeof proto[name] === 'function');
  const own = new Map(methods.map((name) => [name, Object.getOwnPropertyDescriptor(proto, name)]));
  for (const name of methods) {
    const original = proto[name] as (...args: unknown[]) => unknown;
    proto[name] = function (this: mp.Pool | mp.ThreadPool, ...args: unknown[]) {
      sizes.push(this.processes);
      called.push(name);
      return original.apply(this, args);
    };
  }
  try {
    await fn();
  } finally {
    for (const name of methods) {
      const descriptor = own.get(name);
      if (descriptor === undefined) delete proto[name];
      else Object.defineProperty(proto, name, descriptor);
    }
  }
  return { sizes: [...new Set(sizes)], methods: [...new Set(called)] };
}

test('the pools have exactly the processes asked for, and the stream keeps the order of ids', async () => {
  const ids = [7, 8, 9];
  for (const [label, processes, run] of [
    ['checksumAll', 3, () => checksumAll(ids, 3)],
    ['checksumStream', 2, () => checksumStream(ids, 2, () => {})],
  ] as const) {
    const { sizes, methods } = await poolUse(run);
    if (label === 'checksumStream' && methods.includes('imapUnordered')) {
      failLesson('wrong-order', [
        'checksumStream usa pool.imapUnordered: entrega los resultados según acaban, y onResult debe recibirlos en el orden de ids. Usa pool.imap',
        'checksumStream uses pool.imapUnordered: it hands results over as they finish, and onResult must get them in the order of ids. Use pool.imap']);
    }
    if (sizes.length !== 1 || sizes[0] !== processes) {
      failLesson('wrong-size', [
        `${label}(ids, ${processes}) trabajó con un Pool de ${sizes.join(', ') || 'ningún'} proceso(s), no de ${processes}: crea el pool con new mp.Pool(processes), tal cual`,
        `${label}(ids, ${processes}) worked with a Pool of ${sizes.join(', ') || 'no'} process(es), not ${processes}: create the pool with new mp.Pool(processes), as given`]);
    }
  }
});

test('checksumAll of nothing, and with zero processes', async () => {
  expect(await checksumAll([], 2), say('sin ids no hay resultados', 'no ids, no results')).toEqual([]);
  await expect(checksumAll([1], 0), say('Pool(0) lanza ValueError: Number of processes must be at least 1',
    'Pool(0) throws ValueError: Number of processes must be at least 1')).rejects.toThrow(/at least 1/);
});

test('one failed download does not stop the others', async () => {
  const next = rng(8003);
  const good = Array.from({ length: 5 }, (_, i) => `${server.base}/receipts/${i}?delay=${Math.floor(next() * 60)}&size=${50 + Math.floor(next() * 500)}`);
  const missing = `${server.base}/missing/${Math.floor(next() * 1000)}?delay=10`;
  const urls = [...good.slice(0, 2), server.deadUrl, ...good.slice(2, 4), missing, ...good.slice(4)];
  let results: DownloadResult[];
  try {
    results = await downloadAll(urls, 3);
  } catch (error) {
    failLesson('failure-not-isolated', [
      `downloadAll lanzó ${String(error)}: el fallo de una descarga ha detenido todas las demás. download no debe lanzar nunca: captura el error dentro (try/catch) y devuelve { url, status: 0, bytes: 0 }`,
      `downloadAll threw ${String(error)}: one download's failure stopped all the others. download must never throw: catch the error inside it (try/catch) and return { url, status: 0, bytes: 0 }`]);
  }
  expect(results.length, say(`se esperaban ${urls.length} resultados, uno por URL`,
    `expected ${urls.length} results, one per URL`)).toBe(urls.length);
  expect(new Set(results.map((r) => r.url)), say('cada URL exactamente una vez', 'every URL exactly once'))
    .toEqual(new Set(urls));
  const find = (url: string): DownloadResult | undefined => results.find((r) => r.url === url);
  expect(find(server.deadUrl), say('servidor caído: status 0, bytes 0', 'server down: status 0, bytes 0'))
    .toEqual({ url: server.deadUrl, status: 0, bytes: 0 });
  expect(find(missing)?.status, say('la URL inexistente da 404', 'the missing URL gives 404')).toBe(404);
  for (const url of good) {
    const size = Number(new URL(url).searchParams.get('size'));
    expect(find(url), say('las demás descargas llegan completas', 'the other downloads arrive whole'))
      .toEqual({ url, status: 200, bytes: size });
  }
});

test('downloads run at the same time, never more than the pool has threads', async () => {
  const urls = Array.from({ length: 6 }, (_, i) => `${server.base}/receipts/c${i}?delay=150`);
  const before = server.requested.length;
  server.resetMax();
  const { sizes } = await poolUse(() => downloadAll(urls, 3), mp.ThreadPool);
  if (sizes.length > 0 && (sizes.length !== 1 || sizes[0] !== 3)) {
    failLesson('wrong-size', [
      `downloadAll(urls, 3) descargó con un ThreadPool de ${sizes.join(', ')} hilo(s), no de 3: el pool es el que limita cuántas descargas van a la vez. Créalo con new mp.ThreadPool(workers), tal cual`,
      `downloadAll(urls, 3) downloaded with a ThreadPool of ${sizes.join(', ')} thread(s), not 3: the pool is what limits how many downloads run at once. Create it with new mp.ThreadPool(workers), as given`]);
  }
  expect(server.requested.length - before, say('una petición por URL', 'one request per URL')).toBe(6);
  const max = server.maxInFlight;
  if (max <= 1) {
    expect.fail(say(
      'el servidor nunca atendió dos peticiones a la vez: las descargas son secuenciales. Usa pool.imapUnordered(download, urls) y no esperes cada descarga antes de pedir la siguiente',
      'the server never served two requests at once: the downloads are sequential. Use pool.imapUnordered(download, urls) and do not await each download before asking for the next'));
  }
  expect(max, say('con 3 hilos, el servidor debe ver 3 peticiones a la vez (ni menos, ni más: el pool limita)',
    'with 3 threads the server must see 3 requests at once (not fewer, not more: the pool sets the limit)')).toBe(3);
});

test('results come back in completion order', async () => {
  const slow = `${server.base}/receipts/slow?delay=400&size=10`;
  const fast = [1, 2, 3].map((i) => `${server.base}/receipts/f${i}?delay=${10 * i}&size=10`);
  let results: DownloadResult[] = [];
  const { methods } = await poolUse(async () => {
    results = await downloadAll([slow, ...fast], 4);
  }, mp.ThreadPool);
  const ordered = methods.filter((name) => name !== 'imapUnordered');
  // The slow URL first and nothing overtaking it: results handed over in the order of urls, not as they finish.
  if (results[0]?.url === slow && ordered.length > 0) {
    failLesson('wrong-order', [
      `downloadAll usa pool.${ordered.join('/pool.')}: entrega los resultados en el orden de urls, así que la URL lenta (la primera) retuvo a las rápidas. Para recibir cada resultado en cuanto está listo usa pool.imapUnordered(download, urls)`,
      `downloadAll uses pool.${ordered.join('/pool.')}: it hands results over in the order of urls, so the slow URL (the first) held back the fast ones. To get each result as soon as it is ready use pool.imapUnordered(download, urls)`]);
  }
  expect(results.map((r) => r.url).at(-1), say(
    'la URL lenta debe llegar la última: imapUnordered entrega cada resultado en cuanto está listo (imap o map respetan el orden de entrada)',
    'the slow URL must come last: imapUnordered delivers each result as soon as it is ready (imap or map keep the input order)'))
    .toBe(slow);
  expect([...results].sort(byUrl).map((r) => r.status), say('todas correctas', 'all fine')).toEqual([200, 200, 200, 200]);
});

test('downloadAll of nothing, and with zero workers; download of a dead server', async () => {
  expect(await downloadAll([], 3), say('sin URL no hay resultados', 'no URLs, no results')).toEqual([]);
  await expect(downloadAll([server.deadUrl], 0), say('ThreadPool(0) lanza ValueError: Number of processes must be at least 1',
    'ThreadPool(0) throws ValueError: Number of processes must be at least 1')).rejects.toThrow(/at least 1/);
  expect(await download(server.deadUrl), say('download no lanza si el servidor no responde: status 0',
    'download does not throw when the server does not answer: status 0')).toEqual({ url: server.deadUrl, status: 0, bytes: 0 });
});
