// Demo of exercise 19: a batch whose second receipt is forged stops at the first error and cancels the others;
// then three uploads supervised for 2 s: the report comes at the first error, the rest keep running.
import { createTask, run } from '#runtime/asyncio';
import { superviseUploads, validateBatch } from './exercise.ts';
import { TrackedJob, validatorOf } from './support.ts';

export default async function demo(): Promise<void> {
  await run(async () => {
    const jobs = new Map([['R-1', 3], ['R-2', 1], ['R-3', 2]].map(([id, duration]) => [id as string,
      new TrackedJob({ label: id as string, duration: duration as number, kind: 'validation', cleanup: 0.1, ...(id === 'R-2' ? { fails: 'firma falsa' } : {}) })]));
    try {
      await validateBatch([...jobs.keys()], validatorOf(jobs).validate);
    } catch (error) {
      console.log(`lote rechazado / batch rejected: ${(error as Error).message}`);
    }
    const uploads = [['A', 0.5], ['B', 1.5, 'sin conexión'], ['C', 4]].map(([label, duration, fails]) => {
      const job = new TrackedJob({ label: label as string, duration: duration as number, kind: 'upload', ...(fails !== undefined ? { fails: fails as string } : {}) });
      return createTask(job.run, { name: label as string });
    });
    const supervision = await superviseUploads(uploads, 2);
    console.log(`supervisión / supervision: ${supervision.outcome}`);
  });
}
