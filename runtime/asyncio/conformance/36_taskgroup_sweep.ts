import { CancelledError, ExceptionGroup, RuntimeError, TaskGroup, createTask, sleep, type Task } from '#runtime/asyncio';
import { err, print, t } from './twin.ts';

class ZeroDivisionError extends Error {
  override name = 'ZeroDivisionError';
}

export async function main(): Promise<void> {
  const valueAfter = async (delay: number, value: number): Promise<number> => {
    await sleep(delay);
    return value;
  };
  let t1: Task<number> | null = null;
  let t2: Task<number> | null = null;
  await new TaskGroup().run(async (g) => {
    t1 = g.createTask(() => valueAfter(0.1, 42));
    await sleep(0.15);
    t2 = g.createTask(() => valueAfter(0.2, 11));
  });
  print('results', t1!.result(), t2!.result(), t());

  await new TaskGroup().run(async (g) => {
    t1 = g.createTask(() => valueAfter(1, 42));
    await sleep(0.15);
    t1.cancel();
    t2 = g.createTask(() => valueAfter(0.2, 11));
  });
  print('a child cancelled explicitly:', t1!.cancelled(), 'the other', t2!.result(), t());

  let num = 0;
  const foo = async (): Promise<void> => {
    try {
      await sleep(5);
    } catch (e) {
      if (e instanceof CancelledError) num += 1;
      throw e;
    }
  };
  const runner = async (): Promise<void> => {
    await new TaskGroup().run(async (g) => {
      for (let i = 0; i < 5; i++) g.createTask(foo);
      try {
        await sleep(10);
      } catch (e) {
        if (e instanceof CancelledError) num += 10;
        throw e;
      }
    });
  };
  const r = createTask(runner);
  await sleep(0.1);
  print('owner running', !r.done());
  r.cancel();
  try {
    await r;
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    print('owner cancelled from outside: CancelledError, count', num, t());
  }

  await new TaskGroup().run((g) => {
    const named = g.createTask(() => sleep(0), { name: 'yolo' });
    print('name', named.getName());
  });

  const coro1 = async (): Promise<void> => {
    await sleep(0.001);
    throw new ZeroDivisionError('division by zero');
  };
  const coro2 = async (g: TaskGroup): Promise<void> => {
    try {
      await sleep(1);
    } catch (e) {
      if (!(e instanceof CancelledError)) throw e;
      try {
        g.createTask(coro1);
      } catch (e2) {
        print('create_task after a failure:', err(e2));
      }
    }
  };
  try {
    await new TaskGroup().run((g) => {
      g.createTask(coro1);
      g.createTask(() => coro2(g));
    });
  } catch (e) {
    if (!(e instanceof ExceptionGroup)) throw e;
    print('group failed with', e.exceptions.map((x) => (x as Error).name));
  }

  const tg = new TaskGroup();
  await tg.run(async () => {
    try {
      await tg.run(() => undefined);
    } catch (e) {
      if (!(e instanceof RuntimeError)) throw e;
      print('enter while entered:', err(e));
    }
  });
  try {
    await tg.run(() => undefined);
  } catch (e) {
    print('enter again:', err(e));
  }
  try {
    tg.createTask(() => sleep(0));
  } catch (e) {
    print('create_task when finished:', err(e));
  }
  try {
    new TaskGroup().createTask(() => sleep(0));
  } catch (e) {
    print('create_task before entering:', err(e));
  }
}
