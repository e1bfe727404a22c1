// Twin of 10_process_pipe_sweep.py. `with a, b:` is `using` both ends; send_bytes/recv_bytes are not ported, so
// the strings go through send()/recv().
import * as mp from '#runtime/multiprocessing';
import { Thread } from '#runtime/threading';
import { sleep } from '#runtime/time';

const py = (v: unknown): string => (v === true ? 'True' : v === false ? 'False' : typeof v === 'string' ? `'${v}'` : String(v));
const pyList = (items: unknown[]): string => `[${items.map(py).join(', ')}]`;

export async function waitForNone(q: mp.Queue<null>): Promise<void> {
  await q.get();
}

export async function sleepFor(delay: number): Promise<void> {
  await sleep(delay);
}

export function waitForThreads(evt: mp.Event): void {
  new Thread({
    target: async () => {
      await sleep(0.5);
      evt.set();
    },
  }).start();
  new Thread({
    target: async () => {
      await sleep(20);
      evt.clear();
    },
    daemon: true,
  }).start();
}

export async function putMore(q: mp.Queue<number>): Promise<void> {
  for (let i = 10; i < 20; i++) await q.put(i);
}

export async function echo(conn: mp.Connection): Promise<void> {
  for (;;) {
    const msg = await conn.recv();
    if (msg === 'STOP') break;
    conn.send(msg);
  }
  conn.close();
}

export async function sendStrings(conn: mp.Connection, strings: string[]): Promise<void> {
  for (const s of strings) {
    await sleep(0.1);
    conn.send(s);
  }
  conn.close();
}

export async function dontMerge(conn: mp.Connection): Promise<void> {
  for (const s of ['a', 'b', 'cd']) conn.send(s);
}

async function attempt(call: () => unknown): Promise<string> {
  try {
    await call();
    return 'ok';
  } catch (e) {
    if (e instanceof mp.ValueError) return 'ValueError';
    throw e;
  }
}

if (mp.currentProcess().name === 'MainProcess') {
  const q = new mp.Queue<null>();
  let p = new mp.Process({ target: waitForNone, args: [q], daemon: true });
  p.start();
  console.log('close() while alive:', py(p.isAlive()), await attempt(() => p.close()));
  await q.put(null);
  await p.join();
  console.log('after join:', py(p.isAlive()), p.exitcode, await attempt(() => p.close()));
  const afterClose: string[] = [];
  for (const f of [() => p.isAlive(), () => p.join(), () => p.terminate(), () => p.close()]) afterClose.push(await attempt(f));
  console.log('after close():', pyList(afterClose));

  let procs = Array.from({ length: 5 }, () => new mp.Process({ target: sleepFor, args: [0.01] }));
  for (const proc of procs) proc.start();
  for (const proc of procs) await proc.join();
  console.log('five processes:', pyList(procs.map((proc) => proc.exitcode)));
  procs = Array.from({ length: 5 }, () => new mp.Process({ target: sleepFor, args: [10] }));
  for (const proc of procs) proc.start();
  await sleep(0.001);
  for (const proc of procs) proc.terminate();
  for (const proc of procs) await proc.join();
  console.log('five terminated:', pyList(procs.map((proc) => proc.exitcode)));

  const evt = new mp.Event();
  p = new mp.Process({ target: waitForThreads, args: [evt] });
  p.start();
  await p.join();
  console.log('the child waited for its non-daemon thread:', py(evt.isSet()));

  const numbers = new mp.Queue<number>();
  for (let i = 0; i < 10; i++) await numbers.put(i);
  await sleep(0.1);
  p = new mp.Process({ target: putMore, args: [numbers], daemon: true });
  p.start();
  const got: number[] = [];
  for (let i = 0; i < 20; i++) got.push(await numbers.get());
  try {
    await numbers.get(false);
  } catch (e) {
    if (!(e instanceof mp.Empty)) throw e;
    console.log('items before and from the child, in order:', py(got.every((v, i) => v === i)), 'then Empty');
  }
  await p.join();

  const sized = new mp.Queue<number>();
  const sizes = [sized.qsize()];
  await sized.put(1);
  sizes.push(sized.qsize());
  await sized.put(5);
  sizes.push(sized.qsize());
  await sized.get();
  sizes.push(sized.qsize());
  await sized.get();
  sizes.push(sized.qsize());
  console.log('qsize:', pyList(sizes));

  let [a, b] = mp.Pipe();
  {
    using endA = a;
    using endB = b;
    endA.send(1729);
    console.log('in the with block:', await endB.recv(), py(endA.closed), py(endB.closed));
  }
  console.log('after it:', py(a.closed), py(b.closed));
  for (const end of [a, b]) {
    try {
      await end.recv();
    } catch (e) {
      if (e instanceof mp.OSError) console.log('recv on a closed end:', 'OSError');
      else throw e;
    }
  }

  const [conn, childConn] = mp.Pipe();
  p = new mp.Process({ target: echo, args: [childConn], daemon: true });
  p.start();
  childConn.close();
  conn.send('hello');
  console.log('echo after closing our copy of the child end:', await conn.recv());
  conn.send('STOP');
  conn.close();
  await p.join();

  [a, b] = mp.Pipe();
  console.log('poll() before:', py(await a.poll()));
  b.send('');
  console.log('poll() after an empty message:', py(await a.poll()), py(await a.poll()));
  await a.recv();

  const strings = ['hello', '', 'a', 'b', '', 'bye', '', 'lop'];
  [a, b] = mp.Pipe();
  p = new mp.Process({ target: sendStrings, args: [b, strings] });
  p.start();
  const received: unknown[] = [];
  for (let s = 0; s < strings.length; s++) {
    for (let i = 0; i < 200; i++) if (await a.poll(0.01)) break;
    received.push(await a.recv());
  }
  await p.join();
  console.log('strings sent with pauses:', py(received.every((v, i) => v === strings[i]) && received.length === strings.length));

  [a, b] = mp.Pipe();
  console.log('poll(0.0), poll(0.1) with nothing sent:', py(await a.poll(0.0)), py(await a.poll(0.1)));
  p = new mp.Process({ target: dontMerge, args: [b] });
  p.start();
  const out = [await a.recv(), await a.poll(1.0), await a.poll(1.0), await a.recv(), await a.poll(1.0), await a.poll(1.0), await a.poll(0.0), await a.recv()];
  await p.join();
  console.log('messages kept apart:', pyList(out));

  const manager = await mp.Manager();
  try {
    const list = manager.list();
    await list.append(manager.Queue());
    await ((await list.get(0)) as mp.QueueProxy<number>).put(123);
    const dict = manager.dict();
    await dict.set(0, manager.Queue());
    await ((await dict.get(0)) as mp.QueueProxy<number>).put(456);
    const fromList = await ((await list.get(0)) as mp.QueueProxy<number>).get();
    const fromDict = await ((await dict.get(0)) as mp.QueueProxy<number>).get();
    console.log('a manager queue inside a list and a dict:', fromList, fromDict);
  } finally {
    await manager.shutdown();
  }
}
