import { createTask, sleep, wait, FIRST_COMPLETED } from '#runtime/asyncio';
import { print, sorted, t } from './twin.ts';

async function get(n: number): Promise<number> {
  await sleep(n);
  return n;
}

export async function main(): Promise<void> {
  const tareas = [createTask(() => get(2)), createTask(() => get(1)), createTask(() => get(3))];
  const { done, pending } = await wait(new Set(tareas), { returnWhen: FIRST_COMPLETED });
  print('done', sorted([...done].map((task) => task.getName())), sorted([...done].map((task) => task.result())));
  print('pending', sorted([...pending].map((task) => task.getName())));
  print(t());
  // Leftover tasks are cancelled by run() when main returns.
}
