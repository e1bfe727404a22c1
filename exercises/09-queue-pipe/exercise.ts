// Ejercicio 09 · Queue y Pipe / Exercise 09 · Queue and Pipe.
// Lee README.md (es) o README.en.md (en). / Read README.md (es) or README.en.md (en).
import * as mp from '#runtime/multiprocessing';
import { isValidReceipt, newOutbox } from './support.ts';

/** Un estudiante, o null: el centinela que le dice a un consumidor «no hay más». / A student, or null: the sentinel. */
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

/**
 * Proceso productor: mete cada id en inbox, en orden (sin centinelas).
 * Producer process: puts each id into inbox, in order (no sentinels).
 */
export async function producer(inbox: mp.Queue<Ticket>, studentIds: number[]): Promise<void> {
  void inbox;
  void studentIds;
  throw new Error('Aún no implementado / Not implemented yet: producer');
}

/**
 * Proceso consumidor: hasta recibir null, por cada id mete en outbox { studentId, valid, by }.
 * Consumer process: until it gets null, puts { studentId, valid, by } into outbox for each id.
 */
export async function consumer(inbox: mp.Queue<Ticket>, outbox: mp.Queue<Validated>): Promise<void> {
  void inbox;
  void outbox;
  void isValidReceipt; // la regla de validación / the validation rule (support.ts)
  throw new Error('Aún no implementado / Not implemented yet: consumer');
}

/**
 * Un productor por lote, `consumers` consumidores, un centinela por consumidor; todos los resultados.
 * One producer per batch, `consumers` consumers, one sentinel per consumer; every result.
 */
export async function runQueues(batches: number[][], consumers: number): Promise<Validated[]> {
  // TODO (es): la cola de resultados es newOutbox() (admite pocos resultados a la vez). ¿En qué orden recoges los
  //   resultados y esperas a los procesos? / (en): the results queue is newOutbox() (it holds few results at a
  //   time). In which order do you collect the results and wait for the processes?
  void batches;
  void consumers;
  void newOutbox;
  throw new Error('Aún no implementado / Not implemented yet: runQueues');
}

/**
 * Servidor (objetivo de un hijo): una Answer por cada `validate`; con `stop`, cierra su extremo y termina.
 * Server (a child's target): one Answer per `validate`; on `stop`, closes its end and ends.
 */
export async function receiptServer(conn: mp.Connection): Promise<void> {
  void conn;
  throw new Error('Aún no implementado / Not implemented yet: receiptServer');
}

/**
 * Cliente: Pipe, proceso con `server`, un send y un recv por id, `stop`, join; las respuestas en orden.
 * Client: Pipe, a process running `server`, one send and one recv per id, `stop`, join; the answers in order.
 */
export async function askServer(
  studentIds: number[],
  server: (conn: mp.Connection) => Promise<void> = receiptServer,
): Promise<Answer[]> {
  void studentIds;
  void server;
  throw new Error('Aún no implementado / Not implemented yet: askServer');
}

export interface Tally {
  batch: number;
  receipts: number;
  valid: number;
}

/**
 * Proceso de recuento: envía UN Tally por su extremo de escritura y lo cierra.
 * Tally process: sends ONE Tally through its writing end and closes it.
 */
export async function tallyBatch(writer: mp.Connection, batch: number, studentIds: number[]): Promise<void> {
  void writer;
  void batch;
  void studentIds;
  throw new Error('Aún no implementado / Not implemented yet: tallyBatch');
}

/**
 * Una tubería de un solo sentido por lote (mp.Pipe(false)), un proceso con `tally` por lote; los recuentos en orden.
 * One one-way pipe per batch (mp.Pipe(false)), one process running `tally` per batch; the tallies in order.
 */
export async function collectTallies(
  batches: number[][],
  tally: (writer: mp.Connection, batch: number, studentIds: number[]) => Promise<void> = tallyBatch,
): Promise<Tally[]> {
  // TODO (es): ¿cuántas tuberías hacen falta, y qué extremo recibe cada proceso? / (en): how many pipes do you
  //   need, and which end does each process get?
  void batches;
  void tally;
  throw new Error('Aún no implementado / Not implemented yet: collectTallies');
}

/** Un recuento anotado por una mesa (un hilo), con el nombre del hilo. / A tally noted by one desk (a thread), with the thread's name. */
export interface Noted {
  tally: Tally;
  desk: string;
}

/**
 * `desks` hilos (mesas) anotan los recuentos que llegan por `reader` hasta que se cierra; todos anotados, una vez.
 * `desks` threads (desks) note the tallies that arrive through `reader` until it is closed; each one noted once.
 */
export async function noteTallies(reader: mp.Connection, desks: number): Promise<Noted[]> {
  // TODO (es): ¿cuántos hilos pueden estar en reader.recv() a la vez? / (en): how many threads may be in
  //   reader.recv() at the same time?
  void reader;
  void desks;
  throw new Error('Aún no implementado / Not implemented yet: noteTallies');
}
