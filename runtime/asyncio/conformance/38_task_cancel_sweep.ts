// Twin of 38_task_cancel_sweep.py. A future the task awaits is `new Future()` (loop.create_future()).
import { CancelledError, Future, RuntimeError, createTask, currentTask, sleep, wait, type Task } from '#runtime/asyncio';
import { err, print } from './twin.ts';

async function outcome(aw: PromiseLike<unknown>): Promise<string> {
  try {
    return `result ${String(await aw)}`;
  } catch (e) {
    return err(e);
  }
}

export async function main(): Promise<void> {
  const sleeper = (): Promise<void> => sleep(10);

  for (const [label, args] of [['()', []], ['(None,)', [null]], ["('my message',)", ['my message']]] as const) {
    const viaResult = async (): Promise<void> => {
      const task = createTask(sleeper);
      await sleep(0);
      task.cancel(...args);
      await wait([task]);
      task.result();
    };
    print(`cancel${label} then result():`, await outcome(createTask(viaResult)));
    const viaException = async (): Promise<void> => {
      const task = createTask(sleeper);
      await sleep(0);
      task.cancel(...args);
      await wait([task]);
      task.exception();
    };
    print(`cancel${label} then exception():`, await outcome(createTask(viaException)));
  }

  print(
    'cancel before start:',
    await outcome(
      createTask(async () => {
        const task = createTask(sleeper);
        task.cancel('my message');
        await wait([task]);
        task.exception();
      }),
    ),
  );

  const selfAwaiting: Task<void> = createTask(async () => {
    await selfAwaiting;
  });
  print('await itself:', (await outcome(selfAwaiting)).split(': ').slice(0, 2).join(': '));

  const inner1 = async (): Promise<number> => 42;
  const inner2 = async (): Promise<number> => 1000;
  print('chained awaits:', (await inner1()) + (await inner2()));

  let t: Task<unknown> = createTask(sleeper);
  const before = t.cancelling();
  const first = t.cancel();
  const afterFirst = t.cancelling();
  const second = t.cancel();
  print('cancelling before', before, 'cancel', first, 'cancelling', afterFirst, 'cancel again', second, t.cancelling());
  print('cancelled twice:', await outcome(t));

  t = createTask(async () => {
    try {
      await sleep(10);
    } catch (e) {
      if (!(e instanceof CancelledError)) throw e;
      currentTask()!.uncancel();
      await sleep(10);
    }
  });
  await sleep(0.01);
  print('uncancel: cancel', t.cancel(), 'cancelling', t.cancelling(), 'cancelled', t.cancelled());
  await sleep(0.01);
  print('uncancel: after uncancel cancelling', t.cancelling(), 'cancelled', t.cancelled());
  print('uncancel: cancel again', t.cancel(), t.cancelling(), t.cancelled());
  print('uncancel: outcome', await outcome(t), t.cancelled(), t.done());
  t.uncancel();
  print('uncancel after done:', t.cancelled(), t.done());

  t = createTask(async () => {
    await sleep(0);
    await sleep(0);
    return 12;
  });
  await sleep(0);
  t.cancel();
  print('cancel at a yield:', await outcome(t), t.done(), t.cancelled(), t.cancel());

  let f = new Future<void>();
  const awaitF = async (): Promise<number> => {
    await f;
    return 12;
  };
  t = createTask(awaitF);
  await sleep(0);
  f.cancel();
  print('inner future cancelled:', await outcome(t), f.cancelled(), t.cancelled());

  f = new Future<void>();
  t = createTask(awaitF);
  await sleep(0);
  f.cancel();
  t.cancel();
  print('both cancelled:', await outcome(t), t.done(), f.cancelled(), t.cancelled());

  f = new Future<void>();
  t = createTask(awaitF);
  await sleep(0);
  t.cancel();
  await sleep(0);
  print('task cancelled while awaiting a future:', await outcome(t), f.cancelled());

  const selfCancelling: Task<number> = createTask(async () => {
    selfCancelling.cancel();
    await sleep(100);
    return 12;
  });
  const wasCancelled = selfCancelling.cancelled();
  print('cancels itself then sleeps:', wasCancelled, await outcome(selfCancelling), selfCancelling.done(), selfCancelling.cancelled(), selfCancelling.cancel());

  const atEnd: Task<number> = createTask(async () => {
    atEnd.cancel();
    return 12;
  });
  print('cancels itself at its end:', await outcome(atEnd), atEnd.done(), atEnd.cancelled(), atEnd.cancel());

  const fut = new Future<void>();
  let nestedTask: Task<void> | null = null;
  const outerTask: Task<void> = createTask(async () => {
    nestedTask = createTask(async () => {
      await fut;
    });
    await sleep(0);
    outerTask.cancel();
    await nestedTask;
  });
  print('cancels itself then awaits a sub-task:', await outcome(outerTask), outerTask.cancelled(), nestedTask!.cancelled(), fut.cancelled());

  const fut1 = new Future<boolean>();
  const fut2 = new Future<boolean>();
  const seen: boolean[] = [];
  const task1: Task<void> = createTask(async () => {
    seen.push(currentTask() === task1);
    await fut1;
    seen.push(currentTask() === task1);
    fut2.setResult(true);
  });
  const task2: Task<void> = createTask(async () => {
    seen.push(currentTask() === task2);
    fut1.setResult(true);
    await fut2;
    seen.push(currentTask() === task2);
  });
  await wait([task1, task2]);
  print('current_task while interleaving:', seen);

  let proof = 0;
  let waiter = new Future<void>();
  const inner = async (): Promise<void> => {
    try {
      await waiter;
    } catch (e) {
      if (e instanceof CancelledError) proof += 1;
      throw e;
    }
  };
  t = createTask(async () => {
    try {
      await inner();
    } catch (e) {
      if (!(e instanceof CancelledError)) throw e;
      proof += 100;
      return;
    }
    proof += 10;
  });
  await sleep(0);
  t.cancel();
  await t;
  print('cancel passes through awaits:', proof, waiter.cancelled());

  proof = 0;
  waiter = new Future<void>();
  t = createTask(async () => {
    await wait([
      createTask(async () => {
        await waiter;
        proof += 1;
      }),
    ]);
    proof += 100;
  });
  await sleep(0);
  t.cancel();
  print('wait() does not shield:', await outcome(t));
  waiter.setResult(undefined);
  await sleep(0);
  await sleep(0);
  print('the inner task went on:', proof);

  const coroNoop = async (): Promise<string> => {
    await sleep(0.01);
    return 'ok';
  };
  let okTask = createTask(coroNoop);
  print('create_task of an async function:', await okTask, currentTask() !== null);

  okTask = createTask(coroNoop);
  for (const [method, call] of [
    ['set_result', () => okTask.setResult('1')],
    ['set_exception', () => okTask.setException(new Error('x'))],
  ] as const) {
    try {
      call();
    } catch (e) {
      if (!(e instanceof RuntimeError)) throw e;
      print(method, 'on a task:', err(e));
    }
  }
  print('task still runs:', await okTask);
}
