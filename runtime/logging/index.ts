// #runtime/logging — Python's logging module for green threads: basicConfig, getLogger, levels, %-style
// formats with %(threadName)s & co., handlers and formatters. Logging calls are synchronous (no await).
export {
  CRITICAL, FATAL, ERROR, WARNING, WARN, INFO, DEBUG, NOTSET,
  getLevelName, addLevelName, getLevelNamesMapping, type Level,
} from './levels.ts';
export { basicConfig, debug, info, warning, warn, error, exception, critical, fatal, log, type BasicConfigOptions } from './config.ts';
export { Logger, RootLogger, getLogger, root, disable, shutdown, resetLogging, kwargs, LogKwargs, type LogOptions } from './logger.ts';
export { LogRecord, type ExcInfo } from './record.ts';
export { Formatter, BASIC_FORMAT, type FormatStyle, type FormatterOptions } from './formatter.ts';
export {
  Handler, StreamHandler, FileHandler, NullHandler, Filter, Filterer, lastResort, loggingFlags,
  type StreamTarget, type WritableStream, type FilterLike,
} from './handler.ts';
export { KeyError } from '../python/index.ts';
