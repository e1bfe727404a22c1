// Ejercicio 16 · Proyecto final / Exercise 16 · Capstone. Lee README.md (es) o README.en.md (en).
// Elige hilos o asyncio / choose threads or asyncio, e.g.:
//   import { Semaphore, Thread } from '#runtime/threading';
//   import { gather, run, Semaphore } from '#runtime/asyncio';
import type { ReceiptServices, Submission } from './support.ts';

export interface Failure {
  receiptId: string;
  studentId: string;
  stage: 'validate' | 'store' | 'notify';
  /** The error's message. */
  reason: string;
}

export interface Summary {
  /** Distinct receipts processed. */
  received: number;
  /** Stored AND notified. */
  notified: number;
  /** In the order they appear in submissions. */
  failures: Failure[];
  /** receiptIds sent more than once, each once, by order of first appearance. */
  duplicates: string[];
}

/** Processes every receipt concurrently, never more than maxConcurrentUploads uploads at once. */
export async function processReceipts(
  submissions: readonly Submission[],
  services: ReceiptServices,
  maxConcurrentUploads: number,
): Promise<Summary> {
  void submissions;
  void services;
  void maxConcurrentUploads;
  throw new Error('Aún no implementado / Not implemented yet: processReceipts');
}
