import { gather, sleep, ValueError } from '#runtime/asyncio';
import { err, print, t } from './twin.ts';

async function ok(delay: number, value: string): Promise<string> {
  await sleep(delay);
  return value;
}

async function boom(delay: number, message: string): Promise<never> {
  await sleep(delay);
  throw new ValueError(message);
}

export async function main(): Promise<void> {
  const results = await gather(() => ok(1, 'a'), () => boom(0.5, 'bad'), () => ok(0.2, 'c'), { returnExceptions: true });
  print(results.map((r) => (typeof r === 'string' ? r : err(r))), t());
  try {
    await gather(() => ok(1, 'a'), () => boom(0.5, 'first'), () => boom(0.7, 'second'));
  } catch (e) {
    if (!(e instanceof ValueError)) throw e;
    print('propagated:', err(e), t());
  }
  const empty = await gather();
  print('empty gather:', empty);
}
