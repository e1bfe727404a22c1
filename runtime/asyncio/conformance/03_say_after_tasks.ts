import { createTask, sleep } from '#runtime/asyncio';
import { print, t } from './twin.ts';

async function sayAfter(delay: number, what: string): Promise<void> {
  await sleep(delay);
  print(what);
}

export async function main(): Promise<void> {
  const task1 = createTask(() => sayAfter(1, 'hello'));
  const task2 = createTask(() => sayAfter(2, 'world'));
  print(`started at ${t()}`);
  await task1;
  await task2;
  print(`finished at ${t()}`);
}
