import { Condition, Event, Lock, Thread, Timer } from '#runtime/threading';
import { sleep } from '#runtime/time';
import { print, t } from '../../asyncio/conformance/twin.ts';

export async function main(): Promise<void> {
  const cond = new Condition();
  const done: boolean[] = [];
  let spins = 0;
  const spinner = async (): Promise<void> => {
    while (done.length === 0) {
      await sleep(0);
      spins++;
    }
  };
  const s = new Thread({ target: spinner });
  s.start();
  await cond.acquire();
  print('cond.wait(0) returns', await cond.wait(0));
  cond.release();
  done.push(true);
  await s.join();
  print('the spinner yielded only a few times:', spins < 1000);

  const ev = new Event();
  const got: boolean[] = [];
  const waiter = async (): Promise<void> => {
    got.push(await ev.wait(0.5));
    print('ev.wait(0.5) returned', got[0], 'at', t());
  };
  const w = new Thread({ target: waiter });
  w.start();
  const counts: Record<string, number> = { A: 0, B: 0 };
  const spin = async (name: string): Promise<void> => {
    while (got.length === 0) {
      await sleep(0);
      counts[name]!++;
    }
  };
  const a = new Thread({ target: spin, args: ['A'] });
  const b = new Thread({ target: spin, args: ['B'] });
  a.start();
  b.start();
  for (const x of [w, a, b]) await x.join();
  print('both spinners had turns:', counts.A! > 0 && counts.B! > 0);

  const fired: string[] = [];
  const timer = new Timer(0.3, () => fired.push(t()));
  timer.start();
  while (fired.length === 0) await sleep(0);
  print('Timer(0.3) fired at', fired[0], 'while the main thread spun');
  await timer.join();

  const lock = new Lock();
  await lock.acquire();
  const results: boolean[] = [];
  const x = new Thread({ target: async () => void results.push(await lock.acquire(true, 0.2)) });
  x.start();
  while (results.length === 0) await sleep(0);
  print('lock.acquire(timeout=0.2) gave', results[0], 'at', t());
  await x.join();
}
