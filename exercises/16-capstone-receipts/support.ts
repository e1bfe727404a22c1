// Course material for exercise 16 (do not edit): the receipts system's services, faked on the virtual clock.
// They work the same when awaited from a thread (#runtime/threading) or from an asyncio task (#runtime/asyncio),
// and they record everything the tests need: calls per receipt and stage, uploads in flight, the order of steps.
import * as asyncio from '#runtime/asyncio';
import { seeded } from '#runtime/testing';
import { monotonic, sleep as threadSleep } from '#runtime/time';

/** What a student sends: who, and which receipt. The same receiptId may arrive twice (double click). */
export interface Submission {
  studentId: string;
  receiptId: string;
}

/** The received document, as returned by `receive`. */
export interface Receipt {
  receiptId: string;
  studentId: string;
  amount: number;
}

export interface ReceiptServices {
  /** 0.5 s: the attached file arrives. Never fails. */
  receive(submission: Submission): Promise<Receipt>;
  /** 0.1 s: throws InvalidReceiptError for a bad receipt. */
  validate(receipt: Receipt): Promise<void>;
  /** 2 s: returns the storage key. Throws StorageOverloadedError at once if too many uploads are in flight, and
   *  StorageError at the end of the 2 s if the file got corrupted. */
  store(receipt: Receipt): Promise<string>;
  /** 0.1 s: tells the student their payment is registered. Throws NotificationError if it cannot be delivered. */
  notify(studentId: string, storageKey: string): Promise<void>;
}

class NamedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
export class InvalidReceiptError extends NamedError {}
export class StorageOverloadedError extends NamedError {}
export class StorageError extends NamedError {}
export class NotificationError extends NamedError {}

export const TIMES = { receive: 0.5, validate: 0.1, store: 2, notify: 0.1 } as const;
export type Stage = keyof typeof TIMES;

/** Waits on the virtual clock from either world: asyncio's sleep inside a task, time.sleep in a thread. */
async function pause(seconds: number): Promise<void> {
  if (insideAsyncioTask()) await asyncio.sleep(seconds);
  else await threadSleep(seconds);
}

function insideAsyncioTask(): boolean {
  try {
    return asyncio.currentTask() !== null;
  } catch {
    return false; // no running event loop: a plain thread
  }
}

/** A day of submissions and what goes wrong with each receipt. */
export interface Scenario {
  submissions: Submission[];
  /** receiptId -> reason, for receipts that fail validation. */
  invalid: Map<string, string>;
  /** receiptId -> reason, for receipts whose upload gets corrupted. */
  corrupt: Map<string, string>;
  /** receiptId -> reason, for receipts whose notification cannot be delivered. */
  undeliverable: Map<string, string>;
}

/** One call to a service, as the fake saw it (times relative to the fake's creation). */
export interface CallRecord {
  stage: Stage;
  receiptId: string;
  start: number;
  end: number | null;
  outcome: 'ok' | 'error' | 'overloaded' | null;
}

/** The fake services. `limit` is the storage's real limit on simultaneous uploads. */
export class FakeReceiptServices implements ReceiptServices {
  readonly limit: number;
  readonly #scenario: Scenario;
  readonly #t0 = monotonic();
  /** Every call, in the order they started. */
  readonly calls: CallRecord[] = [];
  /** Uploads in flight right now, the most ever seen, and how many were refused for overload. */
  inFlight = 0;
  maxInFlight = 0;
  overloads = 0;
  /** Calls that broke the protocol (a receipt that was never received, a key that was never issued…). */
  readonly violations: string[] = [];
  readonly #issuedKeys = new Map<string, Receipt>();
  readonly #received = new Map<string, Receipt>();

  constructor(scenario: Scenario, limit: number) {
    this.#scenario = scenario;
    this.limit = limit;
  }

  #now(): number {
    return Math.round((monotonic() - this.#t0) * 1e6) / 1e6;
  }

  #begin(stage: Stage, receiptId: string): CallRecord {
    const record: CallRecord = { stage, receiptId, start: this.#now(), end: null, outcome: null };
    this.calls.push(record);
    return record;
  }

  #end(record: CallRecord, outcome: 'ok' | 'error' | 'overloaded'): void {
    record.end = this.#now();
    record.outcome = outcome;
  }

  async receive(submission: Submission): Promise<Receipt> {
    const record = this.#begin('receive', submission.receiptId);
    await pause(TIMES.receive);
    const receipt: Receipt = {
      receiptId: submission.receiptId,
      studentId: submission.studentId,
      amount: amountOf(submission.receiptId),
    };
    this.#received.set(receipt.receiptId, receipt);
    this.#end(record, 'ok');
    return receipt;
  }

  async validate(receipt: Receipt): Promise<void> {
    const record = this.#begin('validate', receipt.receiptId);
    this.#checkReceived(receipt, 'validate');
    await pause(TIMES.validate);
    const reason = this.#scenario.invalid.get(receipt.receiptId);
    this.#end(record, reason === undefined ? 'ok' : 'error');
    if (reason !== undefined) throw new InvalidReceiptError(reason);
  }

  async store(receipt: Receipt): Promise<string> {
    const record = this.#begin('store', receipt.receiptId);
    this.#checkReceived(receipt, 'store');
    if (this.inFlight >= this.limit) {
      this.overloads += 1;
      this.#end(record, 'overloaded');
      throw new StorageOverloadedError(`storage overloaded: more than ${this.limit} simultaneous uploads`);
    }
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await pause(TIMES.store);
    } finally {
      this.inFlight -= 1;
    }
    const reason = this.#scenario.corrupt.get(receipt.receiptId);
    this.#end(record, reason === undefined ? 'ok' : 'error');
    if (reason !== undefined) throw new StorageError(reason);
    const key = `receipts/${receipt.studentId}/${receipt.receiptId}`;
    this.#issuedKeys.set(key, receipt);
    return key;
  }

  async notify(studentId: string, storageKey: string): Promise<void> {
    const receipt = this.#issuedKeys.get(storageKey);
    const record = this.#begin('notify', receipt?.receiptId ?? storageKey);
    if (receipt === undefined) this.violations.push(`notify(${studentId}, ${storageKey}): that key was never returned by store`);
    else if (receipt.studentId !== studentId) this.violations.push(`notify(${studentId}, ${storageKey}): the receipt belongs to ${receipt.studentId}`);
    await pause(TIMES.notify);
    const reason = receipt === undefined ? undefined : this.#scenario.undeliverable.get(receipt.receiptId);
    this.#end(record, reason === undefined ? 'ok' : 'error');
    if (reason !== undefined) throw new NotificationError(reason);
  }

  #checkReceived(receipt: Receipt, stage: Stage): void {
    if (this.#received.get(receipt.receiptId) !== receipt) {
      this.violations.push(`${stage}(${receipt.receiptId}): pass the Receipt that receive() returned`);
    }
  }
}

function amountOf(receiptId: string): number {
  let h = 0;
  for (const c of receiptId) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return 100 + (h % 900);
}

/** Seeded, so a scenario is random but the same on every run (the runtime's own generator). */
export const rng = seeded;

const INVALID = ['importe incorrecto', 'comprobante ilegible', 'fecha fuera de plazo', 'banco desconocido'];
const CORRUPT = ['archivo corrupto', 'suma de control incorrecta'];
const UNDELIVERABLE = ['buzón lleno', 'dirección inexistente'];

/** A random day: `students` submissions, a few invalid, corrupt, undeliverable, and some sent twice. */
export function makeScenario(seed: number, students: number, rates = { invalid: 0.03, corrupt: 0.01, undeliverable: 0.01, twice: 0.01 }): Scenario {
  const next = rng(seed);
  const pick = (list: readonly string[]): string => list[Math.floor(next() * list.length)]!;
  const submissions: Submission[] = [];
  const invalid = new Map<string, string>();
  const corrupt = new Map<string, string>();
  const undeliverable = new Map<string, string>();
  for (let i = 0; i < students; i++) {
    const studentId = `A${String(100000 + Math.floor(next() * 900000))}-${i}`;
    const receiptId = `R${String(i).padStart(5, '0')}-${Math.floor(next() * 1e6).toString(36)}`;
    submissions.push({ studentId, receiptId });
    const roll = next();
    if (roll < rates.invalid) invalid.set(receiptId, `${pick(INVALID)}: ${receiptId}`);
    else if (roll < rates.invalid + rates.corrupt) corrupt.set(receiptId, `${pick(CORRUPT)}: ${receiptId}`);
    else if (roll < rates.invalid + rates.corrupt + rates.undeliverable) undeliverable.set(receiptId, `${pick(UNDELIVERABLE)}: ${studentId}`);
  }
  // double clicks: the same submission again, a little later in the list
  const twice = Math.round(students * rates.twice);
  for (let k = 0; k < twice; k++) {
    const i = Math.floor(next() * submissions.length);
    const j = Math.min(submissions.length, i + 1 + Math.floor(next() * 20));
    submissions.splice(j, 0, { ...submissions[i]! });
  }
  return { submissions, invalid, corrupt, undeliverable };
}
