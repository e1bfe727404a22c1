// Handlers: where formatted records go. StreamHandler writes to stderr (default) or stdout through the
// runtime's output, so simulate() captures it, or to any object with write(). A record that fails to format
// prints CPython's "--- Logging error ---" block on stderr and the program goes on, as in Python.
import { closeSync, openSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { writeOutput } from '../core/index.ts';
import { RuntimeError, pyRepr, tupleRepr } from '../python/index.ts';
import { defaultFormatter, type Formatter } from './formatter.ts';
import { NOTSET, WARNING, checkLevel, type Level } from './levels.ts';
import type { LogRecord } from './record.ts';
import { callerFrames, exceptionLine, formatFrames, parseFrames, userFrames } from './traceback.ts';

/** logging.Filter: passes records of the named logger and its children (all records when the name is ''). */
export class Filter {
  readonly name: string;
  constructor(name = '') {
    this.name = name;
  }
  filter(record: LogRecord): boolean {
    if (this.name === '' || record.name === this.name) return true;
    return record.name.startsWith(`${this.name}.`);
  }
}

export type FilterLike = Filter | { filter(record: LogRecord): boolean } | ((record: LogRecord) => boolean);

/** Loggers and handlers both filter records (Python's Filterer). */
export class Filterer {
  readonly filters: FilterLike[] = [];

  addFilter(filter: FilterLike): void {
    if (!this.filters.includes(filter)) this.filters.push(filter);
  }

  removeFilter(filter: FilterLike): void {
    const index = this.filters.indexOf(filter);
    if (index >= 0) this.filters.splice(index, 1);
  }

  filter(record: LogRecord): boolean {
    for (const f of this.filters) {
      const passed = typeof f === 'function' ? f(record) : f.filter(record);
      if (!passed) return false;
    }
    return true;
  }
}

/** Python's logging.raiseExceptions: print errors that happen while logging (default true). */
export const loggingFlags = { raiseExceptions: true };

export class Handler extends Filterer {
  name: string | null = null;
  level: number;
  formatter: Formatter | null = null;

  constructor(level: Level = NOTSET) {
    super();
    this.level = checkLevel(level);
  }

  setLevel(level: Level): void {
    this.level = checkLevel(level);
  }

  setFormatter(formatter: Formatter | null): void {
    this.formatter = formatter;
  }

  format(record: LogRecord): string {
    return (this.formatter ?? defaultFormatter).format(record);
  }

  /** Filters, then emits; returns whether the record passed the filters. */
  handle(record: LogRecord): boolean {
    const passed = this.filter(record);
    if (passed) this.emit(record);
    return passed;
  }

  emit(_record: LogRecord): void {
    throw new RuntimeError('emit must be implemented by Handler subclasses');
  }

  flush(): void {}

  close(): void {}

  /** CPython's report of an error raised while emitting: the error, where the logging call was, the message. */
  handleError(record: LogRecord, error: unknown): void {
    if (!loggingFlags.raiseExceptions) return;
    const lines = ['--- Logging error ---', 'Traceback (most recent call last):'];
    const frames = error instanceof Error ? formatFrames(parseFrames(error.stack)) : '';
    if (frames !== '') lines.push(frames);
    lines.push(exceptionLine(error), 'Call stack:');
    const caller = formatFrames(userFrames(callerFrames()));
    lines.push(caller === '' ? `Logged from file ${record.filename}, line ${record.lineno}` : caller);
    const args = Array.isArray(record.args) ? tupleRepr(record.args) : pyRepr(record.args);
    lines.push(`Message: ${pyRepr(record.msg)}`, `Arguments: ${args}`);
    writeOutput(`${lines.join('\n')}\n`, 'stderr');
  }
}

export interface WritableStream {
  write(text: string): unknown;
  flush?(): unknown;
}

export type StreamTarget = 'stderr' | 'stdout' | WritableStream;

/** Writes each formatted record plus a newline to stderr, stdout or a stream object. */
export class StreamHandler extends Handler {
  stream: StreamTarget;
  terminator = '\n';

  constructor(stream: StreamTarget | null = null) {
    super();
    this.stream = stream ?? 'stderr';
  }

  /** Replaces the stream; returns the old one. */
  setStream(stream: StreamTarget): StreamTarget | null {
    if (stream === this.stream) return null;
    const old = this.stream;
    this.stream = stream;
    return old;
  }

  override emit(record: LogRecord): void {
    try {
      const text = this.format(record) + this.terminator;
      if (typeof this.stream === 'string') writeOutput(text, this.stream);
      else {
        this.stream.write(text);
        this.stream.flush?.();
      }
    } catch (error) {
      this.handleError(record, error);
    }
  }
}

/** Appends records to a file (mode 'a', or 'w' to start it afresh); reopened for appending after close(). */
export class FileHandler extends StreamHandler {
  readonly baseFilename: string;
  readonly mode: string;
  private fd: number | null;

  constructor(filename: string, mode = 'a') {
    super();
    this.baseFilename = resolve(filename);
    this.mode = mode;
    this.fd = openSync(this.baseFilename, mode.includes('w') ? 'w' : 'a');
    this.stream = {
      write: (text: string) => {
        this.fd ??= openSync(this.baseFilename, 'a');
        writeSync(this.fd, text);
      },
    };
  }

  override close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

/** Does nothing: lets a library log without making its users see "no handlers" output. */
export class NullHandler extends Handler {
  override handle(): boolean {
    return true;
  }
  override emit(): void {}
}

/** Python's lastResort: WARNING and above, bare message, to stderr, when no handler is configured at all. */
export const lastResort = new StreamHandler('stderr');
lastResort.setLevel(WARNING);
