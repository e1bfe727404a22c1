// Twin of 07_unsendable.py: a value that cannot cross to another process (a function that is not a
// process target: Python cannot pickle it, structured clone cannot clone it) fails the way CPython fails for
// each API: through get() for a pool call, on the feeder's stderr for Queue.put (the item is dropped), at
// once for Pipe send and Process start. Nothing hangs, nothing else breaks.
import * as mp from '#runtime/multiprocessing';
import { sleep } from '#runtime/time';

export function square(x: number, kwargs: { scale?: number } = {}): number {
  return x * x * (kwargs.scale ?? 1);
}

const BAD = (): number => 1;

async function show(label: string, call: () => unknown): Promise<void> {
  try {
    const value = await call();
    console.log(label, '->', value === undefined ? 'None' : value);
  } catch (error) {
    console.log(label, 'raised', (error as Error).name);
  }
}

if (mp.currentProcess().name === 'MainProcess') {
  const pool = new mp.Pool(1);
  const badArg = pool.applyAsync<number>(square, [BAD]);
  await show('apply_async, a lambda in args: get()', () => badArg.get(10));
  const badKwds = pool.applyAsync<number>(square, [3], { scale: BAD });
  await show('apply_async, a lambda in kwds: get()', () => badKwds.get(10));
  const notDict = pool.applyAsync<number>(square, [3], [2] as unknown as Record<string, unknown>);
  await show('apply_async, a list as kwds: get()', () => notDict.get(10));
  await show('the pool still works', () => pool.applyAsync<number>(square, [4]).get(10));
  await show('map with a lambda among the items', () => pool.map(square, [1, BAD] as unknown as number[]));
  pool.terminate();
  await pool.join();
  const q = new mp.Queue();
  await show('Queue.put of a lambda', () => q.put(BAD));
  await sleep(0.5);
  await q.put(5);
  await show('the next item arrives', () => q.get(true, 10));
  const [a, b] = mp.Pipe();
  await show('Pipe send of a lambda', () => a.send(BAD));
  a.send(6);
  await show('the pipe still works', () => b.recv());
  const p = new mp.Process({ target: square, args: [BAD] });
  await show('Process.start with a lambda in args', () => p.start());
  console.log('done');
}
