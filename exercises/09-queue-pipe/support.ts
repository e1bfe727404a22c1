// Course material for exercise 09 (not part of the student's submission).
import { Queue, type Connection } from '#runtime/multiprocessing';

/** How many results the outbox holds before a put() waits: small, like the buffer of a real pipe (64 KiB). */
export const OUTBOX_SIZE = 4;

/** Every outbox made in this process (the tests check that runQueues uses one). */
export const outboxesMade: Queue<unknown>[] = [];

/** The results queue of runQueues: bounded to OUTBOX_SIZE results, as a pipe's buffer bounds CPython's queues. */
export function newOutbox<T>(): Queue<T> {
  const outbox = new Queue<T>(OUTBOX_SIZE);
  outboxesMade.push(outbox as Queue<unknown>);
  return outbox;
}

/** The validation rule: a receipt is valid when its student id is a positive integer not divisible by 13. */
export function isValidReceipt(studentId: number): boolean {
  return Number.isInteger(studentId) && studentId > 0 && studentId % 13 !== 0;
}

/**
 * A server that follows the protocol to the letter, used by the tests to check the student's client on its own:
 * one Answer per `validate`, nothing after `stop`. It counts requests in its answers so a client that skips or
 * repeats a request is caught.
 */
export async function strictServer(conn: Connection): Promise<void> {
  for (;;) {
    const request = (await conn.recv()) as { op: string; studentId?: number };
    if (request.op === 'stop') break;
    if (request.op !== 'validate' || typeof request.studentId !== 'number') {
      throw new Error(`protocolo roto / protocol broken: ${JSON.stringify(request)}`);
    }
    conn.send({ studentId: request.studentId, valid: isValidReceipt(request.studentId) });
  }
  conn.close();
}

/** Resolves to `value`, or to TIMED_OUT after `seconds` of real time (cross-process waits use real time). */
export const TIMED_OUT = Symbol('timed out');
export async function within<T>(seconds: number, work: Promise<T>): Promise<T | typeof TIMED_OUT> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), seconds * 1000);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}
