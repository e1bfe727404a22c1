// LogRecord: one logging event with Python's attribute names, which are what format strings refer to
// (%(threadName)s, %(lineno)d ...). Thread and process come from the runtime: the green thread's name and
// ident, the (virtual) process's name and pid; times come from the active clock (virtual inside simulate()).
import { currentScheduler, processInfo } from '../core/index.ts';
import { getLevelName } from './levels.ts';
import { isMapping, percentFormat } from './percent-format.ts';
import { pyStr } from './python-values.ts';
import { fileParts, type Frame } from './traceback.ts';

/** A thrown value to print with the record, or true for "the current exception" (Python's exc_info=True). */
export type ExcInfo = unknown;

export interface RecordInit {
  name: string;
  level: number;
  msg: unknown;
  args: readonly unknown[];
  caller: Frame | null;
  excInfo?: ExcInfo;
  stackInfo?: string | null;
}

export class LogRecord {
  [attribute: string]: unknown;
  name: string;
  msg: unknown;
  /** The message arguments: a tuple, or the mapping when a single non-empty mapping was passed. */
  args: readonly unknown[] | Record<string, unknown> | ReadonlyMap<string, unknown>;
  levelname: string;
  levelno: number;
  pathname: string;
  filename: string;
  module: string;
  exc_info: ExcInfo;
  exc_text: string | null = null;
  stack_info: string | null;
  lineno: number;
  funcName: string;
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
    this.pathname = init.caller?.path ?? '(unknown file)';
    const parts = init.caller === null ? { filename: '(unknown file)', module: 'Unknown module' } : fileParts(init.caller.path);
    this.filename = parts.filename;
    this.module = parts.module;
    this.lineno = init.caller?.line ?? 0;
    this.funcName = init.caller?.functionName ?? '(unknown function)';
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

  /** str(msg) % args, as Python's LogRecord.getMessage does (no formatting when there are no args). */
  getMessage(): string {
    const text = pyStr(this.msg);
    const empty = Array.isArray(this.args) && this.args.length === 0;
    return empty ? text : percentFormat(text, this.args);
  }
}
