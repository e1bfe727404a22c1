// Course material for exercise 10 (not part of the student's submission): the slow ledger of payments.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { currentThread } from '#runtime/threading';
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
