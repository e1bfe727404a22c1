import { CancelledError, ExceptionGroup, TaskGroup, ValueError, sleep, type Task } from '#runtime/asyncio';
import { KeyError, err, print, sorted, t } from './twin.ts';

async function work(name: string, delay: number, fail = false): Promise<string> {
  try {
    await sleep(delay);
    if (fail) throw new ValueError(name);
    print(name, 'done', t());
    return name;
  } catch (e) {
    if (e instanceof CancelledError) print(name, 'cancelled', t());
    throw e;
  }
}

export async function main(): Promise<void> {
  let t1!: Task<string>;
  let t2!: Task<string>;
  await new TaskGroup().run((tg) => {
    t1 = tg.createTask(() => work('one', 1));
    t2 = tg.createTask(() => work('two', 2));
  });
  print('all done:', t1.result(), t2.result(), t());
  try {
    await new TaskGroup().run((tg) => {
      tg.createTask(() => work('ok', 0.5));
      tg.createTask(() => work('bad1', 1, true));
      tg.createTask(() => work('bad2', 1, true));
      tg.createTask(() => work('slow', 3));
    });
  } catch (eg) {
    if (!(eg instanceof ExceptionGroup)) throw eg;
    print('caught', eg.name, eg.message, sorted(eg.exceptions.map((e) => (e as Error).message)), t());
  }
  // An error in the body itself cancels the children and is re-raised in the group.
  try {
    await new TaskGroup().run(async (tg) => {
      tg.createTask(() => work('child', 5));
      await sleep(0.5);
      throw new KeyError('body');
    });
  } catch (eg) {
    if (!(eg instanceof ExceptionGroup)) throw eg;
    print('body error:', eg.name, eg.exceptions.map(err), t());
  }
}
