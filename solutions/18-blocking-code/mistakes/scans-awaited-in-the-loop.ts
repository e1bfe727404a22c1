// Exercise 18 · Blocking code inside asyncio: the OCR call goes to a worker thread (toThread / runInExecutor), so
// the event loop keeps serving every other task while a scan holds its thread.
import { gather, getRunningLoop, ThreadPoolExecutor, toThread } from '#runtime/asyncio';
import type { LegacyOcr, ReceiptStore } from './support.ts';

export interface Processed {
  id: string;
  text: string;
  address: string;
}

export async function processReceipt(ocr: LegacyOcr, store: ReceiptStore, id: string): Promise<Processed> {
  // The scan blocks its thread for 0.8 s: run it in the loop's default executor, never on the loop's own thread.
  const text = await toThread(ocr.scan, id);
  const address = await store.store(id, text); // asynchronous already: awaited directly
  return { id, text, address };
}

export async function processAll(ocr: LegacyOcr, store: ReceiptStore, ids: readonly string[]): Promise<Processed[]> {
  return gather(...ids.map((id) => () => processReceipt(ocr, store, id)));
}

export async function scanLimited(ocr: LegacyOcr, ids: readonly string[], licences: number): Promise<string[]> {
  if (!Number.isInteger(licences) || licences < 1) throw new RangeError(`licences must be an integer >= 1, got ${licences}`);
  // An executor of our own with exactly `licences` threads: at most that many scans at once, the rest queue.
  const executor = new ThreadPoolExecutor({ maxWorkers: licences, threadNamePrefix: 'ocr' });
  try {
    const loop = getRunningLoop();
    const texts: string[] = [];
    for (const id of ids) texts.push(await loop.runInExecutor(executor, ocr.scan, id));
    return texts;
  } finally {
    await executor.shutdown(); // its threads end once the queue is empty
  }
}
