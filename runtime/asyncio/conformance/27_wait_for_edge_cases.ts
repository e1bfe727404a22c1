import { CancelledError, createTask, sleep, waitFor, getRunningLoop, TimeoutError } from '#runtime/asyncio';
import { err, print, t } from './twin.ts';

async function job(): Promise<string> {
  await sleep(2);
  return 'job';
}

export async function main(): Promise<void> {
  const task = createTask(() => job());
  try {
    await waitFor(task, 1);
  } catch (e) {
    if (!(e instanceof TimeoutError)) throw e;
    print('timeout; task cancelled:', task.cancelled(), t());
  }
  try {
    await waitFor(() => job(), 0);
  } catch (e) {
    if (!(e instanceof TimeoutError)) throw e;
    print('zero timeout', t());
  }
  const done = getRunningLoop().createFuture<string>();
  done.setResult('ready');
  print('zero timeout on a done future:', await waitFor(done, 0));
  // Cancelling the task that runs waitFor cancels the awaited work too.
  const inner = createTask(() => job());
  const outer = createTask(() => waitFor(inner, 10));
  await sleep(0.5);
  outer.cancel();
  try {
    await outer;
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    print('outer cancelled:', err(e), 'inner cancelled:', inner.cancelled(), t());
  }
}
