// Exercise 16 · Capstone: the receipts pipeline for 3,000 students, solved with asyncio.
// Every receipt gets its own task; only the upload is bounded (a Semaphore of maxConcurrentUploads), so
// receiving, validating and notifying never wait for anybody. Each task catches its own failures, so one bad
// receipt is reported instead of stopping the rest. (A threads version is the same shape: one Thread per receipt,
// threading.Semaphore around store, and join() on all of them.)
import { gather, run, Semaphore } from '#runtime/asyncio';
import type { ReceiptServices, Submission } from './support.ts';

export interface Failure {
  receiptId: string;
  studentId: string;
  stage: 'validate' | 'store' | 'notify';
  reason: string;
}

export interface Summary {
  received: number;
  notified: number;
  failures: Failure[];
  duplicates: string[];
}

type Result = { notified: true } | { notified: false; failure: Failure };

export async function processReceipts(
  submissions: readonly Submission[],
  services: ReceiptServices,
  maxConcurrentUploads: number,
): Promise<Summary> {
  if (!Number.isInteger(maxConcurrentUploads) || maxConcurrentUploads < 1) {
    throw new RangeError(`maxConcurrentUploads must be an integer >= 1, got ${maxConcurrentUploads}`);
  }

  // Exactly once: decide who is processed before anything runs. The first appearance of a receiptId is the
  // one processed; repeats are only counted. (Doing it up front means no two tasks can race on it.)
  const unique: Submission[] = [];
  const seen = new Map<string, number>();
  for (const submission of submissions) {
    const count = seen.get(submission.receiptId) ?? 0;
    if (count === 0) unique.push(submission);
    seen.set(submission.receiptId, count + 1);
  }
  const duplicates = [...seen].filter(([, count]) => count > 1).map(([receiptId]) => receiptId);

  return run(async () => {
    // Created inside run(): asyncio primitives belong to the loop that uses them.
    const uploads = new Semaphore(maxConcurrentUploads);

    const handle = async ({ studentId, receiptId }: Submission): Promise<Result> => {
      const fail = (stage: Failure['stage'], error: unknown): Result => ({
        notified: false,
        failure: { receiptId, studentId, stage, reason: error instanceof Error ? error.message : String(error) },
      });
      const receipt = await services.receive({ studentId, receiptId });
      try {
        await services.validate(receipt);
      } catch (error) {
        return fail('validate', error);
      }
      let key: string;
      // The only bounded step: at most maxConcurrentUploads tasks are inside this block at any time.
      await uploads.acquire();
      try {
        key = await services.store(receipt);
      } catch (error) {
        return fail('store', error);
      } finally {
        uploads.release();
      }
      try {
        await services.notify(studentId, key);
      } catch (error) {
        return fail('notify', error);
      }
      return { notified: true };
    };

    // One task per receipt, all at once; gather keeps the results in the order of `unique`.
    const results = await gather(...unique.map((submission) => () => handle(submission)));
    const failures = results.flatMap((r) => (r.notified ? [] : [r.failure]));
    return {
      received: unique.length,
      notified: results.filter((r) => r.notified).length,
      failures,
      duplicates,
    };
  });
}
