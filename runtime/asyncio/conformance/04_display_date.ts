import { getRunningLoop, sleep } from '#runtime/asyncio';
import { print, t } from './twin.ts';

export async function main(): Promise<void> {
  const loop = getRunningLoop();
  const endTime = loop.time() + 5.0;
  for (;;) {
    print(t());
    if (loop.time() + 1.0 >= endTime) break;
    await sleep(1);
  }
}
