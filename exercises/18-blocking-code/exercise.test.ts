// Visible tests for exercise 18: a blocking scan must not freeze the event loop. A heartbeat task beats every
// 0.2 s; if the loop's thread is held, the beats stop. Virtual clock: every time is exact.
import { describe, test, expect } from 'vitest';
import { expectNoPromise, failLesson, say, sim } from '#course/kit';
import { run } from '#runtime/asyncio';
import { Heartbeat, LegacyOcr, ReceiptStore } from './support.ts';
import { processAll, processReceipt, scanLimited } from './exercise.ts';

const es = (x: number): string => String(x).replace('.', ',');

function frozenLoop(longest: number, where: string, whereEn: string): never {
  return failLesson('blocking-on-loop', [`el latido se paró ${es(longest)} s (debe latir cada 0,2 s): ${where} llamó a ocr.scan en el hilo del bucle de eventos, y una llamada bloqueante ahí congela todas las tareas. Llévala a un hilo: await toThread(ocr.scan, id)`,
    `the heartbeat stopped for ${longest} s (it should beat every 0.2 s): ${whereEn} called ocr.scan on the event loop's thread, and a blocking call there freezes every task. Move it to a thread: await toThread(ocr.scan, id)`]);
}

describe('blocking code inside asyncio', () => {
  test('processReceipt scans in a worker thread and stores the text', async () => {
    const { value, elapsed } = await sim(() => run(async () => {
      const ocr = new LegacyOcr();
      const store = new ReceiptStore();
      const heart = new Heartbeat(0.2);
      const processed = await processReceipt(ocr, store, 'R-0001');
      const longest = heart.longestGap();
      heart.stop();
      return { processed, scans: ocr.scans, longest };
    }));
    if (value.longest > 0.2) frozenLoop(value.longest, 'processReceipt', 'processReceipt');
    expectNoPromise(value.processed, ['un campo de lo que devuelve processReceipt', 'a field of what processReceipt returns'], 'const text = await toThread(ocr.scan, id)');
    expect(value.processed, say('el texto del escaneo y la dirección del almacenamiento', 'the scanned text and the storage address'))
      .toEqual({ id: 'R-0001', text: 'texto de R-0001', address: 'rcpt/R-0001' });
    expect(value.scans[0]?.thread, say('el escaneo se ejecuta en un hilo del ejecutor, no en MainThread', 'the scan runs in an executor thread, not in MainThread')).not.toBe('MainThread');
    expect(elapsed, say('0,8 s de escaneo + 0,5 s de guardado', '0.8 s of scanning + 0.5 s of storing')).toBe(1.3);
  });

  test('three receipts at once take 1.3 s and the heartbeat never stops', async () => {
    const { value, elapsed } = await sim(() => run(async () => {
      const ocr = new LegacyOcr();
      const store = new ReceiptStore();
      const heart = new Heartbeat(0.2);
      const processed = await processAll(ocr, store, ['R-1', 'R-2', 'R-3']);
      const longest = heart.longestGap();
      heart.stop();
      return { ids: processed.map((p) => p.id), longest, maxInFlight: ocr.maxInFlight };
    }));
    if (value.longest > 0.2) frozenLoop(value.longest, 'processAll', 'processAll');
    expect(value.ids, say('resultados en el orden de ids', 'results in the order of ids')).toEqual(['R-1', 'R-2', 'R-3']);
    if (value.maxInFlight < 3) {
      failLesson('not-concurrent', [`solo ${value.maxInFlight} escaneo(s) a la vez: lanza los tres comprobantes a la vez (gather) en lugar de esperar a cada uno`,
        `only ${value.maxInFlight} scan(s) at a time: launch the three receipts at once (gather) instead of awaiting each one`]);
    }
    expect(elapsed, say('todos a la vez: 0,8 s + 0,5 s', 'all at once: 0.8 s + 0.5 s')).toBe(1.3);
  });

  test('scanLimited keeps to the licences', async () => {
    const { value, elapsed } = await sim(() => run(async () => {
      const ocr = new LegacyOcr();
      const heart = new Heartbeat(0.2);
      const texts = await scanLimited(ocr, ['A', 'B', 'C', 'D', 'E'], 2);
      const longest = heart.longestGap();
      heart.stop();
      return { texts, longest, maxInFlight: ocr.maxInFlight };
    }));
    if (value.longest > 0.2) frozenLoop(value.longest, 'scanLimited', 'scanLimited');
    expect(value.texts, say('textos en el orden de ids', 'texts in the order of ids')).toEqual(['A', 'B', 'C', 'D', 'E'].map((id) => `texto de ${id}`));
    if (value.maxInFlight > 2) {
      failLesson('wrong-size', [`${value.maxInFlight} escaneos a la vez con 2 licencias: toThread usa el ejecutor por defecto (8 hilos). Crea un new ThreadPoolExecutor({ maxWorkers: licences }) y usa loop.runInExecutor(executor, ocr.scan, id)`,
        `${value.maxInFlight} scans at once with 2 licences: toThread uses the default executor (8 threads). Create a new ThreadPoolExecutor({ maxWorkers: licences }) and use loop.runInExecutor(executor, ocr.scan, id)`]);
    }
    if (value.maxInFlight < 2) {
      failLesson('not-concurrent', ['un solo escaneo a la vez con 2 licencias: entrega todos los escaneos al ejecutor a la vez (gather) y deja que él los reparta',
        'a single scan at a time with 2 licences: hand every scan to the executor at once (gather) and let it share them out']);
    }
    expect(Math.round(elapsed * 1e6) / 1e6, say('5 escaneos de 2 en 2: tres rondas de 0,8 s', '5 scans 2 at a time: three rounds of 0.8 s')).toBe(2.4);
  });
});
