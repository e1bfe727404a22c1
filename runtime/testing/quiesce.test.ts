// The whole-program hang check (quiesce.ts): stuck only when every process is parked for good; any sign of
// life (a timer, a sleep, a busy child, a wait with a timeout) means "not stuck".
import { afterEach, beforeAll, expect, test } from 'vitest';
import * as mp from '#runtime/multiprocessing';
import { Queue } from '#runtime/queue';
import { Thread } from '#runtime/threading';
import { sleep } from '#runtime/time';
import { beginTest, childWaits, endProgram, programStuck, trackOutsideTimers } from './index.ts';
import { putLater, recvForever, spinThenPut, takeLock, waitForever } from './fixtures/quiesce-targets.ts';

const TARGETS = new URL('./fixtures/quiesce-targets.ts', import.meta.url);

beforeAll(() => {
  trackOutsideTimers();
});

afterEach(() => {
  endProgram();
  beginTest();
});

/** Real time passes until every child has started its program and waits in a call (at most 20 s). */
async function childrenWaiting(count: number): Promise<void> {
  for (let waited = 0; waited < 20_000; waited += 100) {
    const children = await childWaits(2000);
    if (children.length === count && children.every((child) => (child.waits?.length ?? 0) > 0)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the children never got to their waits');
}

function start(target: (...args: never[]) => unknown, args: unknown[]): mp.Process {
  const child = new mp.Process({ target, args, targetModule: TARGETS });
  child.start();
  return child;
}

test('a parent joining a child that waits on a Queue nobody fills is stuck', async () => {
  const child = start(waitForever, [new mp.Queue<number>()]);
  void child.join();
  await childrenWaiting(1);
  const verdict = await programStuck({ horizonMs: 10_000 });
  expect(verdict.stuck).toBe(true);
  if (verdict.stuck) expect(verdict.children[0]?.waits).toEqual([expect.objectContaining({ who: 'MainThread', what: 'Queue.get()' })]);
}, 30_000);

test('a cross-process deadlock on a shared Lock is stuck; so is a recv() on a pipe nobody writes to', async () => {
  const lock = new mp.Lock();
  await lock.acquire();
  const [reader, writer] = mp.Pipe(false);
  const locked = start(takeLock, [lock]);
  const reading = start(recvForever, [reader]);
  void (async () => {
    await locked.join();
    await reading.join();
  })();
  await childrenWaiting(2);
  expect((await programStuck({ horizonMs: 10_000 })).stuck).toBe(true);
  expect(writer.closed).toBe(false); // its writing end stays open here: the reader is not at EOF
}, 30_000);

test('a child sleeping before it puts is not stuck', async () => {
  const outbox = new mp.Queue<number>();
  start(putLater, [outbox, 3]);
  void outbox.get();
  await childrenWaiting(1);
  expect(await programStuck({ horizonMs: 10_000 })).toEqual({ stuck: false, why: expect.stringMatching(/Process-\d+: a timer of the scheduler is due/) as unknown });
}, 30_000);

test('a timer of the test due before the deadline is a sign of life; one due after it is not', async () => {
  const inbox = new mp.Queue<number>();
  const child = start(waitForever, [inbox]);
  const timer = setTimeout(() => void inbox.put(1), 5000);
  void child.join();
  await childrenWaiting(1);
  expect(await programStuck({ horizonMs: 10_000 })).toEqual({ stuck: false, why: expect.stringMatching(/this process: a timer is due in \d+ ms/) as unknown });
  expect((await programStuck({ horizonMs: 1000 })).stuck).toBe(true);
  clearTimeout(timer);
}, 30_000);

test('a join or a get with a timeout, a sleeping thread and a busy child are not stuck', async () => {
  const inbox = new mp.Queue<number>();
  const child = start(waitForever, [inbox]);
  await childrenWaiting(1);
  void child.join(3);
  expect((await programStuck({ horizonMs: 10_000 })).stuck).toBe(false);
  endProgram();
  beginTest();

  const waiting = start(waitForever, [new mp.Queue<number>()]);
  const sleeper = new Thread({ target: () => sleep(3), name: 'sleeper' });
  sleeper.start();
  void waiting.join();
  await childrenWaiting(1);
  expect((await programStuck({ horizonMs: 10_000 })).stuck).toBe(false);
  endProgram();
  beginTest();

  const outbox = new mp.Queue<number>();
  start(spinThenPut, [outbox, 4]);
  void new Queue<number>(); // nothing local to wait on: MainThread waits on the busy child's put
  void outbox.get();
  await new Promise((resolve) => setTimeout(resolve, 1500)); // the child is spinning by now
  expect(await programStuck({ horizonMs: 10_000, answerMs: 300 })).toEqual({ stuck: false, why: expect.stringMatching(/no answer|no program is running/) as unknown });
}, 60_000);
