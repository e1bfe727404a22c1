// Exercise 09 · Queue and Pipe — reference solution.
import * as mp from '#runtime/multiprocessing';
import * as queue from '#runtime/queue';
import * as threading from '#runtime/threading';
import { isValidReceipt, newOutbox } from './support.ts';

/** A student id, or null: the sentinel that tells one consumer "no more work". */
export type Ticket = number | null;

export interface Validated {
  studentId: number;
  valid: boolean;
  by: string;
}

export type Request = { op: 'validate'; studentId: number } | { op: 'stop' };

export interface Answer {
  studentId: number;
  valid: boolean;
}

/** Producer process: puts its ids, and nothing else (the parent sends the sentinels once all producers end). */
export async function producer(inbox: mp.Queue<Ticket>, studentIds: number[]): Promise<void> {
  for (const id of studentIds) await inbox.put(id);
}

/** Consumer process: one result per id, until its sentinel arrives. */
export async function consumer(inbox: mp.Queue<Ticket>, outbox: mp.Queue<Validated>): Promise<void> {
  const by = mp.currentProcess().name;
  for (;;) {
    const id = await inbox.get();
    if (id === null) return; // this consumer's sentinel: every other consumer gets its own
    await outbox.put({ studentId: id, valid: isValidReceipt(id), by });
  }
}

export async function runQueues(batches: number[][], consumers: number): Promise<Validated[]> {
  if (consumers < 1) throw new RangeError(`se necesita al menos un consumidor / at least one consumer (${consumers})`);
  const inbox = new mp.Queue<Ticket>();
  const outbox = newOutbox<Validated>(); // bounded: a consumer's put() waits while it is full
  const producers = batches.map((batch) => new mp.Process({ target: producer, args: [inbox, batch] }));
  const workers = Array.from({ length: consumers }, () => new mp.Process({ target: consumer, args: [inbox, outbox] }));
  for (const p of [...producers, ...workers]) p.start();

  // Sentinels go in only after every producer has finished, otherwise a consumer could stop too early.
  for (const p of producers) await p.join();
  for (let i = 0; i < consumers; i++) await inbox.put(null);

  // Drain the results before joining the consumers: a consumer blocked in put() on a full outbox can never
  // end, so joining it first would wait forever (CPython's 'joining processes that use queues').
  const expected = batches.reduce((n, batch) => n + batch.length, 0);
  const results: Validated[] = [];
  for (let i = 0; i < expected; i++) results.push(await outbox.get());
  for (const w of workers) await w.join();
  return results;
}

/** Server process: exactly one send for each `validate` it receives; `stop` ends the conversation. */
export async function receiptServer(conn: mp.Connection): Promise<void> {
  for (;;) {
    const request = (await conn.recv()) as Request;
    if (request.op === 'stop') break;
    conn.send({ studentId: request.studentId, valid: isValidReceipt(request.studentId) } satisfies Answer);
  }
  conn.close();
}

/** Client: one send, one recv per id, in lockstep with the server; then stop (no answer expected) and join. */
export async function askServer(
  studentIds: number[],
  server: (conn: mp.Connection) => Promise<void> = receiptServer,
): Promise<Answer[]> {
  const [mine, theirs] = mp.Pipe();
  const p = new mp.Process({ target: server, args: [theirs] });
  p.start();
  const answers: Answer[] = [];
  try {
    for (const studentId of studentIds) {
      mine.send({ op: 'validate', studentId } satisfies Request);
      answers.push((await mine.recv()) as Answer); // the server's one send for our one send
    }
    mine.send({ op: 'stop' } satisfies Request);
  } finally {
    mine.close();
    await p.join();
  }
  return answers;
}

export interface Tally {
  batch: number;
  receipts: number;
  valid: number;
}

/** Tally process: one Tally through its writing end, then close it (the parent's recv then sees EOF). */
export async function tallyBatch(writer: mp.Connection, batch: number, studentIds: number[]): Promise<void> {
  writer.send({ batch, receipts: studentIds.length, valid: studentIds.filter(isValidReceipt).length } satisfies Tally);
  writer.close();
}

/**
 * One one-way pipe per batch, each writing end handed to its own process: a Pipe has two ends, and two processes
 * writing on one end at once could corrupt each other's messages. The tallies are read in batch order.
 */
export async function collectTallies(
  batches: number[][],
  tally: (writer: mp.Connection, batch: number, studentIds: number[]) => Promise<void> = tallyBatch,
): Promise<Tally[]> {
  const pipes = batches.map(() => mp.Pipe(false)); // [reader, writer]: the first only receives, the second only sends
  const processes = batches.map((ids, i) => new mp.Process({ target: tally, args: [pipes[i]![1], i, ids] }));
  for (const p of processes) p.start();
  for (const [, writer] of pipes) writer.close(); // CPython's idiom: the parent's copy (the child keeps its end)
  const tallies: Tally[] = [];
  for (const [reader] of pipes) {
    tallies.push((await reader.recv()) as Tally);
    reader.close();
  }
  for (const p of processes) await p.join();
  return tallies;
}

/** A tally noted by one desk (a thread), with the desk's thread name. */
export interface Noted {
  tally: Tally;
  desk: string;
}

/**
 * `desks` threads note the tallies that arrive through `reader` until it is closed. Only this thread reads the
 * pipe and hands each tally out through a queue.Queue: two threads in recv() on one end at once could each get
 * pieces of the other's message in Python. One sentinel per desk at the end.
 */
export async function noteTallies(reader: mp.Connection, desks: number): Promise<Noted[]> {
  const inbox = new queue.Queue<Tally | null>();
  const noted: Noted[] = [];
  const threads = Array.from({ length: desks }, () => new threading.Thread({
    target: async () => {
      for (let tally = await inbox.get(); tally !== null; tally = await inbox.get()) {
        noted.push({ tally, desk: threading.currentThread().name });
      }
    },
  }));
  for (const t of threads) t.start();
  try {
    for (;;) await inbox.put((await reader.recv()) as Tally);
  } catch (error) {
    if (!(error instanceof mp.EOFError)) throw error; // any other error is the caller's to see
  } finally {
    // Also when recv() fails: otherwise the desks wait in get() for ever.
    for (let i = 0; i < desks; i++) await inbox.put(null);
    for (const t of threads) await t.join();
  }
  return noted;
}
