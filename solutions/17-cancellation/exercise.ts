// Exercise 17 · Cancelling properly: an upload that cleans up after itself and lets the cancellation through,
// and a closing window that cancels what is still running and waits for every cleanup.
import { CancelledError, wait, type Task } from '#runtime/asyncio';
import { ATTEMPTS_PER_CHUNK, type FakeStorage, type Receipt } from './support.ts';

export async function uploadReceipt(storage: FakeStorage, receipt: Receipt): Promise<string> {
  let stored = false;
  try {
    for (let chunk = 0; chunk < receipt.chunks; chunk++) {
      for (let attempt = 1; ; attempt++) {
        try {
          await storage.writeChunk(receipt.id, chunk);
          break;
        } catch (error) {
          // CancelledError is a BaseException in Python: a catch-all must let it through, or the task goes on
          // writing chunks after it was told to stop (and never ends cancelled).
          if (error instanceof CancelledError) throw error;
          if (attempt === ATTEMPTS_PER_CHUNK) throw error;
        }
      }
    }
    const address = await storage.commit(receipt.id, receipt.chunks);
    stored = true;
    return address;
  } finally {
    // Whatever ended the upload early (cancellation or a failure), the half-written file goes. Awaiting inside
    // finally is fine while being cancelled: the CancelledError carries on once the cleanup is done.
    if (!stored) await storage.remove(receipt.id);
  }
}

export interface WindowReport {
  uploaded: string[];
  cancelled: string[];
  failed: string[];
}

export async function closeWindow(uploads: readonly Task<string>[]): Promise<WindowReport> {
  for (const task of uploads) task.cancel(); // a no-op on a task that is already done
  // wait() never raises the tasks' errors: it only returns once every one has finished (cleanups included).
  if (uploads.length > 0) await wait(uploads);
  const report: WindowReport = { uploaded: [], cancelled: [], failed: [] };
  for (const task of uploads) {
    // cancelled() first: exception() and result() raise CancelledError on a cancelled task.
    if (task.cancelled()) report.cancelled.push(task.getName());
    else if (task.exception() !== null) report.failed.push(task.getName());
    else report.uploaded.push(task.result());
  }
  return report;
}
