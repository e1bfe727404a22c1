// Twin of 43_gather_sweep.py. A coroutine object passed several times is one thunk passed several times.
import { Future, ensureFuture, gather, getRunningLoop, sleep } from '#runtime/asyncio';
import { err, print } from './twin.ts';

class ZeroDivisionError extends Error {
  override name = 'ZeroDivisionError';
}
class RuntimeErrorForTest extends Error {
  override name = 'RuntimeError';
}

const show = (values: unknown[]): unknown[] => values.map((v) => (v instanceof Error ? err(v) : v));

export async function main(): Promise<void> {
  const loop = getRunningLoop();
  const futures = (n: number): Array<Future<unknown>> => Array.from({ length: n }, () => loop.createFuture<unknown>());
  let [a, b, c] = futures(3);
  let d: Future<unknown> | undefined;
  let e: Future<unknown> | undefined;
  let fut: Future<unknown[]> = gather(a!, b!, c!, { returnExceptions: true });
  let calls: boolean[] = [];
  const record = (x: unknown): void => void calls.push(x === fut);
  fut.addDoneCallback(record);
  b!.setResult(1);
  a!.setResult(2);
  await sleep(0);
  print('two of three:', calls, fut.done());
  c!.setResult(3);
  await sleep(0);
  await sleep(0);
  print('all three:', calls, fut.result());

  [a, b, c, d, e] = futures(5);
  fut = gather(a!, b!, c!, d!, e!);
  calls = [];
  fut.addDoneCallback(record);
  a!.setResult(1);
  b!.cancel();
  await sleep(0);
  await sleep(0);
  print('one cancelled:', fut.done(), calls, fut.cancelled(), err(fut.exception()));
  c!.setResult(3);
  d!.cancel();
  e!.setException(new RuntimeErrorForTest());
  e!.exception();
  await sleep(0);
  print('later children change nothing:', calls, err(fut.exception()));

  [a, b, c, d, e] = futures(5);
  const f = loop.createFuture<unknown>();
  fut = gather(a!, b!, c!, d!, e!, f, { returnExceptions: true });
  calls = [];
  fut.addDoneCallback(record);
  a!.setResult(1);
  b!.setException(new ZeroDivisionError());
  c!.cancel();
  await sleep(0);
  print('return_exceptions, half done:', fut.done());
  d!.setResult(3);
  e!.cancel();
  f.setException(new RuntimeErrorForTest());
  const res = await fut;
  await sleep(0);
  print('return_exceptions results:', show(res), calls);

  const empty = gather();
  print('empty gather is a future:', empty instanceof Future, await empty);

  const coro = async (s: string): Promise<string> => s;
  print('two coroutines:', await gather(() => coro('abc'), () => coro('abc')));
  const same = (): Promise<string> => coro('abc');
  print('the same coroutine three times:', await gather(same, same, () => coro('def'), same));

  const inner = async (g: Future<unknown>): Promise<void> => {
    await g;
    throw new RuntimeErrorForTest('should not be ignored');
  };
  [a, b] = futures(2);
  const outerTask = ensureFuture(async () => {
    await gather(() => inner(a!), () => inner(b!));
  });
  await sleep(0);
  a!.setResult(null);
  await sleep(0);
  b!.setResult(null);
  await sleep(0);
  await sleep(0);
  print('an error of one child:', err(outerTask.exception()));

  try {
    gather(same, 42 as never);
  } catch (error) {
    print('gather(coro, 42):', (error as Error).name);
  }
}
