import { sleep, waitFor, TimeoutError } from '#runtime/asyncio';
import { print, t } from './twin.ts';

async function eternity(): Promise<void> {
  await sleep(3600);
  print('yay!');
}

export async function main(): Promise<void> {
  try {
    await waitFor(() => eternity(), 1.0);
  } catch (e) {
    if (!(e instanceof TimeoutError)) throw e;
    print('timeout!', t());
  }
}
