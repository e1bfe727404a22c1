// Twin of 41_taskgroup_more2.py. `async with TaskGroup() as g:` is `await new TaskGroup().run(async (g) => ...)`;
// the context manager whose exit raises is a finally that throws.
import { CancelledError, ExceptionGroup, TaskGroup, createTask, currentTask, sleep } from '#runtime/asyncio';
import { lap, print } from './twin.ts';

class MyExc extends Error {
  override name = 'MyExc';
}
class ZeroDivisionError extends Error {
  override name = 'ZeroDivisionError';
}
class CustomException extends Error {
  override name = 'CustomException';
}

function desc(e: unknown): string {
  if (e instanceof ExceptionGroup) return `EG[${e.exceptions.map(desc).sort().join(',')}]`;
  return (e as Error).name;
}

async function outcome(aw: PromiseLike<unknown>): Promise<string> {
  try {
    await aw;
    return 'ok';
  } catch (e) {
    return desc(e);
  }
}

async function cancelAfter(delay: number, body: () => Promise<unknown>): Promise<string> {
  const r = createTask(body);
  await sleep(delay);
  const running = !r.done();
  r.cancel();
  return `${running ? 'True' : 'False'} ${await outcome(r)}`;
}

const divide = (): never => {
  throw new ZeroDivisionError('division by zero');
};

export async function main(): Promise<void> {
  const v = async (delay: number, value: number): Promise<number> => {
    await sleep(delay);
    return value;
  };
  const crashSoon = async (delay: number): Promise<void> => {
    await sleep(delay);
    divide();
  };
  const slowToCancel = (): Promise<void> =>
    new TaskGroup().run(async (g1) => {
      g1.createTask(() => crashSoon(0.3));
      try {
        await sleep(10);
      } catch (e) {
        if (e instanceof CancelledError) await sleep(0.5);
        throw e;
      }
    });
  print('15:', await cancelAfter(0.1, slowToCancel), lap());
  print(
    '16:',
    await cancelAfter(0.1, async () => {
      await createTask(slowToCancel);
    }),
    lap(),
  );

  let num = 0;
  for (const [label, replace] of [
    ['17', false],
    ['18', true],
  ] as const) {
    num = 0;
    const runner = (): Promise<void> =>
      new TaskGroup().run(async () => {
        try {
          await sleep(10);
        } catch (e) {
          if (e instanceof CancelledError) {
            num += 10;
            if (replace) throw new MyExc();
          }
          throw e;
        }
      });
    print(`${label}:`, await cancelAfter(0.1, runner), num, lap());
  }

  const nestedRaising = async (): Promise<void> => {
    try {
      await sleep(10);
    } finally {
      // eslint-disable-next-line no-unsafe-finally -- the CPython test raises from finally
      throw new MyExc();
    }
  };
  const runner19 = (): Promise<void> =>
    new TaskGroup().run(async (g) => {
      g.createTask(() => crashSoon(0.1));
      await nestedRaising();
    });
  print('19:', await outcome(createTask(runner19)), lap());

  const runner22 = (): Promise<void> =>
    new TaskGroup().run((g) => {
      g.createTask(() => v(1, 42));
      g.createTask(() => v(2, 11));
    });
  print('22:', await cancelAfter(0.06, runner22), lap());

  const sizes: number[] = [];
  await new TaskGroup().run(async (g) => {
    for (let count = 0; count < 6; count++) {
      await sleep(0.1);
      g.createTask(() => sleep(0.25));
      if (count === 5) sizes.push(g['_tasks'].size);
    }
    await sleep(0.36);
    sizes.push(g['_tasks'].size);
  });
  print('23: tasks in the group', sizes, lap());

  const done: number[] = [];
  const coro1 = async (delay: number): Promise<void> => {
    await sleep(delay);
    done.push(delay);
  };
  await new TaskGroup().run((g) => {
    g.createTask(async () => {
      await sleep(0.1);
      g.createTask(() => coro1(0.1));
      g.createTask(() => coro1(0.2));
    });
  });
  print('24: a task adds tasks', done, lap());

  let nhydras = 0;
  const hydra = async (g: TaskGroup): Promise<void> => {
    nhydras += 1;
    await sleep(0.01);
    g.createTask(() => hydra(g));
    g.createTask(() => hydra(g));
  };
  const hercules = async (): Promise<void> => {
    while (nhydras < 10) await sleep(0.01);
    divide();
  };
  const runner25 = (): Promise<void> =>
    new TaskGroup().run((g) => {
      g.createTask(() => hydra(g));
      g.createTask(hercules);
    });
  print('25:', await outcome(runner25()), nhydras >= 10);

  await createTask(async () => {
    const task = currentTask()!;
    try {
      await new TaskGroup().run(async (tg) => {
        try {
          tg.createTask(async () => {
            throw new CustomException();
          });
          await sleep(1);
        } finally {
          // eslint-disable-next-line no-unsafe-finally -- a context manager whose exit raises
          throw new CustomException();
        }
      });
    } catch (eg) {
      if (!(eg instanceof ExceptionGroup)) throw eg;
      print('exit raises:', desc(eg), 'cancelling', task.cancelling());
    }
  });
}
