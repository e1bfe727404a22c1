import { CancelledError, Event, Queue, QueueEmpty, QueueFull, TaskGroup, createTask, getRunningLoop, sleep } from '#runtime/asyncio';
import { print, t } from './twin.ts';

const isCancel = (e: unknown): boolean => e instanceof CancelledError;

export async function main(): Promise<void> {
  let q = new Queue<number>();
  for (const i of [1, 3, 2]) await q.put(i);
  print('order', [await q.get(), await q.get(), await q.get()]);

  q = new Queue<number>(2);
  const haveBeenPut: number[] = [];
  const q2 = q;
  let task = createTask(async () => {
    for (let i = 0; i < 3; i++) {
      await q2.put(i);
      haveBeenPut.push(i);
    }
    return true;
  });
  for (let i = 0; i < 2; i++) await sleep(0);
  print('maxsize', q.maxsize, 'putter blocked after', haveBeenPut);
  print('got', await q.get());
  await sleep(0);
  print('putter resumed:', haveBeenPut, await q.get(), await q.get(), task.done(), task.result());

  q = new Queue<number>();
  const q3 = q;
  q.putNowait(1);
  print('blocking get of a ready item', await q.get());
  const started = new Event();
  let finished = false;
  const getTask = createTask(async () => {
    started.set();
    const res = await q3.get();
    finished = true;
    return res;
  });
  await started.wait();
  print('get waiting, finished', finished);
  getRunningLoop().callLater(0.1, (x: number) => q3.putNowait(x), 1);
  print('get released by a later put:', await getTask, finished, t());
  q.putNowait(1);
  print('get_nowait', q.getNowait());
  try {
    q.getNowait();
  } catch (e) {
    if (!(e instanceof QueueEmpty)) throw e;
    print('get_nowait on empty:', e.name);
  }

  const qs = new Queue<string>();
  const t1 = createTask(() => qs.get());
  const t2 = createTask(() => qs.get());
  await sleep(0);
  t1.cancel();
  await sleep(0);
  print('cancelled getter done', t1.done());
  await qs.put('a');
  await sleep(0);
  print('the other getter gets', await t2);

  const q1 = new Queue<string>(1);
  createTask(() => q1.put('a'));
  createTask(() => q1.put('b'));
  print('waiting putters in order:', await q1.get(), await q1.get());

  const consumer = async (queue: Queue<number>, n: number): Promise<void> => {
    for (let i = 0; i < n; i++) await queue.get();
  };
  const producer = async (queue: Queue<number>, n: number): Promise<void> => {
    for (let i = 0; i < n; i++) await queue.put(i);
  };
  q = new Queue<number>(1);
  const q4 = q;
  await new TaskGroup().run((tg) => {
    tg.createTask(() => producer(q4, 5));
    tg.createTask(() => consumer(q4, 5));
  });
  print('producer and consumer through a queue of 1 finished, qsize', q.qsize());

  q = new Queue<number>();
  await q.put(1);
  print('unbounded put does not block', await q.get());
  q.putNowait(1);
  print('put_nowait', q.getNowait());
  q = new Queue<number>(1);
  q.putNowait(1);
  try {
    q.putNowait(2);
  } catch (e) {
    if (!(e instanceof QueueFull)) throw e;
    print('put_nowait on full:', e.name);
  }

  q = new Queue<number>();
  const q5 = q;
  let reader = createTask(() => q5.get());
  await sleep(0);
  q.putNowait(1);
  q.putNowait(2);
  reader.cancel();
  try {
    await reader;
  } catch (e) {
    if (!isCancel(e)) throw e;
    reader = createTask(() => q5.get());
    await reader;
  }
  print('cancelled reader after put: next get still gets', reader.result());

  q = new Queue<number>();
  const q6 = q;
  let r2 = createTask(async () => 0);
  let r3 = r2;
  await new TaskGroup().run(async (tg) => {
    const r1 = tg.createTask(() => q6.get());
    r2 = tg.createTask(() => q6.get());
    r3 = tg.createTask(() => q6.get());
    await sleep(0);
    q6.putNowait(1);
    q6.putNowait(2);
    r1.cancel();
    try {
      await r1;
    } catch (e) {
      if (!isCancel(e)) throw e;
      print('reader 1 cancelled');
    }
    await r3;
  });
  print('readers 2 and 3 got', [r2.result(), r3.result()].sort());

  q = new Queue<number>(1);
  const q7 = q;
  q.putNowait(1);
  let writer = createTask(() => q7.put(2));
  await sleep(0);
  print('got', q.getNowait());
  writer.cancel();
  try {
    await writer;
  } catch (e) {
    if (!isCancel(e)) throw e;
    writer = createTask(() => q7.put(2));
    await writer;
  }
  print('cancelled writer retried: got', q.getNowait(), 'qsize', q.qsize());

  q = new Queue<number>(1.3);
  q.putNowait(1);
  q.putNowait(2);
  const full = q.full();
  try {
    q.putNowait(3);
  } catch (e) {
    if (!(e instanceof QueueFull)) throw e;
    print('float maxsize 1.3 holds 2: full', full, 'then QueueFull');
  }

  q = new Queue<number>();
  const q8 = q;
  task = createTask(async () => {
    await q8.put(1);
    return true;
  });
  print('get', await q.get(), 'putter done', task.done(), task.result());

  const qr = new Queue<string>(1);
  const putA = createTask(() => qr.put('a'));
  const putB = createTask(() => qr.put('b'));
  const putC = createTask(() => qr.put('X'));
  await sleep(0);
  print('a done', putA.done(), 'b done', putB.done());
  putC.cancel();
  await sleep(0);
  const first = qr.getNowait();
  const cDone = putC.done();
  await sleep(0);
  print('c cancelled', cDone, 'get', first, 'then', qr.getNowait());
  await putB;

  const qg = new Queue<string>();
  const getter1 = createTask(() => qg.get());
  await sleep(0);
  await qg.put('a');
  print('waiting getter gets', await getter1);

  q = new Queue<number>(2);
  const q9 = q;
  await new TaskGroup().run((tg) => {
    tg.createTask(async () => {
      await sleep(0);
      const n = q9.qsize();
      for (let i = 0; i < n; i++) q9.getNowait();
    });
    for (let i = 0; i < 4; i++) tg.createTask(() => q9.put(i));
  });
  print('four putters on a queue of 2 all finished, qsize', q.qsize());

  q = new Queue<number>(1);
  const q10 = q;
  q.putNowait(1);
  const putTask = createTask(() => q10.put(1));
  await sleep(0);
  q.getNowait();
  putTask.cancel();
  try {
    await putTask;
  } catch (e) {
    if (!isCancel(e)) throw e;
    print('putter cancelled after its room appeared: CancelledError, qsize', q.qsize());
  }

  q = new Queue<number>();
  await q.join();
  await q.join();
  print('join on an empty queue returns at once', t());
}
