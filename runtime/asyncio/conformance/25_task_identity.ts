import { allTasks, createTask, currentTask, getRunningLoop, sleep } from '#runtime/asyncio';
import { print } from './twin.ts';

async function who(): Promise<string> {
  const me = currentTask()!;
  print('running as', me.getName());
  await sleep(0);
  return me.getName();
}

export async function main(): Promise<void> {
  print('main is', currentTask()!.getName());
  const a = createTask(() => who());
  const b = createTask(() => who(), { name: 'custom' });
  print('created', a.getName(), b.getName(), 'done?', a.done());
  print('all tasks', allTasks().size);
  b.setName('renamed');
  print(await a, await b);
  print('all tasks after', allTasks().size);
  const c = createTask(() => who());
  print('next name', c.getName());
  await c;
  let line = 'current_task outside a task raises?';
  try {
    getRunningLoop();
    line += ' no, a loop is running';
  } catch {
    line += ' yes';
  }
  print(line);
}
