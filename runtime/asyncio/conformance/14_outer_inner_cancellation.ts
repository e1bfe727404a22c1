import { CancelledError, createTask, gather, sleep, type Task } from '#runtime/asyncio';
import { err, print, t } from './twin.ts';

async function inner(): Promise<void> {
  try {
    await sleep(10);
  } catch (e) {
    if (e instanceof CancelledError) print('inner: cancelled with', err(e), t());
    throw e;
  }
}

async function outer(task: Task<void>): Promise<void> {
  try {
    await task;
  } catch (e) {
    if (e instanceof CancelledError) print('outer: cancelled with', err(e), t());
    throw e;
  }
}

export async function main(): Promise<void> {
  const i = createTask(() => inner(), { name: 'inner' });
  const o = createTask(() => outer(i), { name: 'outer' });
  await sleep(1);
  o.cancel('stop now');
  try {
    await o;
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    print('main:', err(e));
  }
  print('inner cancelled:', i.cancelled(), 'outer cancelled:', o.cancelled());
  // A task that awaits a plain coroutine: cancellation reaches the innermost await.
  async function nested(): Promise<void> {
    try {
      await inner();
    } finally {
      print('nested: finally', t());
    }
  }
  const n = createTask(() => nested());
  await sleep(0.5);
  n.cancel();
  await gather(n, { returnExceptions: true });
  print('nested cancelled:', n.cancelled(), t());
}
