import { sleep } from '#runtime/asyncio';
import { print, t } from './twin.ts';

export async function main(): Promise<void> {
  print('Hello ...');
  await sleep(1);
  print('... World!');
  print(t());
}
