import { CancelledError, InvalidStateError, Task, ValueError, ensureFuture, getRunningLoop, sleep, type Future } from '#runtime/asyncio';
import { err, print, t } from './twin.ts';

class StopIteration extends Error {
  override name = 'StopIteration';
}

export async function main(): Promise<void> {
  const loop = getRunningLoop();
  const fut = loop.createFuture<number>();
  print('done', fut.done(), 'cancelled', fut.cancelled());
  try {
    fut.result();
  } catch (e) {
    if (!(e instanceof InvalidStateError)) throw e;
    print('result():', err(e));
  }
  try {
    fut.exception();
  } catch (e) {
    if (!(e instanceof InvalidStateError)) throw e;
    print('exception():', err(e));
  }
  fut.addDoneCallback((f) => print('callback 1 sees', f.result(), t()));
  const cb2 = (): void => print('callback 2 (removed)');
  fut.addDoneCallback(cb2);
  fut.addDoneCallback(cb2);
  print('removed', fut.removeDoneCallback(cb2));
  loop.callLater(1, (v: number) => fut.setResult(v), 42);
  print('awaited', await fut, t());
  try {
    fut.setResult(43);
  } catch (e) {
    if (!(e instanceof InvalidStateError)) throw e;
    print('set_result again:', err(e));
  }
  print('cancel a done future ->', fut.cancel());

  const failed = loop.createFuture<never>();
  failed.setException(new ValueError('nope'));
  print('exception()', err(failed.exception()));
  try {
    await failed;
  } catch (e) {
    if (!(e instanceof ValueError)) throw e;
    print('await raised', err(e));
  }
  try {
    failed.setException(new StopIteration());
  } catch (e) {
    if (!(e instanceof InvalidStateError || e instanceof TypeError)) throw e;
    print('set_exception again:', err(e));
  }

  const cancelled = loop.createFuture<void>();
  print('cancel ->', cancelled.cancel('why'), cancelled.cancelled());
  try {
    cancelled.result();
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    print('result() of cancelled:', err(e));
  }
  cancelled.addDoneCallback((f) => print('late callback runs soon, cancelled', f.cancelled()));
  await sleep(0);

  const f2: Future<void> = loop.createFuture<void>();
  print('ensure_future(future) is future:', ensureFuture(f2) === f2);
  const task = ensureFuture(() => sleep(0.5, 'slept'));
  print('ensure_future(coro) is a Task:', task instanceof Task, await task, t());
  f2.cancel();
}
