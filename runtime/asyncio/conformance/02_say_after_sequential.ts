import { sleep } from '#runtime/asyncio';
import { print, t } from './twin.ts';

async function sayAfter(delay: number, what: string): Promise<void> {
  await sleep(delay);
  print(what);
}

export async function main(): Promise<void> {
  print(`started at ${t()}`);
  await sayAfter(1, 'hello');
  await sayAfter(2, 'world');
  print(`finished at ${t()}`);
}
