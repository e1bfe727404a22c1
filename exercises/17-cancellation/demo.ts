// Demo of exercise 17: three receipts uploading; the window closes at 1.2 s and cancels what is still running,
// which must clean up its half-written file and end cancelled.
import { createTask, run, sleep } from '#runtime/asyncio';
import { closeWindow, uploadReceipt } from './exercise.ts';
import { FakeStorage } from './support.ts';

export default async function demo(): Promise<void> {
  await run(async () => {
    const storage = new FakeStorage();
    const uploads = [{ id: 'R-0001', chunks: 2 }, { id: 'R-0002', chunks: 4 }, { id: 'R-0003', chunks: 6 }]
      .map((receipt) => createTask(() => uploadReceipt(storage, receipt), { name: receipt.id }));
    await sleep(1.2);
    const report = await closeWindow(uploads);
    console.log(`subidos / uploaded: ${report.uploaded.join(', ') || '-'}`);
    console.log(`cancelados / cancelled: ${report.cancelled.join(', ') || '-'}`);
    console.log(`archivos a medias / half-written files: ${storage.partial().join(', ') || '-'}`);
  });
}
