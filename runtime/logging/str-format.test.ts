// str.format and the '{' / '$' Formatter styles against CPython 3.11 (fixtures/str-format.py records them in
// fixtures/str-format.json).
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { simulate } from '#runtime/testing';
import * as logging from '#runtime/logging';
import { KeyError } from '../python/index.ts';
import { strFormat } from './str-format.ts';

interface FormatCase {
  format: string;
  kwargs: Record<string, unknown>;
  result?: string;
  error?: string;
  message?: string;
}
interface StyleCase {
  format: string;
  style: logging.FormatStyle;
  usesTime?: boolean;
  result?: string;
  error?: string;
}

const raw = readFileSync(new URL('./fixtures/str-format.json', import.meta.url), 'utf8');
const fixtures = JSON.parse(raw.replace(/(?<=[[,:]\s*)(-Infinity|Infinity|NaN)(?=\s*[,\]}])/g, (w) => `"__${w}__"`), (_k, v: unknown) =>
  v === '__NaN__' ? NaN : v === '__Infinity__' ? Infinity : v === '__-Infinity__' ? -Infinity : v,
) as { format: FormatCase[]; styles: StyleCase[] };

function lookup(kwargs: Record<string, unknown>): (key: string) => unknown {
  return (key) => {
    if (!(key in kwargs)) throw new KeyError(key);
    return kwargs[key];
  };
}

test(`str.format: all ${fixtures.format.length} recorded cases`, () => {
  const mismatches = fixtures.format
    .map((c) => {
      let ours: string;
      try {
        ours = strFormat(c.format, lookup(c.kwargs));
      } catch (error) {
        ours = `${(error as Error).name}: ${(error as Error).message}`;
      }
      return { format: c.format, python: c.result ?? `${c.error}: ${c.message}`, ours };
    })
    .filter((c) => c.ours !== c.python);
  expect(mismatches).toEqual([]);
});

describe("Formatter's '{' and '$' styles", () => {
  test.each(fixtures.styles.map((c) => [c.style, c.format, c] as const))('%s %j', (_style, _format, c) => {
    const record = new logging.LogRecord({ name: 'app', level: logging.INFO, msg: 'hola %s', args: ['mundo'], stack: {} });
    let formatter: logging.Formatter;
    try {
      formatter = new logging.Formatter(c.format, null, c.style);
    } catch (error) {
      expect(`${(error as Error).name}: ${(error as Error).message}`).toBe(c.error);
      return;
    }
    expect(c.error).toBeUndefined();
    expect(formatter.usesTime()).toBe(c.usesTime);
    if (!formatter.usesTime()) expect(formatter.format(record)).toBe(c.result);
  });

  test("basicConfig with style '{' and '$'", async () => {
    logging.resetLogging();
    const { output } = await simulate(
      () => {
        logging.basicConfig({ style: '{', format: '{asctime} {levelname:<8}|{threadName:^12}|{message}', level: logging.INFO });
        logging.info('llaves');
        logging.basicConfig({ force: true, style: '$', format: '$levelname ${name}: $message', level: logging.INFO });
        logging.warning('dólar %d', 5);
      },
      { epoch: Date.UTC(2026, 0, 1, 9, 0, 0) / 1000 + new Date(Date.UTC(2026, 0, 1)).getTimezoneOffset() * 60 },
    );
    logging.resetLogging();
    expect(output).toEqual(['2026-01-01 09:00:00,000 INFO    | MainThread |llaves', 'WARNING root: dólar 5']);
  });
});
