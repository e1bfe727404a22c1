// Python's exception types, so messages read as CPython's do: `${err}` -> "RuntimeError: release unlocked lock".
export class RuntimeError extends Error {
  override name = 'RuntimeError';
}

export class ValueError extends Error {
  override name = 'ValueError';
}

export class OverflowError extends Error {
  override name = 'OverflowError';
}

export class AttributeError extends Error {
  override name = 'AttributeError';
}

/** Raised by simulate() when every live thread is blocked and nothing can wake them. */
export class DeadlockError extends RuntimeError {
  override name = 'DeadlockError';
  readonly report: import('./deadlock.ts').DeadlockReport;
  constructor(report: import('./deadlock.ts').DeadlockReport) {
    super(report.text);
    this.report = report;
  }
}
