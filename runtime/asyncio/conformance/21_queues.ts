import { LifoQueue, PriorityQueue, Queue, QueueEmpty, QueueFull, ValueError, createTask, gather, sleep, waitFor, TimeoutError } from '#runtime/asyncio';
import { err, print, t } from './twin.ts';

async function producer(q: Queue<number>, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await q.put(i);
    print('put', i, t());
  }
  print('producer done', t());
}

async function consumer(q: Queue<number>, name: string): Promise<never> {
  for (;;) {
    const item = await q.get();
    await sleep(1);
    print(name, 'processed', item, t());
    q.taskDone();
  }
}

export async function main(): Promise<void> {
  const q = new Queue<number>(2);
  const consumers = [0, 1].map((i) => createTask(() => consumer(q, `c${i}`)));
  await producer(q, 5);
  await q.join();
  print('all processed', t(), 'qsize', q.qsize(), 'empty', q.empty());
  for (const c of consumers) c.cancel();
  await gather(...consumers, { returnExceptions: true });
  const lifo = new LifoQueue<number>();
  const prio = new PriorityQueue<[number, string]>();
  for (const x of [3, 1, 2]) {
    lifo.putNowait(x);
    prio.putNowait([x, `p${x}`]);
  }
  print('lifo', [0, 1, 2].map(() => lifo.getNowait()), 'prio', [0, 1, 2].map(() => prio.getNowait()[1]));
  const small = new Queue<string>(1);
  small.putNowait('x');
  print('full', small.full(), 'maxsize', small.maxsize);
  try {
    small.putNowait('y');
  } catch (e) {
    if (!(e instanceof QueueFull)) throw e;
    print('put_nowait:', err(e));
  }
  small.getNowait();
  try {
    small.getNowait();
  } catch (e) {
    if (!(e instanceof QueueEmpty)) throw e;
    print('get_nowait:', err(e));
  }
  try {
    small.taskDone();
    small.taskDone();
  } catch (e) {
    if (!(e instanceof ValueError)) throw e;
    print('task_done:', err(e));
  }
  try {
    await waitFor(() => small.get(), 0.5);
  } catch (e) {
    if (!(e instanceof TimeoutError)) throw e;
    print('get timed out', t());
  }
  small.putNowait('z');
  print('then got', await small.get());
}
