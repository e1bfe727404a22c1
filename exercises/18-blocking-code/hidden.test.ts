// Hidden tests for exercise 18: random batches from fixed seeds; the loop never freezes, scans really run side by
// side (up to the default executor's 8 threads, or the licences), results keep their order, the executor is shut
// down, bad input. Virtual clock.
import { describe, test, expect } from 'vitest';
import { failLesson, say, seeded, sim } from '#course/kit';
import { run, ThreadPoolExecutor } from '#runtime/asyncio';
import { enumerate } from '#runtime/threading';
import { Heartbeat, LegacyOcr, ReceiptStore, SCAN_SECONDS, STORE_SECONDS } from './support.ts';
import { processAll, scanLimited } from './exercise.ts';

const r6 = (x: number): number => Math.round(x * 1e6) / 1e6;
const es = (x: number): string => String(r6(x)).replace('.', ',');
/** The default executor's threads (CPython's min(32, cpu_count + 4), cpu_count fixed at 4 by the runtime). */
const DEFAULT_WORKERS = 8;

function ids(seed: number, count: number): string[] {
  const next = seeded(seed);
  return Array.from({ length: count }, (_, i) => `R-${String(Math.floor(next() * 90000) + 10000)}-${i}`);
}

function frozenEs(longest: number): string {
  return `el latido se paró ${es(longest)} s (debe latir cada 0,2 s): ocr.scan se ejecutó en el hilo del bucle de eventos y congeló todas las tareas. Llévala a un hilo con toThread o runInExecutor`;
}

function frozenEn(longest: number): string {
  return `the heartbeat stopped for ${r6(longest)} s (it should beat every 0.2 s): ocr.scan ran on the event loop's thread and froze every task. Move it to a thread with toThread or runInExecutor`;
}

describe('processAll (hidden)', () => {
  for (const [seed, count] of [[1801, 5], [1802, 8], [1803, 11], [1804, 19]] as const) {
    test(`${count} receipts at once, seed ${seed}: the loop never freezes`, async () => {
      const batch = ids(seed, count);
      const { value, elapsed } = await sim(() => run(async () => {
        const ocr = new LegacyOcr();
        const store = new ReceiptStore();
        const heart = new Heartbeat(0.2);
        const processed = await processAll(ocr, store, batch);
        const longest = heart.longestGap();
        heart.stop();
        return { processed, longest, maxInFlight: ocr.maxInFlight, threads: [...new Set(ocr.scans.map((s) => s.thread))] };
      }));
      if (value.longest > 0.2) failLesson('blocking-on-loop', [frozenEs(value.longest), frozenEn(value.longest)]);
      expect(value.threads, say('ningún escaneo en MainThread', 'no scan on MainThread')).not.toContain('MainThread');
      expect(value.processed, say('un resultado por comprobante, en el orden de ids', 'one result per receipt, in the order of ids'))
        .toEqual(batch.map((id) => ({ id, text: `texto de ${id}`, address: `rcpt/${id}` })));
      const parallel = Math.min(count, DEFAULT_WORKERS);
      if (value.maxInFlight < parallel) {
        failLesson('not-concurrent', [`solo ${value.maxInFlight} escaneos a la vez, y caben ${parallel}: lanza todos los comprobantes a la vez (gather) en lugar de esperar a cada uno`,
          `only ${value.maxInFlight} scans at a time, and ${parallel} fit: launch every receipt at once (gather) instead of awaiting each one`]);
      }
      const rounds = Math.ceil(count / DEFAULT_WORKERS);
      expect(r6(elapsed), say(`${rounds} ronda(s) de escaneos (8 hilos en el ejecutor por defecto) + 0,5 s de guardado`,
        `${rounds} round(s) of scans (8 threads in the default executor) + 0.5 s of storing`)).toBe(r6(rounds * SCAN_SECONDS + STORE_SECONDS));
    });
  }

  test('an empty batch returns [] at once', async () => {
    const { value, elapsed } = await sim(() => run(() => processAll(new LegacyOcr(), new ReceiptStore(), [])));
    expect(value).toEqual([]);
    expect(elapsed, say('nada que hacer, nada que esperar', 'nothing to do, nothing to wait for')).toBe(0);
  });
});

describe('scanLimited (hidden)', () => {
  for (const [seed, count, licences] of [[1811, 7, 3], [1812, 12, 5], [1813, 4, 6], [1814, 9, 1]] as const) {
    test(`${count} scans with ${licences} licence(s), seed ${seed}`, async () => {
      const batch = ids(seed, count);
      // Counts shutdown() calls: an executor left with live threads was either never shut down or not awaited.
      let shutdowns = 0;
      const proto = ThreadPoolExecutor.prototype;
      const { shutdown } = proto;
      proto.shutdown = function (this: ThreadPoolExecutor, ...args: Parameters<typeof shutdown>) {
        shutdowns += 1;
        return shutdown.apply(this, args);
      };
      const { value, elapsed } = await sim(() => run(async () => {
        const ocr = new LegacyOcr();
        const heart = new Heartbeat(0.2);
        const texts = await scanLimited(ocr, batch, licences);
        const longest = heart.longestGap();
        heart.stop();
        const alive = enumerate().map((t) => t.name).filter((name) => name !== 'MainThread' && !name.startsWith('asyncio_'));
        return { texts, longest, maxInFlight: ocr.maxInFlight, alive };
      })).finally(() => {
        proto.shutdown = shutdown;
      });
      if (value.longest > 0.2) failLesson('blocking-on-loop', [frozenEs(value.longest), frozenEn(value.longest)]);
      const allowed = Math.min(licences, count);
      if (value.maxInFlight > licences) {
        failLesson('wrong-size', [`${value.maxInFlight} escaneos a la vez con ${licences} licencia(s): el ejecutor por defecto (toThread) tiene 8 hilos. Crea un new ThreadPoolExecutor({ maxWorkers: licences }) y usa loop.runInExecutor(executor, ocr.scan, id)`,
          `${value.maxInFlight} scans at once with ${licences} licence(s): the default executor (toThread) has 8 threads. Create a new ThreadPoolExecutor({ maxWorkers: licences }) and use loop.runInExecutor(executor, ocr.scan, id)`]);
      }
      if (value.maxInFlight < allowed) {
        failLesson(value.maxInFlight === licences - 1 ? 'wrong-size' : 'not-concurrent', [`solo ${value.maxInFlight} escaneo(s) a la vez con ${licences} licencia(s): entrega todos los escaneos al ejecutor a la vez (gather) y deja que él los reparta, con maxWorkers: licences`,
          `only ${value.maxInFlight} scan(s) at a time with ${licences} licence(s): hand every scan to the executor at once (gather) and let it share them out, with maxWorkers: licences`]);
      }
      expect(value.texts, say('textos en el orden de ids', 'texts in the order of ids')).toEqual(batch.map((id) => `texto de ${id}`));
      expect(r6(elapsed), say(`${Math.ceil(count / licences)} rondas de 0,8 s`, `${Math.ceil(count / licences)} rounds of 0.8 s`)).toBe(r6(Math.ceil(count / licences) * SCAN_SECONDS));
      if (value.alive.length > 0 && shutdowns > 0) {
        failLesson('missing-await', [
          `scanLimited llamó a executor.shutdown() sin await: al volver seguían vivos ${value.alive.join(', ')}. shutdown() devuelve una promesa que se cumple cuando sus hilos terminan; escribe await executor.shutdown() en el finally`,
          `scanLimited called executor.shutdown() without await: ${value.alive.join(', ')} were still alive on return. shutdown() returns a Promise fulfilled once its threads end; write await executor.shutdown() in the finally`],
        ['try { return await gather(...) } finally { await executor.shutdown(); }', 'try { return await gather(...) } finally { await executor.shutdown(); }']);
      }
      expect(value.alive, say('hilos de tu ejecutor aún vivos al volver: ciérralo con await executor.shutdown() (en un finally)',
        'threads of your executor still alive on return: shut it down with await executor.shutdown() (in a finally)')).toEqual([]);
    });
  }

  test('a scan that fails rejects scanLimited with its error, and the executor is shut down', async () => {
    const { value } = await sim(() => run(async () => {
      const ocr = {
        scans: [],
        maxInFlight: 0,
        scan: async (id: string): Promise<string> => {
          if (id === 'R-ROTO') throw new Error('comprobante ilegible');
          return `texto de ${id}`;
        },
      } as unknown as LegacyOcr;
      let outcome: unknown;
      try {
        outcome = await scanLimited(ocr, ['R-1', 'R-ROTO', 'R-3'], 2);
      } catch (error) {
        outcome = error;
      }
      const alive = enumerate().map((t) => t.name).filter((name) => name !== 'MainThread' && !name.startsWith('asyncio_'));
      return { outcome, alive };
    }));
    if (!(value.outcome instanceof Error)) {
      failLesson('error-swallowed', [
        `scanLimited devolvió ${JSON.stringify(value.outcome)} cuando un escaneo falló: un catch se traga el error. Deja que salga (try/finally, sin catch) y cierra el ejecutor en el finally`,
        `scanLimited returned ${JSON.stringify(value.outcome)} when a scan failed: a catch swallows the error. Let it out (try/finally, no catch) and shut the executor down in the finally`]);
    }
    expect(value.outcome.message, say('el error del escaneo, tal cual', "the scan's error, as it was")).toBe('comprobante ilegible');
    expect(value.alive, say('aunque falle un escaneo, el ejecutor se cierra (finally)', 'even when a scan fails, the executor is shut down (finally)')).toEqual([]);
  });

  test('licences that are not an integer >= 1 throw RangeError before scanning', async () => {
    const { value } = await sim(() => run(async () => {
      const ocr = new LegacyOcr();
      const errors: unknown[] = [];
      for (const licences of [0, -2, 1.5, Number.NaN]) {
        try {
          await scanLimited(ocr, ['A'], licences);
          errors.push(null);
        } catch (error) {
          errors.push(error);
        }
      }
      return { kinds: errors.map((e) => (e instanceof RangeError ? 'RangeError' : String(e))), scans: ocr.scans.length };
    }));
    expect(value.kinds, say('0, -2, 1.5 y NaN lanzan RangeError', '0, -2, 1.5 and NaN throw RangeError')).toEqual(['RangeError', 'RangeError', 'RangeError', 'RangeError']);
    expect(value.scans, say('sin escanear nada', 'without scanning anything')).toBe(0);
  });
});
