// Course material for exercise 10 (not part of the student's submission): the slow ledger of payments.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as mp from '#runtime/multiprocessing';
import { simulate } from '#runtime/testing';
import { currentThread, Thread } from '#runtime/threading';
import { sleep } from '#runtime/time';

/** The payments counter in a slow database: each call takes a while, and other threads run meanwhile. */
export interface Ledger {
  read(): Promise<number>;
  write(value: number): Promise<void>;
}

/** In memory, 10 ms per operation on the active clock; notes which thread made each write. */
export class MemoryLedger implements Ledger {
  value: number;
  readonly writers: string[] = [];
  reads = 0;
  readonly latency: number;
  constructor(initial = 0, latency = 0.01) {
    this.value = initial;
    this.latency = latency;
  }
  async read(): Promise<number> {
    this.reads += 1;
    const seen = this.value;
    await sleep(this.latency);
    return seen;
  }
  async write(value: number): Promise<void> {
    await sleep(this.latency);
    this.value = value;
    this.writers.push(currentThread().name);
  }
}

/** A ledger whose `failOn`-th write (1-based) throws after its delay, as a dropped database connection would. */
export class FlakyLedger extends MemoryLedger {
  private writes = 0;
  readonly failOn: number;
  constructor(failOn: number, initial = 0) {
    super(initial);
    this.failOn = failOn;
  }
  override async write(value: number): Promise<void> {
    this.writes += 1;
    if (this.writes === this.failOn) {
      await sleep(this.latency);
      throw new Error('conexión con la base de datos perdida / database connection lost');
    }
    await super.write(value);
  }
}

/** A fresh, empty printer file in a temporary folder, and a way to read its lines and remove it. */
export function tempPrinter(): { path: string; lines(): string[]; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'printer-'));
  const path = join(dir, 'printer.txt');
  return {
    path,
    lines: () => (existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter((l) => l !== '') : []),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * For the tests: two threads of this process print a slip each at once, sharing one mp.Lock, on the virtual
 * clock. Without the lock their lines mix on every run, on one free core or two (processes mix only when the
 * OS happens to overlap them). Returns the first three lines when they mix, else null.
 */
export async function mixedSlipsOfTwoThreads(
  printSlip: (lock: mp.Lock, studentId: number, pause: number, printer: string) => Promise<void>,
): Promise<string[] | null> {
  const printer = tempPrinter();
  try {
    await simulate(async () => {
      const lock = new mp.Lock();
      const threads = [7, 8].map((id) => new Thread({ target: printSlip, args: [lock, id, 0.01, printer.path] }));
      for (const t of threads) t.start();
      for (const t of threads) await t.join();
    });
    const lines = printer.lines();
    const first = (lines[0] ?? '').split(':')[0] as string;
    return lines.length >= 3 && !lines.slice(0, 3).every((line) => line.startsWith(`${first}:`)) ? lines.slice(0, 3) : null;
  } catch {
    return null; // another mistake (an error, a deadlock): the tests that run printSlip on its own name it
  } finally {
    printer.remove();
  }
}
