import { asCompleted, sleep, TimeoutError } from '#runtime/asyncio';
import { err, print, t } from './twin.ts';

async function get(n: number): Promise<number> {
  await sleep(n);
  return n;
}

export async function main(): Promise<void> {
  for (const fut of asCompleted([() => get(3), () => get(1), () => get(2)])) {
    print('got', await fut, t());
  }
  try {
    for (const fut of asCompleted([() => get(0.5), () => get(5)], { timeout: 1 })) {
      print('got', await fut, t());
    }
  } catch (e) {
    if (!(e instanceof TimeoutError)) throw e;
    print('as_completed:', err(e), t());
  }
}
