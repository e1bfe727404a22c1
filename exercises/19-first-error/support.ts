// Course material for exercise 19 (do not edit): validations and uploads on the virtual clock that record their
// whole life (start, end, failure, cancellation, cleanup), so tests can see what was left running.
import { CancelledError, getRunningLoop, sleep } from '#runtime/asyncio';

/** A forged receipt: the whole batch it belongs to is rejected. */
export class FraudError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FraudError';
  }
}

/** The storage refused an upload. */
export class UploadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UploadError';
  }
}

export interface JobOptions {
  label: string;
  /** Seconds of work before it returns or fails. */
  duration: number;
  /** When set, it fails with this message (FraudError for validations, UploadError for uploads). */
  fails?: string;
  /** Seconds of cleanup in a finally block when cancelled. */
  cleanup?: number;
  kind?: 'validation' | 'upload';
}

/**
 * One validation or upload. `run` is the operation (pass it as the thunk: `job.run`); the fields say what
 * happened and when, in seconds after the job was created on the event loop.
 */
export class TrackedJob {
  readonly label: string;
  readonly duration: number;
  readonly fails: string | null;
  readonly cleanup: number;
  readonly kind: 'validation' | 'upload';
  startedAt: number | null = null;
  finishedAt: number | null = null;
  failedAt: number | null = null;
  cancelledAt: number | null = null;
  cleanedAt: number | null = null;
  readonly #t0: number;

  constructor(options: JobOptions) {
    this.label = options.label;
    this.duration = options.duration;
    this.fails = options.fails ?? null;
    this.cleanup = options.cleanup ?? 0;
    this.kind = options.kind ?? 'upload';
    this.#t0 = getRunningLoop().time();
  }

  #now(): number {
    return Math.round((getRunningLoop().time() - this.#t0) * 1e6) / 1e6;
  }

  readonly run = async (): Promise<string> => {
    this.startedAt = this.#now();
    let cancelled = false;
    try {
      await sleep(this.duration);
      if (this.fails !== null) {
        this.failedAt = this.#now();
        throw this.kind === 'validation' ? new FraudError(this.fails) : new UploadError(this.fails);
      }
      this.finishedAt = this.#now();
      return this.kind === 'validation' ? `V-${this.label}` : `rcpt/${this.label}`;
    } catch (error) {
      if (error instanceof CancelledError) {
        cancelled = true;
        this.cancelledAt = this.#now();
      }
      throw error;
    } finally {
      if (cancelled) {
        if (this.cleanup > 0) await sleep(this.cleanup);
        this.cleanedAt = this.#now();
      }
    }
  };

  /** Started and not yet finished, failed, or cleaned up after a cancel. */
  get running(): boolean {
    return this.startedAt !== null && this.finishedAt === null && this.failedAt === null && this.cleanedAt === null;
  }
}

/** A validator over a table of jobs keyed by receipt id; it records the ids it was asked about. */
export function validatorOf(jobs: Map<string, TrackedJob>): { validate: (id: string) => Promise<string>; calls: string[] } {
  const calls: string[] = [];
  const validate = (id: string): Promise<string> => {
    calls.push(id);
    const job = jobs.get(id);
    if (job === undefined) throw new Error(`unknown receipt ${id}`);
    return job.run();
  };
  return { validate, calls };
}
