import { createTask, shield, sleep, waitFor, TimeoutError } from '#runtime/asyncio';
import { err, print, t } from './twin.ts';

async function important(): Promise<string> {
  await sleep(2);
  print('important: finished', t());
  return 'saved';
}

export async function main(): Promise<void> {
  const task = createTask(() => important());
  try {
    await waitFor(shield(task), 1);
  } catch (e) {
    if (!(e instanceof TimeoutError)) throw e;
    print('main:', err(e), t(), 'task cancelled:', task.cancelled());
  }
  print('main: task result', await task, t());
}
