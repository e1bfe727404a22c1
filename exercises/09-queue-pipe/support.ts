// Course material for exercise 09 (not part of the student's submission).
import { Queue, type Connection } from '#runtime/multiprocessing';
import type { LifecycleEvent } from '#runtime/testing';

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

/**
 * A server that answers the first two requests and then hangs up (closes its end and returns), as a server
 * that crashed would: the client's next recv() must raise EOFError, and the client must let it reach its caller.
 */
export async function quittingServer(conn: Connection): Promise<void> {
  for (let answered = 0; answered < 2; answered++) {
    const request = (await conn.recv()) as { op: string; studentId?: number };
    if (request.op === 'stop') break;
    conn.send({ studentId: request.studentId, valid: isValidReceipt(request.studentId as number) });
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

/**
 * The course's words for what a wrong use of a one-way pipe raises in collectTallies (null: another error).
 * Both come straight from the runtime, the same on every run: a second process given an end that already went
 * to another one, and recv()/send() on the wrong end of Pipe(false).
 */
export function pipeMistake(error: unknown): [string, string] | null {
  const message = error instanceof Error ? error.message : String(error);
  const handed = /was handed to (\S+) and/.exec(message);
  if (handed !== null) {
    const first = handed[1] as string;
    return [
      `el mismo extremo de una tubería fue a dos procesos (ya lo tenía ${first}: OSError handle is closed). Una tubería tiene solo dos extremos: si dos procesos escriben a la vez en el mismo extremo, los datos se pueden corromper (el aviso del tema; CPython acaba en UnpicklingError). Crea una tubería mp.Pipe(false) por proceso, dentro del bucle`,
      `the same end of a pipe went to two processes (${first} already had it: OSError handle is closed). A pipe has only two ends: if two processes write on the same end at once, the data can get corrupted (the unit's warning; CPython ends in UnpicklingError). Make one mp.Pipe(false) per process, inside the loop`,
    ];
  }
  if (/connection is (write|read)-only/.test(message)) {
    return [
      `OSError: ${message}: usaste el extremo equivocado de una tubería de un solo sentido. const [reader, writer] = mp.Pipe(false): el primer extremo solo recibe y el segundo solo envía; el hijo recibe writer y el padre lee de reader`,
      `OSError: ${message}: you used the wrong end of a one-way pipe. const [reader, writer] = mp.Pipe(false): the first end only receives and the second only sends; the child gets writer and the parent reads from reader`,
    ];
  }
  return null;
}

/**
 * What is wrong with the Pipe ends the processes of collectTallies received (null: each got exactly one end
 * that only sends): read from the lifecycle record of the starts, not from timing.
 */
export function tallyEndsProblem(events: readonly LifecycleEvent[]): [string, string] | null {
  const starts = events.filter((event) => event.kind === 'start' && event.what === 'Process');
  for (const start of starts) {
    const ends = start.pipeEnds ?? [];
    if (ends.length !== 1) {
      return [`${start.name} recibió ${ends.length} extremos de tubería: cada proceso de recuento recibe exactamente uno, el writer de su propia tubería`,
        `${start.name} received ${ends.length} pipe ends: each tally process gets exactly one, the writer of its own pipe`];
    }
    const [end] = ends as [{ readable: boolean; writable: boolean }];
    if (end.readable && end.writable) {
      return [`${start.name} recibió un extremo de una tubería de dos sentidos (mp.Pipe()): el enunciado pide una de un solo sentido, mp.Pipe(false), porque el hijo solo envía y el padre solo recibe (un extremo que no puede leer no puede robarse los mensajes del otro)`,
        `${start.name} received an end of a two-way pipe (mp.Pipe()): the statement asks for a one-way pipe, mp.Pipe(false), because the child only sends and the parent only receives (an end that cannot read cannot steal the other's messages)`];
    }
    if (!end.writable) {
      return [`${start.name} recibió el extremo que solo lee: const [reader, writer] = mp.Pipe(false), el hijo recibe writer`,
        `${start.name} received the end that only reads: const [reader, writer] = mp.Pipe(false), the child gets writer`];
    }
  }
  return null;
}
