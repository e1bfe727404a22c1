// Ejercicio 09 · Queue y Pipe. Lee README.md (o README.en.md).
import * as mp from '#runtime/multiprocessing';
import { isValidReceipt } from './support.ts';

/** Un estudiante, o null: el centinela que le dice a un consumidor «no hay más». */
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

/** Proceso productor: mete cada id en inbox, en orden (sin centinelas). */
export async function producer(inbox: mp.Queue<Ticket>, studentIds: number[]): Promise<void> {
  void inbox;
  void studentIds;
  throw new Error('Aún no implementado / Not implemented yet: producer');
}

/** Proceso consumidor: hasta recibir null, por cada id mete en outbox { studentId, valid, by }. */
export async function consumer(inbox: mp.Queue<Ticket>, outbox: mp.Queue<Validated>): Promise<void> {
  void inbox;
  void outbox;
  void isValidReceipt; // la regla de validación (support.ts)
  throw new Error('Aún no implementado / Not implemented yet: consumer');
}

/** Un productor por lote, `consumers` consumidores, un centinela por consumidor; todos los resultados. */
export async function runQueues(batches: number[][], consumers: number): Promise<Validated[]> {
  void batches;
  void consumers;
  throw new Error('Aún no implementado / Not implemented yet: runQueues');
}

/** Servidor (objetivo de un hijo): una Answer por cada `validate`; con `stop`, cierra su extremo y termina. */
export async function receiptServer(conn: mp.Connection): Promise<void> {
  void conn;
  throw new Error('Aún no implementado / Not implemented yet: receiptServer');
}

/** Cliente: Pipe, proceso con `server`, un send y un recv por id, `stop`, join; las respuestas en orden. */
export async function askServer(
  studentIds: number[],
  server: (conn: mp.Connection) => Promise<void> = receiptServer,
): Promise<Answer[]> {
  void studentIds;
  void server;
  throw new Error('Aún no implementado / Not implemented yet: askServer');
}
