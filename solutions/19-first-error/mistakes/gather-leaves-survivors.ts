// Exercise 19 · The first error: gather without returnExceptions stops waiting at the first failure but leaves
// the others running (we cancel them ourselves); wait(FIRST_EXCEPTION, timeout) reports and cancels nothing.
import { createTask, FIRST_EXCEPTION, gather, wait, type Task } from '#runtime/asyncio';

export async function validateBatch(ids: readonly string[], validate: (id: string) => Promise<string>): Promise<string[]> {
  // Our own tasks, so that we can reach the survivors: gather's first error does not cancel them.
  void createTask;
  return gather(...ids.map((id) => () => validate(id)));
}

export type SupervisionOutcome = 'first-error' | 'timeout' | 'all-done';

export interface Supervision {
  outcome: SupervisionOutcome;
  done: string[];
  failed: string[];
  pending: Task<string>[];
}

export async function superviseUploads(uploads: readonly Task<string>[], seconds: number): Promise<Supervision> {
  if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError(`seconds must be a finite number >= 0, got ${seconds}`);
  if (uploads.length === 0) return { outcome: 'all-done', done: [], failed: [], pending: [] }; // wait() refuses an empty set
  // wait() only reports: whatever is pending when it returns keeps running (unlike waitFor, it cancels nothing).
  const { done } = await wait(uploads, { returnWhen: FIRST_EXCEPTION, timeout: seconds });
  const report: Supervision = { outcome: 'all-done', done: [], failed: [], pending: [] };
  for (const task of uploads) {
    if (!done.has(task)) report.pending.push(task);
    else if (task.cancelled() || task.exception() !== null) report.failed.push(task.getName());
    else report.done.push(task.getName());
  }
  report.outcome = report.failed.length > 0 ? 'first-error' : report.pending.length > 0 ? 'timeout' : 'all-done';
  return report;
}
