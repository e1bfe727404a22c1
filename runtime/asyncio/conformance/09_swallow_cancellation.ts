import { CancelledError, createTask, sleep } from '#runtime/asyncio';
import { print, t } from './twin.ts';

async function stubborn(): Promise<string> {
  try {
    await sleep(10);
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    print('stubborn: ignoring cancellation at', t());
  }
  await sleep(1);
  print('stubborn: still running at', t());
  return 'survived';
}

export async function main(): Promise<string> {
  const task = createTask(() => stubborn());
  await sleep(1);
  task.cancel();
  const result = await task;
  print('result:', result, 'cancelled():', task.cancelled(), 'cancelling():', task.cancelling());
  print(t());
  return result;
}
