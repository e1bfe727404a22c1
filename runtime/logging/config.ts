// basicConfig() and the module-level logging.debug()/info()/... that log through the root logger and, like
// Python's, call basicConfig() first when the root has no handlers (so a logging.debug() before
// basicConfig(level=DEBUG) makes that basicConfig do nothing: Python's classic surprise, kept).
import { ValueError } from '../python/index.ts';
import { BASIC_FORMAT, Formatter, type FormatStyle } from './formatter.ts';
import { FileHandler, StreamHandler, type Handler, type StreamTarget } from './handler.ts';
import type { Level } from './levels.ts';
import { root } from './logger.ts';

export interface BasicConfigOptions {
  /** Root logger level: a number (logging.DEBUG) or a name ('DEBUG'). */
  level?: Level;
  /** Default '%(levelname)s:%(name)s:%(message)s'. */
  format?: string;
  /** strftime format for %(asctime)s (default '%Y-%m-%d %H:%M:%S,mmm'). */
  datefmt?: string;
  style?: FormatStyle;
  /** 'stderr' (default), 'stdout', or an object with write(text). */
  stream?: StreamTarget;
  /** Log to this file instead of a stream. */
  filename?: string;
  /** 'a' (default) or 'w'. */
  filemode?: string;
  handlers?: Handler[];
  /** Replace the root's handlers even if it has some already. */
  force?: boolean;
  encoding?: string;
  errors?: string;
}

const KNOWN = new Set([
  'level', 'format', 'datefmt', 'style', 'stream', 'filename', 'filemode', 'handlers', 'force', 'encoding', 'errors',
]);

/**
 * Configures the root logger once: a handler (stderr by default) with a Formatter. Does nothing when the root
 * already has handlers, unless force is true.
 */
export function basicConfig(options: BasicConfigOptions = {}): void {
  if (options.force === true) {
    for (const handler of [...root.handlers]) {
      root.removeHandler(handler);
      handler.close();
    }
  }
  if (root.handlers.length > 0) return;
  let handlers = options.handlers;
  if (handlers === undefined) {
    if (options.stream !== undefined && options.filename !== undefined) {
      throw new ValueError("'stream' and 'filename' should not be specified together");
    }
  } else if (options.stream !== undefined || options.filename !== undefined) {
    throw new ValueError("'stream' or 'filename' should not be specified together with 'handlers'");
  }
  if (handlers === undefined) {
    handlers = [options.filename ? new FileHandler(options.filename, options.filemode ?? 'a') : new StreamHandler(options.stream ?? null)];
  }
  const style = options.style ?? '%';
  if (style !== '%' && style !== '{' && style !== '$') throw new ValueError('Style must be one of: %,{,$');
  const formatter = new Formatter(options.format ?? BASIC_FORMAT, options.datefmt ?? null, style);
  for (const handler of handlers) {
    if (handler.formatter === null) handler.setFormatter(formatter);
    root.addHandler(handler);
  }
  if (options.level !== undefined && options.level !== null) root.setLevel(options.level);
  const unknown = Object.keys(options).filter((key) => !KNOWN.has(key));
  if (unknown.length > 0) throw new ValueError(`Unrecognised argument(s): ${unknown.join(', ')}`);
}

function configured(): typeof root {
  if (root.handlers.length === 0) basicConfig();
  return root;
}

export function debug(msg: unknown, ...args: unknown[]): void {
  configured().debug(msg, ...args);
}

export function info(msg: unknown, ...args: unknown[]): void {
  configured().info(msg, ...args);
}

export function warning(msg: unknown, ...args: unknown[]): void {
  configured().warning(msg, ...args);
}

export function warn(msg: unknown, ...args: unknown[]): void {
  configured().warning(msg, ...args);
}

export function error(msg: unknown, ...args: unknown[]): void {
  configured().error(msg, ...args);
}

/** error() with a traceback: logging.exception(err), or logging.exception('msg', kwargs({ excInfo: err })). */
export function exception(msg: unknown, ...args: unknown[]): void {
  configured().exception(msg, ...args);
}

export function critical(msg: unknown, ...args: unknown[]): void {
  configured().critical(msg, ...args);
}

export function fatal(msg: unknown, ...args: unknown[]): void {
  configured().critical(msg, ...args);
}

export function log(level: number, msg: unknown, ...args: unknown[]): void {
  configured().log(level, msg, ...args);
}
