// The three format styles of logging.Formatter, as CPython 3.11 defines them: '%' (printf, the default),
// '{' (str.format) and '$' (string.Template). Each validates its format the way Python does and formats a
// record's attributes (a Lookup over the record, so the caller's frame is only resolved when a field needs it).
import { KeyError, ValueError, pyRepr } from '../python/index.ts';
import { Lookup, percentFormat } from './percent-format.ts';
import { parseTemplate, strFormat } from './str-format.ts';

export type FormatStyle = '%' | '{' | '$';

export interface Style {
  readonly fmt: string;
  usesTime(): boolean;
  validate(): void;
  /** Raises KeyError for a field the record does not have. */
  format(values: Lookup): string;
}

class PercentStyle implements Style {
  static readonly defaultFormat = '%(message)s';
  readonly fmt: string;
  constructor(fmt: string | null) {
    this.fmt = fmt || PercentStyle.defaultFormat;
  }
  usesTime(): boolean {
    return this.fmt.includes('%(asctime)');
  }
  validate(): void {
    if (!/%\(\w+\)[#0+ -]*(\*|\d+)?(\.(\*|\d+))?[diouxefgcrsa%]/i.test(this.fmt)) {
      throw new ValueError(`Invalid format '${this.fmt}' for '%' style`);
    }
  }
  format(values: Lookup): string {
    return percentFormat(this.fmt, values);
  }
}

function lookupOrThrow(values: Lookup): (key: string) => unknown {
  return (key) => {
    if (!values.has(key)) throw new KeyError(key);
    return values.get(key);
  };
}

class StrFormatStyle implements Style {
  readonly fmt: string;
  constructor(fmt: string | null) {
    this.fmt = fmt || '{message}';
  }
  usesTime(): boolean {
    return this.fmt.includes('{asctime');
  }
  validate(): void {
    const fields = new Set<string>();
    try {
      for (const part of parseTemplate(this.fmt)) {
        if (typeof part === 'string') continue;
        if (part.name !== '') {
          if (!/^(\d+|\w+)(\.\w+|\[[^\]]+\])*$/.test(part.name)) {
            throw new ValueError(`invalid field name/expression: ${pyRepr(part.name)}`);
          }
          fields.add(part.name);
        }
        if (part.conversion !== null && !'rsa'.includes(part.conversion)) {
          throw new ValueError(`invalid conversion: ${pyRepr(part.conversion)}`);
        }
        if (part.spec !== '' && !/^(.?[<>=^])?[+ -]?#?0?(\d+|{\w+})?[,_]?(\.(\d+|{\w+}))?[bcdefgnosx%]?$/i.test(part.spec)) {
          throw new ValueError(`bad specifier: ${pyRepr(part.spec)}`);
        }
      }
    } catch (error) {
      if (error instanceof ValueError) throw new ValueError(`invalid format: ${error.message}`);
      throw error;
    }
    if (fields.size === 0) throw new ValueError('invalid format: no fields');
  }
  format(values: Lookup): string {
    return strFormat(this.fmt, lookupOrThrow(values));
  }
}

/** string.Template's placeholders: $$, $name, ${name}, or an invalid $. */
const TEMPLATE = /\$(?:(\$)|([_a-z][_a-z0-9]*)|{([_a-z][_a-z0-9]*)}|())/gi;

class StringTemplateStyle implements Style {
  readonly fmt: string;
  constructor(fmt: string | null) {
    this.fmt = fmt || '${message}';
  }
  usesTime(): boolean {
    return this.fmt.includes('$asctime') || this.fmt.includes('${asctime}');
  }
  validate(): void {
    const fields = new Set<string>();
    for (const m of this.fmt.matchAll(TEMPLATE)) {
      const name = m[2] ?? m[3];
      if (name !== undefined) fields.add(name);
      else if (m[0] === '$') throw new ValueError("invalid format: bare '$' not allowed");
    }
    if (fields.size === 0) throw new ValueError('invalid format: no fields');
  }
  format(values: Lookup): string {
    const get = lookupOrThrow(values);
    return this.fmt.replace(TEMPLATE, (whole, escaped: string | undefined, named: string | undefined, braced: string | undefined, offset: number) => {
      if (escaped !== undefined) return '$';
      const name = named ?? braced;
      if (name !== undefined) return String(templateText(get(name)));
      const before = this.fmt.slice(0, offset).split('\n');
      throw new ValueError(`Invalid placeholder in string: line ${before.length}, col ${before.at(-1)!.length + 1}`);
    });
  }
}

function templateText(value: unknown): string {
  return typeof value === 'string' ? value : strFormat('{}', () => undefined, [value]);
}

/** The style object for a Formatter, or Python's ValueError for an unknown style. */
export function makeStyle(style: string, fmt: string | null): Style {
  if (style === '%') return new PercentStyle(fmt);
  if (style === '{') return new StrFormatStyle(fmt);
  if (style === '$') return new StringTemplateStyle(fmt);
  throw new ValueError('Style must be one of: %,{,$');
}
