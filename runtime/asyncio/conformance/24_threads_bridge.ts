import { gather, getRunningLoop, sleep, toThread } from '#runtime/asyncio';
import { currentThread } from '#runtime/threading';
import { sleep as timeSleep } from '#runtime/time';
import { print, t } from './twin.ts';

async function blocking(name: string, seconds: number): Promise<string> {
  const thread = currentThread().name;
  // The default executor names its threads asyncio_0, asyncio_1, ...; which idle one runs 'c' is not fixed.
  print(name, 'in thread', name !== 'c' ? thread : thread.startsWith('asyncio_'));
  await timeSleep(seconds);
  return `${name} after ${seconds}`;
}

async function ticker(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await sleep(0.4);
    print('tick', t());
  }
}

export async function main(): Promise<void> {
  const results = await gather(toThread(blocking, 'a', 1), toThread(blocking, 'b', 1), () => ticker());
  print(results.slice(0, 2), t());
  const loop = getRunningLoop();
  const value = await loop.runInExecutor(null, blocking, 'c', 0.5);
  print(value, t());
}
