// Ejercicio 13 · asyncio / Exercise 13 · asyncio. Lee README.md (es) o README.en.md (en).
// Puedes importar lo que necesites / import what you need, e.g.:
//   import { createTask, getRunningLoop, run, sleep } from '#runtime/asyncio';
import type { Future } from '#runtime/asyncio';
import type { LegacyBank } from './support.ts';

export interface Step {
  delay: number;
  what: string;
}

function notImplemented(what: string): Error {
  return new Error(`Aún no implementado / Not implemented yet: ${what}`);
}

/** Waits `delay` seconds (asyncio sleep), prints `what` and returns it. */
export async function sayAfter(delay: number, what: string): Promise<string> {
  void delay;
  void what;
  throw notImplemented('sayAfter');
}

/** Runs the steps one after another: takes the sum of the delays. */
export async function runSequential(steps: readonly Step[]): Promise<string[]> {
  void steps;
  throw notImplemented('runSequential');
}

/** Runs every step in its own task, all at once: takes the longest delay. */
export async function runConcurrent(steps: readonly Step[]): Promise<string[]> {
  void steps;
  throw notImplemented('runConcurrent');
}

/** Returns a Future that the bank's callback completes with the code or the error. */
export function confirmPayment(bank: LegacyBank, receiptId: string): Future<string> {
  void bank;
  void receiptId;
  throw notImplemented('confirmPayment');
}

/** The entry point: run() a main coroutine that prints started / finished after X s around runConcurrent. */
export function main(steps: readonly Step[]): Promise<string[]> {
  void steps;
  throw notImplemented('main');
}
