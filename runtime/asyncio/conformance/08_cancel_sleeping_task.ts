import { CancelledError, createTask, sleep } from '#runtime/asyncio';
import { err, print, t } from './twin.ts';

async function worker(): Promise<void> {
  try {
    print('worker: sleeping', t());
    await sleep(10);
    print('worker: woke up (never printed)');
  } catch (e) {
    if (e instanceof CancelledError) print('worker: cancelled at', t());
    throw e;
  } finally {
    print('worker: finally');
  }
}

export async function main(): Promise<void> {
  const task = createTask(() => worker());
  await sleep(0.5);
  print('cancel() ->', task.cancel());
  print('done right after cancel():', task.done());
  try {
    await task;
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    print('main: awaiting the task raised', err(e));
  }
  print('cancelled():', task.cancelled(), 'done():', task.done());
  print('cancel() again ->', task.cancel());
  try {
    task.result();
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    print('result() raised', err(e));
  }
  try {
    task.exception();
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    print('exception() raised', err(e));
  }
  print(t());
}
