// Twin of 40_taskgroup_more.py. `async with TaskGroup() as g:` is `await new TaskGroup().run(async (g) => ...)`;
// the context manager whose exit raises is a finally that throws.
import { CancelledError, ExceptionGroup, TaskGroup, ValueError, createTask, sleep, type Task } from '#runtime/asyncio';
import { lap, print } from './twin.ts';

class ZeroDivisionError extends Error {
  override name = 'ZeroDivisionError';
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
  let num = 0;
  let t2Cancel = false;
  let t2: Task<void> | null = null;
  const foo1 = async (): Promise<void> => {
    await sleep(0.1);
    divide();
  };
  const foo2 = async (): Promise<void> => {
    try {
      await sleep(1);
    } catch (e) {
      if (e instanceof CancelledError) t2Cancel = true;
      throw e;
    }
    num += 1;
  };
  const runner04 = async (): Promise<void> => {
    await new TaskGroup().run((g) => {
      g.createTask(foo1);
      t2 = g.createTask(foo2);
    });
    num += 10;
  };
  print('04:', await outcome(createTask(runner04)), num, t2Cancel, t2!.cancelled(), lap());

  num = 0;
  const fooCounting = async (): Promise<void> => {
    try {
      await sleep(5);
    } catch (e) {
      if (e instanceof CancelledError) num += 1;
      throw e;
    }
  };
  const runnerCancel = (): Promise<void> =>
    new TaskGroup().run((g) => {
      for (let i = 0; i < 5; i++) g.createTask(fooCounting);
    });
  print('cancellation:', await cancelAfter(0.1, runnerCancel), num, lap());

  const fooFinally = async (): Promise<void> => {
    try {
      await sleep(10);
    } finally {
      divide();
    }
  };
  const runner08 = (): Promise<void> =>
    new TaskGroup().run(async (g) => {
      for (let i = 0; i < 5; i++) g.createTask(fooFinally);
      await sleep(10);
    });
  print('08:', await cancelAfter(0.1, runner08), lap());

  const v = async (delay: number, value: number): Promise<number> => {
    await sleep(delay);
    return value;
  };
  for (const [label, pause] of [
    ['09', 0.1],
    ['10', null],
  ] as const) {
    const tasks: Task<number>[] = [];
    const runner = (): Promise<void> =>
      new TaskGroup().run(async (g) => {
        tasks.push(g.createTask(() => v(1, 42)));
        tasks.push(g.createTask(() => v(2, 11)));
        if (pause !== null) await sleep(pause);
        divide();
      });
    print(`${label}:`, await outcome(runner()), tasks.map((x) => x.cancelled()), lap());
  }

  const runner11 = (): Promise<void> =>
    new TaskGroup().run(async () => {
      await new TaskGroup().run(async (g2) => {
        for (let i = 0; i < 5; i++) g2.createTask(fooFinally);
        await sleep(10);
      });
    });
  print('11:', await cancelAfter(0.1, runner11), lap());

  const runner12 = (): Promise<void> =>
    new TaskGroup().run(async (g1) => {
      g1.createTask(() => sleep(10));
      await new TaskGroup().run(async (g2) => {
        for (let i = 0; i < 5; i++) g2.createTask(fooFinally);
        await sleep(10);
      });
    });
  print('12:', await cancelAfter(0.1, runner12), lap());

  const crashAfter = async (delay: number): Promise<void> => {
    await sleep(delay);
    throw new ValueError(String(delay));
  };
  for (const [label, outerDelay, innerDelay] of [
    ['13', 0.1, 10],
    ['14', 10, 0.1],
  ] as const) {
    const runner = (): Promise<void> =>
      new TaskGroup().run(async (g1) => {
        g1.createTask(() => crashAfter(outerDelay));
        await new TaskGroup().run((g2) => {
          g2.createTask(() => crashAfter(innerDelay));
        });
      });
    print(`${label}:`, await outcome(createTask(runner)), lap());
  }
  // Ends at 0.86 s of virtual time, away from a rounding boundary (see the Python twin).
  await sleep(0.06);
}
