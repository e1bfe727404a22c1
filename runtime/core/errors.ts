// The scheduler's own error. Python's builtin exceptions (RuntimeError, ValueError, ...) live in runtime/python.
import { RuntimeError } from '../python/index.ts';

/** Raised by simulate() when every live thread is blocked and nothing can wake them. */
export class DeadlockError extends RuntimeError {
  override name = 'DeadlockError';
  readonly report: import('./deadlock.ts').DeadlockReport;
  constructor(report: import('./deadlock.ts').DeadlockReport) {
    super(report.text);
    this.report = report;
  }
}
