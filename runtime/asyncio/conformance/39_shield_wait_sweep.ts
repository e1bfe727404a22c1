// Twin of 39_shield_wait_sweep.py. A coroutine object passed twice is one thunk passed twice.
import {
  CancelledError,
  FIRST_COMPLETED,
  FIRST_EXCEPTION,
  asCompleted,
  createTask,
  ensureFuture,
  gather,
  getRunningLoop,
  shield,
  sleep,
  wait,
  type Future,
  type ReturnWhen,
} from '#runtime/asyncio';
import { err, print, sorted } from './twin.ts';

let mark = 0;

/** Seconds since the previous lap, like the Python twin's lap(). */
function lap(): string {
  const now = getRunningLoop().time();
  const d = now - mark;
  mark = now;
  return (Math.round(d * 10) / 10).toFixed(1);
}

async function outcome(aw: PromiseLike<unknown>): Promise<string> {
  try {
    return `result ${String(await aw)}`;
  } catch (e) {
    return err(e);
  }
}

function names(fs: Set<Future<unknown>>, by: Map<Future<unknown>, string>): string[] {
  return sorted([...fs].map((f) => by.get(f)!));
}

class RuntimeErrorForTest extends Error {
  override name = 'RuntimeError';
}
class ZeroDivisionError extends Error {
  override name = 'ZeroDivisionError';
}
class Stop extends Error {
  override name = 'Stop';
}

export async function main(): Promise<void> {
  const loop = getRunningLoop();
  mark = loop.time();
  let inner = loop.createFuture<number>();
  let outer = shield(inner);
  inner.setResult(42);
  print('shield result:', await outer);

  inner = loop.createFuture<number>();
  outer = shield(inner);
  await sleep(0);
  inner.setException(new RuntimeErrorForTest('expected'));
  await sleep(0);
  print('shield exception:', err(outer.exception()));

  inner = loop.createFuture<number>();
  outer = shield(inner);
  await sleep(0);
  inner.cancel();
  await sleep(0);
  print('inner cancelled: outer cancelled', outer.cancelled());

  inner = loop.createFuture<number>();
  outer = shield(inner);
  await sleep(0);
  outer.cancel();
  await sleep(0);
  print('outer cancelled:', outer.cancelled(), 'inner cancelled', inner.cancelled());
  inner.setResult(1);

  const doneFut = loop.createFuture<number>();
  doneFut.setResult(42);
  print('shield of a done future:', await shield(doneFut));

  let child1 = loop.createFuture<number>();
  let child2 = loop.createFuture<number>();
  let parent = gather(child1, child2);
  const shieldedParent = shield(parent);
  await sleep(0);
  shieldedParent.cancel();
  await sleep(0);
  child1.setResult(1);
  child2.setResult(2);
  await sleep(0);
  print('shield(gather) cancelled:', shieldedParent.cancelled(), 'gather', parent.result());

  child1 = loop.createFuture<number>();
  child2 = loop.createFuture<number>();
  const inner1 = shield(child1);
  const inner2 = shield(child2);
  parent = gather(inner1, inner2);
  await sleep(0);
  parent.cancel();
  await sleep(0);
  const parentError = parent.exception();
  print(
    'gather(shields) cancelled:',
    parentError instanceof CancelledError ? 'CancelledError' : String(parentError),
    inner1.cancelled(),
    inner2.cancelled(),
    'children',
    child1.cancelled(),
    child2.cancelled(),
  );
  child1.setResult(1);
  child2.setResult(2);
  await sleep(0);

  const coro = async (s: string): Promise<string> => s;
  const c = createTask(() => coro('test'));
  let done: Set<Future<unknown>>;
  let pending: Set<Future<unknown>>;
  ({ done, pending } = await wait([c, c, createTask(() => coro('spam'))]));
  print('wait with a task twice:', sorted([...done].map((f) => f.result() as string)), pending.size);

  for (const [label, call] of [
    ['wait(set())', () => wait(new Set<Future<unknown>>())],
    ['wait(return_when=-1)', () => wait([c], { returnWhen: -1 as unknown as ReturnWhen })],
    ['wait([])', () => wait([])],
    ['wait(a future)', () => wait(loop.createFuture() as unknown as Future<unknown>[])],
  ] as const) {
    print(label, await outcome(createTask(call)));
  }

  let a: Future<unknown> = createTask(() => sleep(0.1));
  let b: Future<unknown> = createTask(() => sleep(0.1));
  let by = new Map([
    [a, 'a'],
    [b, 'b'],
  ]);
  ({ done, pending } = await wait([b, a], { returnWhen: FIRST_COMPLETED }));
  print('FIRST_COMPLETED, two due at once:', names(done, by), pending.size, lap());

  a = createTask(() => sleep(10.0));
  b = createTask(async () => {
    await sleep(0.1);
    throw new ZeroDivisionError('err');
  });
  by = new Map([
    [a, 'a'],
    [b, 'b'],
  ]);
  ({ done, pending } = await wait([b, a], { returnWhen: FIRST_EXCEPTION }));
  print('FIRST_EXCEPTION:', names(done, by), names(pending, by), lap());
  a.cancel();

  a = createTask(() => sleep(0.1));
  b = createTask(async () => {
    await sleep(0.3);
    throw new ZeroDivisionError('really');
  });
  for (let i = 0; i < 2; i++) {
    ({ done, pending } = await wait([b, a]));
    print('wait with an exception:', done.size, pending.size, [...done].filter((f) => f.exception() !== null).length, lap());
  }

  a = createTask(() => sleep(0.1));
  b = createTask(() => sleep(0.3));
  by = new Map([
    [a, 'a'],
    [b, 'b'],
  ]);
  ({ done, pending } = await wait([b, a], { timeout: 0.2 }));
  print('wait timeout=0.2:', names(done, by), names(pending, by), lap());
  await b;

  a = createTask(() => sleep(0.1));
  b = createTask(() => sleep(0.2));
  by = new Map([
    [a, 'a'],
    [b, 'b'],
  ]);
  ({ done, pending } = await wait([b, a][Symbol.iterator]()));
  print('wait(iterator):', names(done, by), pending.size, lap());

  for (const f of asCompleted([() => sleep(0.07, 'a')], { timeout: 1 })) {
    print('as_completed unused timeout:', await f, lap());
  }
  let futs = asCompleted([() => sleep(0.1, 'a'), () => sleep(0.2, 'b')]);
  const x = await futs[1]!;
  const at = lap();
  const y = await futs[0]!;
  print('as_completed awaited in reverse:', futs.length, x, at, y, lap());
  futs = asCompleted([() => sleep(0.1, 'a'), () => sleep(0.1, 'b')]);
  ({ done } = await wait(futs.map((f) => ensureFuture(() => f))));
  print('as_completed wrapped in tasks:', sorted([...done].map((f) => f.result() as string)), lap());
  const ham = (): Promise<string> => coro('ham');
  const result: string[] = [];
  for (const f of asCompleted([ham, ham, () => coro('spam')])) result.push(await f);
  print('as_completed duplicates:', sorted(result));
  try {
    asCompleted(loop.createFuture() as unknown as Future<unknown>[]);
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
    print('as_completed(a future):', e.name);
  }

  const sleeper2 = async (dt: number, arg: string): Promise<string> => {
    await sleep(dt / 2);
    return sleep(dt / 2, arg);
  };
  print('sleep result:', await sleeper2(0.2, 'yeah'), lap());

  const fut = loop.createFuture<number>();
  const gatherTask = ensureFuture(gather(() => fut));
  await sleep(0);
  const cancelResult: boolean[] = [];
  fut.addDoneCallback(() => cancelResult.push(gatherTask.cancel()));
  fut.setResult(42);
  print('gather with all children done refuses cancel:', cancelResult, `result [${String(await outcome(gatherTask)).slice(7)}]`.replace('result [', 'result [').replace(/^result \[(.*)\]$/, 'result [$1]'), gatherTask.cancelled());

  for (const [label, args] of [['()', []], ["('my message',)", ['my message']]] as const) {
    const looping = async (): Promise<void> => {
      let elapsed = 0;
      for (;;) {
        elapsed += 0.1;
        await gather(() => sleep(0.1), { returnExceptions: true });
        if (elapsed > 1) return;
      }
    };
    const canceller = async (): Promise<void> => {
      const qwe = createTask(looping);
      await sleep(0.2);
      qwe.cancel(...args);
      await qwe;
    };
    print(`cancel${label} through gather:`, await outcome(canceller()));
  }

  const task = createTask(async () => {
    try {
      await sleep(10);
    } catch (e) {
      if (e instanceof CancelledError) throw new Stop('base');
      throw e;
    }
  });
  await sleep(0);
  task.cancel();
  print('not done after cancel():', task.done());
  print('BaseException while cancelled:', await outcome(task), task.done(), task.cancelled());
}
