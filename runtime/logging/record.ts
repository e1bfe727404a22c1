// LogRecord: one logging event with Python's attribute names, which are what format strings refer to
// (%(threadName)s, %(lineno)d ...). Thread and process come from the runtime: the green thread's name and
// ident, the (virtual) process's name and pid; times come from the active clock (virtual inside simulate()).
import { currentScheduler, processInfo } from '../core/index.ts';
import { getLevelName } from './levels.ts';
import { isMapping, percentFormat } from './percent-format.ts';
import { pyStr } from '../python/index.ts';
import { callerFramesOf, fileParts, type CapturedStack, type Frame } from './traceback.ts';

/** A thrown value to print with the record, or true for "the current exception" (Python's exc_info=True). */
export type ExcInfo = unknown;

export interface RecordInit {
  name: string;
  level: number;
  msg: unknown;
  args: readonly unknown[];
  /** The stack at the logging call, resolved into the caller's frame only if a field needs it. */
  stack: CapturedStack;
  /** Frames to skip above the caller (stacklevel - 1). */
  skip?: number;
  excInfo?: ExcInfo;
  stackInfo?: string | null;
}

/** Fields computed from the caller's frame on first use (they cost a stack trace). */
export const CALLER_FIELDS: ReadonlySet<string> = new Set(['pathname', 'filename', 'module', 'lineno', 'funcName']);

export class LogRecord {
  [attribute: string]: unknown;
  name: string;
  msg: unknown;
  /** The message arguments: a tuple, or the mapping when a single non-empty mapping was passed. */
  args: readonly unknown[] | Record<string, unknown> | ReadonlyMap<string, unknown>;
  levelname: string;
  levelno: number;
  exc_info: ExcInfo;
  exc_text: string | null = null;
  stack_info: string | null;
  /** time.time() when the record was made, on the active clock. */
  created: number;
  msecs: number;
  /** Milliseconds since the clock started (Python: since logging was imported). */
  relativeCreated: number;
  thread: number;
  threadName: string;
  processName: string;
  process: number;
  message?: string;
  asctime?: string;

  constructor(init: RecordInit) {
    const scheduler = currentScheduler();
    const thread = scheduler.current().thread;
    this.name = init.name;
    this.msg = init.msg;
    const only = init.args[0];
    this.args =
      init.args.length === 1 && isMapping(only) && (only instanceof Map ? only.size > 0 : Object.keys(only).length > 0)
        ? only
        : init.args;
    this.levelno = init.level;
    this.levelname = getLevelName(init.level);
    Object.defineProperty(this, 'callerStack', { value: init.stack, writable: true });
    Object.defineProperty(this, 'callerSkip', { value: init.skip ?? 0 });
    this.exc_info = init.excInfo;
    this.stack_info = init.stackInfo ?? null;
    const now = scheduler.now();
    this.created = scheduler.epoch + now;
    this.msecs = Math.trunc((this.created - Math.trunc(this.created)) * 1000);
    this.relativeCreated = now * 1000;
    this.thread = thread.id;
    this.threadName = thread.name;
    this.processName = processInfo.name;
    this.process = processInfo.pid;
  }

  /** The frame that made the logging call (null when it cannot be found). */
  get caller(): Frame | null {
    const self = this as unknown as { callerStack: CapturedStack | Frame | null; callerSkip: number };
    const captured = self.callerStack;
    if (captured === null || 'line' in captured) return captured;
    const frame = callerFramesOf(captured, self.callerSkip)[0] ?? null;
    self.callerStack = frame;
    return frame;
  }

  get pathname(): string {
    return this.caller?.path ?? '(unknown file)';
  }

  get filename(): string {
    const caller = this.caller;
    return caller === null ? '(unknown file)' : fileParts(caller.path).filename;
  }

  get module(): string {
    const caller = this.caller;
    return caller === null ? 'Unknown module' : fileParts(caller.path).module;
  }

  get lineno(): number {
    return this.caller?.line ?? 0;
  }

  get funcName(): string {
    return this.caller?.functionName ?? '(unknown function)';
  }

  /** str(msg) % args, as Python's LogRecord.getMessage does (no formatting when there are no args). */
  getMessage(): string {
    const text = pyStr(this.msg);
    const empty = Array.isArray(this.args) && this.args.length === 0;
    return empty ? text : percentFormat(text, this.args);
  }
}
