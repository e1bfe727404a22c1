// logging.Formatter: turns a LogRecord into text with a format ('%(asctime)s %(levelname)-8s %(message)s', or
// the '{' and '$' styles), Python's default time format ('2026-01-01 09:00:00,000'), datefmt through
// time.strftime, and the exception or stack text appended. Formats are validated as CPython 3.11 validates
// them (a %-format needs at least one %(name)s-like field); anything else wrong surfaces when a record is
// formatted, where the handler prints Python's "--- Logging error ---" block.
import { KeyError, ValueError } from '../python/index.ts';
import { makeStyle, type FormatStyle, type Style } from './styles.ts';
import { strftime } from '../time/index.ts';
import { Lookup, percentFormat } from './percent-format.ts';
import { CALLER_FIELDS, type LogRecord } from './record.ts';
import { formatException } from './traceback.ts';

export interface FormatterOptions {
  fmt?: string | null;
  datefmt?: string | null;
  style?: FormatStyle;
  validate?: boolean;
  /** Values for fields a record does not have (Python 3.10+). */
  defaults?: Record<string, unknown> | null;
}

export type { FormatStyle };

export const BASIC_FORMAT = '%(levelname)s:%(name)s:%(message)s';

export class Formatter {
  /** The format in use ('%(message)s' when none was given). */
  readonly fmt: string;
  datefmt: string | null;
  readonly defaults: Record<string, unknown> | null;
  readonly style: Style;
  defaultTimeFormat = '%Y-%m-%d %H:%M:%S';
  defaultMsecFormat: string | null = '%s,%03d';

  constructor(fmt?: string | null | FormatterOptions, datefmt?: string | null, style: FormatStyle = '%', validate = true) {
    const options: FormatterOptions =
      typeof fmt === 'object' && fmt !== null ? fmt : { fmt: fmt ?? null, datefmt: datefmt ?? null, style, validate };
    this.style = makeStyle(options.style ?? '%', options.fmt ?? null);
    this.fmt = this.style.fmt;
    this.datefmt = options.datefmt ?? null;
    this.defaults = options.defaults ?? null;
    if (options.validate ?? true) this.style.validate();
  }

  usesTime(): boolean {
    return this.style.usesTime();
  }

  /** The record's time through time.strftime: datefmt, or '%Y-%m-%d %H:%M:%S' plus ',mmm'. */
  formatTime(record: LogRecord, datefmt: string | null = null): string {
    if (datefmt) return strftime(datefmt, record.created);
    const text = strftime(this.defaultTimeFormat, record.created);
    return this.defaultMsecFormat ? percentFormat(this.defaultMsecFormat, [text, record.msecs]) : text;
  }

  formatException(excInfo: unknown): string {
    return formatException(excInfo);
  }

  formatStack(stackInfo: string): string {
    return stackInfo;
  }

  /** The format applied to the record's attributes (KeyError becomes Python's ValueError). */
  formatMessage(record: LogRecord): string {
    const defaults = this.defaults;
    const own = (key: string): boolean => Object.prototype.hasOwnProperty.call(record, key) || CALLER_FIELDS.has(key);
    const values = new Lookup(
      (key) => own(key) || (defaults !== null && Object.prototype.hasOwnProperty.call(defaults, key)),
      (key) => (own(key) ? record[key] : defaults?.[key]),
    );
    try {
      return this.style.format(values);
    } catch (error) {
      if (error instanceof KeyError) throw new ValueError(`Formatting field not found in record: ${error.message}`);
      throw error;
    }
  }

  format(record: LogRecord): string {
    record.message = record.getMessage();
    if (this.usesTime()) record.asctime = this.formatTime(record, this.datefmt);
    let text = this.formatMessage(record);
    if (record.exc_info !== undefined && record.exc_info !== null && record.exc_info !== false) {
      record.exc_text ??= this.formatException(record.exc_info);
    }
    if (record.exc_text) {
      if (!text.endsWith('\n')) text += '\n';
      text += record.exc_text;
    }
    if (record.stack_info) {
      if (!text.endsWith('\n')) text += '\n';
      text += this.formatStack(record.stack_info);
    }
    return text;
  }
}

export const defaultFormatter = new Formatter();
