// Demo of exercise 18: three receipts scanned by the blocking OCR while a heartbeat task beats every 0.2 s; the
// heartbeat never stops when the scans run in worker threads.
import { run } from '#runtime/asyncio';
import { processAll, scanLimited } from './exercise.ts';
import { Heartbeat, LegacyOcr, ReceiptStore } from './support.ts';

export default async function demo(): Promise<void> {
  await run(async () => {
    const ocr = new LegacyOcr();
    const heart = new Heartbeat(0.2);
    const processed = await processAll(ocr, new ReceiptStore(), ['R-0001', 'R-0002', 'R-0003']);
    console.log(`procesados / processed: ${processed.map((p) => p.address).join(', ')}`);
    const texts = await scanLimited(new LegacyOcr(), ['R-0004', 'R-0005', 'R-0006', 'R-0007'], 2);
    console.log(`con 2 licencias / with 2 licences: ${texts.length} escaneos / scans`);
    console.log(`mayor pausa del latido / longest heartbeat gap: ${heart.longestGap()} s`);
    heart.stop();
  });
}
