import { allTasks, createTask, currentTask, sleep } from '#runtime/asyncio';
import { print, t } from './twin.ts';

async function forever(name: string, cleanup: number): Promise<void> {
  try {
    await sleep(3600);
  } finally {
    // run() cancels the leftovers in no fixed order; distinct cleanup times keep the output ordered.
    await sleep(cleanup);
    print(name, 'cleanup finished at', t(), 'cancelling()', currentTask()!.cancelling());
  }
}

export async function main(): Promise<string> {
  createTask(() => forever('first', 0.5));
  createTask(() => forever('second', 0.2));
  await sleep(1);
  print('main returns', t(), allTasks().size);
  return 'main result';
}
