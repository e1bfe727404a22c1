// Loggers: named, arranged in a dotted hierarchy ('app.db' is a child of 'app', every logger a descendant of
// the root), each with a level and handlers; a record goes to the handlers of its logger and of its ancestors
// while `propagate` is true. State is per program, as in Python: basicConfig and setLevel last until
// resetLogging() (which #runtime/testing or a test's beforeEach can call to start a fresh "process").
import { Filterer, lastResort, loggingFlags, type Handler } from './handler.ts';
import { CRITICAL, DEBUG, ERROR, INFO, NOTSET, WARNING, checkLevel, type Level } from './levels.ts';
import { KeyError, pyRepr } from '../python/index.ts';
import { LogRecord, type ExcInfo } from './record.ts';
import { callerFramesOf, captureStack, formatFrames } from './traceback.ts';

/** Python's keyword arguments of a logging call: logger.error('failed', kwargs({ excInfo: err })). */
export interface LogOptions {
  /** An error to print with its traceback (true: "the current exception", which JavaScript cannot know). */
  excInfo?: ExcInfo;
  /** Append "Stack (most recent call last):" with the calling stack. */
  stackInfo?: boolean;
  /** 1 (default): the caller; 2: the caller's caller... for %(lineno)d / %(funcName)s. */
  stacklevel?: number;
  /** Extra record attributes, usable in formats as %(key)s. */
  extra?: Record<string, unknown>;
}

export class LogKwargs {
  readonly options: LogOptions;
  constructor(options: LogOptions) {
    this.options = options;
  }
}

/** Wraps Python's keyword arguments for the last position of a logging call. */
export function kwargs(options: LogOptions): LogKwargs {
  return new LogKwargs(options);
}

function splitArgs(args: readonly unknown[]): { args: unknown[]; options: LogOptions } {
  const last = args[args.length - 1];
  if (last instanceof LogKwargs) return { args: args.slice(0, -1), options: last.options };
  return { args: [...args], options: {} };
}

/** A logger and its ancestors, stopping after a logger with propagate=false when `propagating`. */
function* lineage(start: Logger, propagating: boolean): Generator<Logger> {
  for (let logger: Logger | null = start; logger !== null; logger = !propagating || logger.propagate ? logger.parent : null) {
    yield logger;
  }
}

export class Logger extends Filterer {
  readonly name: string;
  level: number;
  propagate = true;
  disabled = false;
  readonly handlers: Handler[] = [];
  /** The nearest existing ancestor (the root for top-level names); null only for the root. */
  parent: Logger | null = null;

  constructor(name: string, level: Level = NOTSET) {
    super();
    this.name = name;
    this.level = checkLevel(level);
  }

  setLevel(level: Level): void {
    this.level = checkLevel(level);
  }

  /** The first level set on this logger or an ancestor (NOTSET if none is). */
  getEffectiveLevel(): number {
    for (const logger of lineage(this, false)) {
      if (logger.level !== NOTSET) return logger.level;
    }
    return NOTSET;
  }

  isEnabledFor(level: number): boolean {
    if (this.disabled || manager.disable >= level) return false;
    return level >= this.getEffectiveLevel();
  }

  addHandler(handler: Handler): void {
    if (!this.handlers.includes(handler)) this.handlers.push(handler);
  }

  removeHandler(handler: Handler): void {
    const index = this.handlers.indexOf(handler);
    if (index >= 0) this.handlers.splice(index, 1);
  }

  /** Whether this logger or an ancestor reached through propagation has a handler. */
  hasHandlers(): boolean {
    for (const logger of lineage(this, true)) {
      if (logger.handlers.length > 0) return true;
    }
    return false;
  }

  /** getLogger(`${this.name}.${suffix}`) (for the root: getLogger(suffix)). */
  getChild(suffix: string): Logger {
    return getLogger(this === manager.root ? suffix : `${this.name}.${suffix}`);
  }

  debug(msg: unknown, ...args: unknown[]): void {
    if (this.isEnabledFor(DEBUG)) this.logAt(DEBUG, msg, args);
  }

  info(msg: unknown, ...args: unknown[]): void {
    if (this.isEnabledFor(INFO)) this.logAt(INFO, msg, args);
  }

  warning(msg: unknown, ...args: unknown[]): void {
    if (this.isEnabledFor(WARNING)) this.logAt(WARNING, msg, args);
  }

  /** Deprecated alias of warning(), as in Python. */
  warn(msg: unknown, ...args: unknown[]): void {
    this.warning(msg, ...args);
  }

  error(msg: unknown, ...args: unknown[]): void {
    if (this.isEnabledFor(ERROR)) this.logAt(ERROR, msg, args);
  }

  /**
   * error() plus the exception's traceback. JavaScript has no "current exception": the traceback is that of
   * kwargs({ excInfo: err }) if given, else of the first Error among the message and its arguments
   * (`logger.exception(err)`, `logger.exception('failed: %s', err)`), else Python's "NoneType: None".
   */
  exception(msg: unknown, ...args: unknown[]): void {
    if (!this.isEnabledFor(ERROR)) return;
    const split = splitArgs(args);
    const excInfo = split.options.excInfo ?? [msg, ...split.args].find((value) => value instanceof Error) ?? true;
    this.logAt(ERROR, msg, [...split.args, kwargs({ ...split.options, excInfo })]);
  }

  critical(msg: unknown, ...args: unknown[]): void {
    if (this.isEnabledFor(CRITICAL)) this.logAt(CRITICAL, msg, args);
  }

  fatal(msg: unknown, ...args: unknown[]): void {
    this.critical(msg, ...args);
  }

  log(level: number, msg: unknown, ...args: unknown[]): void {
    if (typeof level !== 'number' || !Number.isInteger(level)) {
      if (loggingFlags.raiseExceptions) throw new TypeError('level must be an integer');
      return;
    }
    if (this.isEnabledFor(level)) this.logAt(level, msg, args);
  }

  private logAt(level: number, msg: unknown, rawArgs: readonly unknown[]): void {
    const { args, options } = splitArgs(rawArgs);
    const skip = Math.max(0, (options.stacklevel ?? 1) - 1);
    // Enough frames to get past logging's own (at most five) to the caller, unless the whole stack is wanted.
    const stack = captureStack(options.stackInfo === true ? 40 : 8 + skip);
    const stackInfo =
      options.stackInfo === true ? `Stack (most recent call last):\n${formatFrames(callerFramesOf(stack, skip))}` : null;
    const record = new LogRecord({ name: this.name, level, msg, args, stack, skip, excInfo: options.excInfo, stackInfo });
    for (const [key, value] of Object.entries(options.extra ?? {})) {
      if (key === 'message' || key === 'asctime' || key in record) {
        throw new KeyError(`Attempt to overwrite ${pyRepr(key)} in LogRecord`);
      }
      record[key] = value;
    }
    this.handle(record);
  }

  /** Passes a record through this logger's filters to the handlers of the hierarchy. */
  handle(record: LogRecord): void {
    if (!this.disabled && this.filter(record)) this.callHandlers(record);
  }

  callHandlers(record: LogRecord): void {
    let found = 0;
    for (const logger of lineage(this, true)) {
      for (const handler of logger.handlers) {
        found++;
        if (record.levelno >= handler.level) handler.handle(record);
      }
    }
    if (found === 0 && record.levelno >= lastResort.level) lastResort.handle(record);
  }
}

export class RootLogger extends Logger {
  constructor(level: number) {
    super('root', level);
  }
}

/** The hierarchy: every logger by name, and logging.disable()'s threshold. */
class Manager {
  readonly root = new RootLogger(WARNING);
  readonly loggers = new Map<string, Logger>();
  disable = NOTSET;

  getLogger(name: string): Logger {
    const existing = this.loggers.get(name);
    if (existing !== undefined) return existing;
    const logger = new Logger(name);
    this.loggers.set(name, logger);
    logger.parent = this.nearestAncestor(name);
    // Existing descendants whose nearest ancestor is now this logger are re-parented, as Python's
    // _fixupChildren does for placeholders.
    for (const other of this.loggers.values()) {
      if (other !== logger && other.name.startsWith(`${name}.`) && this.nearestAncestor(other.name) === logger) {
        other.parent = logger;
      }
    }
    return logger;
  }

  private nearestAncestor(name: string): Logger {
    for (let dot = name.lastIndexOf('.'); dot > 0; dot = name.lastIndexOf('.', dot - 1)) {
      const ancestor = this.loggers.get(name.slice(0, dot));
      if (ancestor !== undefined) return ancestor;
    }
    return this.root;
  }

  /** A fresh program's logging: root at WARNING without handlers, every logger back to its defaults. */
  reset(): void {
    for (const handler of this.root.handlers) handler.close();
    for (const logger of [this.root, ...this.loggers.values()]) {
      logger.handlers.length = 0;
      logger.filters.length = 0;
      logger.level = logger === this.root ? WARNING : NOTSET;
      logger.propagate = true;
      logger.disabled = false;
    }
    this.disable = NOTSET;
  }
}

export const manager = new Manager();
export const root: Logger = manager.root;

/** The logger named `name` (the root logger for no name, '' or 'root'), created on first use. */
export function getLogger(name?: string | null): Logger {
  if (name === undefined || name === null || name === '' || name === root.name) return root;
  if (typeof name !== 'string') throw new TypeError('A logger name must be a string');
  return manager.getLogger(name);
}

/** Turns off every call at `level` and below, for all loggers (logging.disable). */
export function disable(level: Level = CRITICAL): void {
  manager.disable = checkLevel(level);
}

/** Flushes and closes every handler (Python runs this at exit; files here are written synchronously). */
export function shutdown(): void {
  for (const logger of [manager.root, ...manager.loggers.values()]) {
    for (const handler of logger.handlers) {
      handler.flush();
      handler.close();
    }
  }
}

/** Forgets all configuration, as if the program had just started (no Python equivalent: for tests). */
export function resetLogging(): void {
  manager.reset();
}

