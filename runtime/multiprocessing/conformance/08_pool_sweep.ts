// Twin of 08_pool_sweep.py. Python's int() is toInt here; `with Pool() as p:` is `await using p = new Pool()`
// (it terminates the pool on exit, as __exit__ does); the workers' pids are read from the pool's workers.
import * as mp from '#runtime/multiprocessing';
import { monotonic, sleep } from '#runtime/time';

class SayWhenError extends mp.ValueError {
  override name = 'SayWhenError';
}

function* exceptionThrowingGenerator(total: number, when: number): Generator<number> {
  if (when === -1) throw new SayWhenError('Somebody said when');
  for (let i = 0; i < total; i++) {
    if (i === when) throw new SayWhenError('Somebody said when');
    yield i;
  }
}

export async function sqr(x: number, wait = 0.0): Promise<number> {
  await sleep(wait);
  return x * x;
}

export function mul(x: number, y: number): number {
  return x * y;
}

export function toInt(s: string): number {
  if (!/^\s*[-+]?\d+\s*$/.test(s)) throw new mp.ValueError(`invalid literal for int() with base 10: '${s}'`);
  return Number(s);
}

export async function raiseValueError(wait: number): Promise<never> {
  await sleep(wait);
  throw new mp.ValueError('x'.repeat(1024));
}

export function raiseRuntimeError(): never {
  throw new mp.RuntimeError('foo');
}

export function unpickleableResult(): () => number {
  return () => 42;
}

const name = (e: unknown): string => (e as Error).name;
const pyList = (items: unknown[]): string => `[${items.join(', ')}]`;
const pids = (pool: mp.Pool): Array<number | null> =>
  [...pool['_workers']].map((w) => w.process.pid ?? null).sort((a, b) => (a ?? 0) - (b ?? 0));

if (mp.currentProcess().name === 'MainProcess') {
  let p: mp.Pool;
  {
    await using pool = new mp.Pool(2);
    p = pool;
    const tuples = Array.from({ length: 100 }, (_, i) => [i, 99 - i] as const);
    const products = await pool.starmapAsync<number>(mul, tuples).get();
    console.log('starmap_async:', products.every((v, i) => v === i * (99 - i)) ? 'True' : 'False');
    console.log('map_async:', pyList(await pool.mapAsync(sqr, Array.from({ length: 10 }, (_, i) => i)).get()));
    const calls: unknown[] = [];
    await pool.mapAsync(toInt, ['1'], null, (v) => void calls.push(v), (e) => void calls.push(e)).wait();
    await pool.mapAsync(toInt, ['a'], null, (v) => void calls.push(v), (e) => void calls.push(e)).wait();
    console.log('map_async callbacks:', pyList(calls[0] as number[]), name(calls[1]));
    for (const [total, when] of [
      [1, -1],
      [1, -1],
      [10, 3],
    ]) {
      try {
        await pool.map(sqr, exceptionThrowingGenerator(total!, when!), 1);
      } catch (e) {
        if (!(e instanceof SayWhenError)) throw e;
        console.log('map over a failing iterable:', name(e));
      }
    }
    for (const [total, when, chunksize, take] of [
      [1, -1, 1, 0],
      [10, 3, 1, 3],
      [20, 7, 2, 6],
      [20, 7, 4, 4],
    ] as const) {
      let it = pool.imap(sqr, exceptionThrowingGenerator(total, when), chunksize);
      const got: number[] = [];
      for (let i = 0; i < take; i++) got.push((await it.next()).value as number);
      try {
        await it.next();
      } catch (e) {
        if (!(e instanceof SayWhenError)) throw e;
        console.log(`imap(chunksize=${chunksize}) over a failing iterable:`, pyList(got), name(e));
      }
      // Unordered: the error can come before results of earlier chunks; those that came are right.
      it = pool.imapUnordered(sqr, exceptionThrowingGenerator(total, when), chunksize);
      const unordered: number[] = [];
      try {
        for (let i = 0; i < take + 1; i++) unordered.push((await it.next()).value as number);
      } catch (e) {
        if (!(e instanceof SayWhenError)) throw e;
        const squares = Array.from({ length: Math.max(when, 0) }, (_, i) => i * i);
        console.log(
          `imap_unordered(chunksize=${chunksize}) over a failing iterable:`,
          name(e),
          unordered.every((v) => squares.includes(v)) ? 'True' : 'False',
        );
      }
    }
    const r = pool.mapAsync(sqr, Array.from({ length: 10 }, (_, i) => i));
    console.log('map_async in the block:', pyList(await r.get()));
  }
  await p.join();
  try {
    p.mapAsync(sqr, [1]);
  } catch (e) {
    if (e instanceof mp.ValueError) console.log('map_async after the block:', name(e));
    else throw e;
  }

  {
    await using pool = new mp.Pool(1);
    p = pool;
    try {
      await pool.apply(raiseRuntimeError);
    } catch (e) {
      if (e instanceof mp.RuntimeError) console.log('error in a worker:', name(e), e.message);
      else throw e;
    }
  }
  await p.join();

  const t0 = monotonic();
  try {
    await using pool = new mp.Pool(2);
    try {
      await pool.map(raiseValueError, [0, 0.3]);
    } finally {
      pool.close();
      await pool.join();
    }
  } catch (e) {
    if (!(e instanceof mp.ValueError)) throw e;
    console.log('map fails, close and join still return:', name(e), 'waited for every job:', monotonic() - t0 > 0.25 ? 'True' : 'False');
  }

  p = new mp.Pool(2);
  const errors: unknown[] = [];
  for (let i = 0; i < 3; i++) {
    const res = p.applyAsync(unpickleableResult, [], undefined, null, (e) => void errors.push(e));
    try {
      await res.get();
    } catch (e) {
      console.log('unsendable result:', name(e), 'error callback got', name(errors.at(-1)));
    }
  }
  console.log('the pool keeps working:', await p.apply(sqr, [7]));
  p.close();
  await p.join();

  p = new mp.Pool(3, null, [], 10);
  const before = pids(p);
  const results = Array.from({ length: 100 }, (_, i) => p.applyAsync<number>(sqr, [i]));
  const values: number[] = [];
  for (const res of results) values.push(await res.get());
  console.log('maxtasksperchild=10 results:', values.every((v, i) => v === i * i) ? 'True' : 'False');
  await sleep(0.5);
  const after = pids(p);
  const replaced = !before.includes(null) && !after.includes(null) && before.join() !== after.join();
  console.log('workers replaced:', replaced ? 'True' : 'False', after.length);
  p.close();
  await p.join();

  p = new mp.Pool(3, null, [], 1);
  const shortLived = Array.from({ length: 6 }, (_, i) => p.applyAsync<number>(sqr, [i, 0.3]));
  p.close();
  await p.join();
  const shortValues: number[] = [];
  for (const res of shortLived) shortValues.push(await res.get());
  console.log('short-lived workers, closed early:', pyList(shortValues));

  for (const value of [0, -1, 0.5, '12']) {
    try {
      new mp.Pool(3, null, [], value as number);
    } catch (e) {
      if (e instanceof mp.ValueError) console.log(`maxtasksperchild=${typeof value === 'string' ? `'${value}'` : value}:`, name(e), e.message);
      else throw e;
    }
  }
}
