import { Lock, RLock, TIMEOUT_MAX, Thread } from '#runtime/threading';
import { sleep, monotonic } from '#runtime/time';
import { err, print, t } from '../../asyncio/conformance/twin.ts';

const py = (args: unknown[], kw: Record<string, number>): string =>
  `(${args.map((a) => (a === false ? 'False' : String(a))).join(', ')}${args.length === 1 ? ',' : ''}) {'timeout': ${kw.timeout === 1e100 ? '1e+100' : kw.timeout}}`;

export async function main(): Promise<void> {
  for (const [name, Kind] of [['Lock', Lock], ['RLock', RLock]] as const) {
    const lock = new Kind();
    print(name, 'try acquire:', await lock.acquire(false));
    const res: boolean[] = [];
    let th = new Thread({ target: async () => void res.push(await lock.acquire(false)) });
    th.start();
    await th.join();
    print(name, 'contended try acquire from another thread:', res[0]);
    lock.release();

    await lock.acquire();
    const finished: string[] = [];
    const f = async (): Promise<void> => {
      await lock.acquire();
      finished.push(t());
      lock.release();
    };
    const threads = Array.from({ length: 5 }, () => new Thread({ target: f }));
    for (const x of threads) x.start();
    await sleep(0.5);
    print(name, 'blocked threads finished before release:', finished.length);
    lock.release();
    for (const x of threads) await x.join();
    print(name, 'after release all finished at', [...new Set(finished)].sort());

    {
      using _held = await lock.hold();
    }
    try {
      using _held = await lock.hold();
      throw new TypeError('in with');
    } catch (e) {
      print(name, 'with re-raises', err(e));
    }
    print(name, 'free after with:', await lock.acquire(false));
    lock.release();

    for (const [args, kw] of [[[false], { timeout: 1 }], [[], { timeout: -100 }], [[], { timeout: 1e100 }]] as const) {
      try {
        await lock.acquire(args[0] ?? true, kw.timeout);
        print(name, 'acquire', py([...args], kw), 'ok');
        lock.release();
      } catch (e) {
        print(name, 'acquire', py([...args], kw), '->', err(e));
      }
    }
    print(name, 'acquire(timeout=TIMEOUT_MAX):', await lock.acquire(true, TIMEOUT_MAX));
    lock.release();

    await lock.acquire();
    const out: unknown[] = [];
    th = new Thread({ target: async () => {
      const t1 = monotonic();
      out.push(await lock.acquire(true, 0.5));
      out.push(Math.round((monotonic() - t1) * 10) / 10);
      out.push(await lock.acquire(true, 0));
    } });
    th.start();
    await th.join();
    print(name, 'timed acquire on a held lock:', out);
    lock.release();
  }

  let lock = new Lock();
  const phase: null[] = [];
  let th = new Thread({ target: async () => {
    await lock.acquire();
    phase.push(null);
    await lock.acquire();
    phase.push(null);
  } });
  await lock.acquire();
  th.start();
  await sleep(0.2);
  print('Lock: thread blocked, phase', phase.length);
  lock.release();
  await sleep(0.2);
  print('Lock: thread got it, blocks on its own second acquire, phase', phase.length);
  lock.release();
  await th.join();
  print('Lock: released by another thread, phase', phase.length);
  lock.release();

  lock = new Lock();
  await lock.acquire();
  th = new Thread({ target: () => lock.release() });
  th.start();
  await th.join();
  print('Lock released by a thread that did not acquire it; locked:', lock.locked());

  lock = new Lock();
  th = new Thread({ target: () => lock.acquire(true, 0.1) });
  await lock.acquire();
  th.start();
  await th.join();
  lock.release();
  print('Lock after another thread timed out on it: locked', lock.locked());

  const r = new RLock();
  await r.acquire();
  await r.acquire();
  r.release();
  await r.acquire();
  r.release();
  r.release();
  try {
    r.release();
  } catch (e) {
    print('RLock release unacquired:', err(e));
  }
  await r.acquire();
  const errs: string[] = [];
  th = new Thread({ target: () => {
    try {
      r.release();
    } catch (e) {
      errs.push(err(e));
    }
  } });
  th.start();
  await th.join();
  print('RLock released by another thread:', errs);
  r.release();
  try {
    new Lock().release();
  } catch (e) {
    print('Lock release unacquired:', err(e));
  }
}
