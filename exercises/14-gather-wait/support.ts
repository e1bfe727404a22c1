// Course material for exercise 14 (do not edit): fake validations and uploads on the virtual clock that
// record their whole life (start, end, cancellation, cleanup), so tests can see what really happened.
import { CancelledError, getRunningLoop, sleep } from '#runtime/asyncio';

/** The error a validation raises for a bad receipt. */
export class ValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValidationError';
  }
}

/** The error an upload raises when the mirror refuses it. */
export class UploadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UploadError';
  }
}

/** How one receipt's validation goes: after `after` seconds it returns `code` or throws `fail`. */
export type Verdict = { after: number; code: string } | { after: number; fail: string };

/** A validator answering from a table. It records the receipts it was asked about. */
export function fakeValidator(table: Record<string, Verdict>): {
  validate: (id: string) => Promise<string>;
  calls: string[];
} {
  const calls: string[] = [];
  const validate = async (id: string): Promise<string> => {
    calls.push(id);
    const verdict = table[id] ?? { after: 0.1, fail: `unknown receipt ${id}` };
    await sleep(verdict.after);
    if ('fail' in verdict) throw new ValidationError(verdict.fail);
    return verdict.code;
  };
  return { validate, calls };
}

/**
 * An upload that takes `duration` seconds and then returns `result` (or throws UploadError(`fails`)). When it
 * is cancelled it spends `cleanup` seconds removing the half-written file, in a finally block.
 * Times are the event loop's, relative to when the upload object was created.
 */
export class TrackedUpload {
  readonly label: string;
  readonly duration: number;
  readonly cleanup: number;
  readonly result: string;
  readonly fails: string | null;
  startedAt: number | null = null;
  finishedAt: number | null = null;
  failedAt: number | null = null;
  cancelledAt: number | null = null;
  cleanedAt: number | null = null;
  readonly #t0: number;

  constructor(options: { label: string; duration: number; result?: string; fails?: string; cleanup?: number }) {
    this.label = options.label;
    this.duration = options.duration;
    this.cleanup = options.cleanup ?? 0;
    this.result = options.result ?? `${options.label}:ok`;
    this.fails = options.fails ?? null;
    this.#t0 = getRunningLoop().time();
  }

  #now(): number {
    return Math.round((getRunningLoop().time() - this.#t0) * 1e6) / 1e6;
  }

  /** The operation itself; pass it as the thunk: `() => upload.run()` or `upload.run`. */
  readonly run = async (): Promise<string> => {
    this.startedAt = this.#now();
    let cancelled = false;
    try {
      await sleep(this.duration);
      if (this.fails !== null) {
        this.failedAt = this.#now();
        throw new UploadError(this.fails);
      }
      this.finishedAt = this.#now();
      return this.result;
    } catch (error) {
      if (error instanceof CancelledError) {
        cancelled = true;
        this.cancelledAt = this.#now();
      }
      throw error;
    } finally {
      if (cancelled) {
        if (this.cleanup > 0) await sleep(this.cleanup); // removing the half-written file
        this.cleanedAt = this.#now();
      }
    }
  };

  /** Started, and not yet finished, failed, or cleaned up after a cancel. */
  get running(): boolean {
    return this.startedAt !== null && this.finishedAt === null && this.failedAt === null && this.cleanedAt === null;
  }
}
