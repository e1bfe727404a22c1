// Exercise 14 · gather, waitFor and wait: a report that keeps every error, a deadline that really cancels,
// and a first-success race that leaves no task behind.
import { createTask, FIRST_COMPLETED, gather, TimeoutError, wait, waitFor, type Task } from '#runtime/asyncio';

export type Outcome =
  | { id: string; ok: true; value: string }
  | { id: string; ok: false; error: Error };

export async function validateAll(
  ids: readonly string[],
  validate: (id: string) => Promise<string>,
): Promise<Outcome[]> {
  // returnExceptions: true turns each failure into a value in its slot, so one bad receipt neither rejects
  // gather nor hides the others. Results come back in the order of `ids`, whatever order they finish in.
  const results = await gather(...ids.map((id) => () => validate(id)), { returnExceptions: true });
  return ids.map((id, i): Outcome => {
    const result: unknown = results[i];
    return result instanceof Error ? { id, ok: false, error: result } : { id, ok: true, value: result as string };
  });
}

export type DeadlineResult<T> = { status: 'done'; value: T } | { status: 'timeout' };

export async function withDeadline<T>(operation: () => Promise<T>, seconds: number): Promise<DeadlineResult<T>> {
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new RangeError(`seconds must be a finite number >= 0, got ${seconds}`);
  }
  try {
    // On timeout waitFor cancels the operation's task and waits until its cancellation has finished (its
    // finally blocks ran) before raising TimeoutError: nothing keeps running behind our back.
    return { status: 'done', value: await waitFor(operation, seconds) };
  } catch (error) {
    if (error instanceof TimeoutError) return { status: 'timeout' };
    throw error; // the operation's own failure is not a timeout
  }
}

export async function fastestMirror(mirrors: readonly (() => Promise<string>)[]): Promise<string> {
  if (mirrors.length === 0) throw new RangeError('fastestMirror needs at least one mirror');
  const tasks: Task<string>[] = mirrors.map((upload) => createTask(upload));
  let remaining = new Set<Task<string>>(tasks);
  while (remaining.size > 0) {
    // wait() only reports: it never cancels what is still pending.
    const { done, pending } = await wait(remaining, { returnWhen: FIRST_COMPLETED });
    const winner = tasks.find((t) => done.has(t) && t.exception() === null);
    if (winner !== undefined) {
      // The race is decided: cancel the losers and wait until they have really stopped, so none leaks.
      for (const task of pending) task.cancel();
      if (pending.size > 0) await wait(pending);
      return winner.result();
    }
    remaining = pending; // every finished one failed: keep waiting for the others
  }
  throw new AggregateError(tasks.map((t) => t.exception()), 'all mirrors failed');
}
