import { CancelledError, createTask, gather, sleep } from '#runtime/asyncio';
import { err, print, t } from './twin.ts';

async function child(name: string, delay: number): Promise<void> {
  try {
    await sleep(delay);
    print(name, 'finished');
  } catch (e) {
    if (e instanceof CancelledError) print(name, 'cancelled at', t());
    throw e;
  }
}

export async function main(): Promise<void> {
  const a = createTask(() => child('a', 1));
  const b = createTask(() => child('b', 5));
  const g = gather(a, b, () => child('c', 5));
  await sleep(2);
  print('cancel() ->', g.cancel());
  try {
    await g;
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    print('main: gather raised', err(e), t());
  }
  print('a cancelled:', a.cancelled(), 'b cancelled:', b.cancelled(), 'g cancelled:', g.cancelled());
}
