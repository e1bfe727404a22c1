// Python's % operator, case by case against CPython 3.11's own results (fixtures/percent-format.py records
// them in fixtures/percent-format.json): output, error type and error message.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { percentFormat } from './percent-format.ts';
import { floatRepr, pyRepr, pyStr } from '../python/index.ts';

interface Case {
  format: string;
  args: unknown[] | Record<string, unknown>;
  result?: string;
  error?: string;
  message?: string;
}

// JSON has no NaN/Infinity: Python's json writes them bare, so read them back the same way.
const raw = readFileSync(new URL('./fixtures/percent-format.json', import.meta.url), 'utf8');
const cases = JSON.parse(raw.replace(/(?<=[[,:]\s*)(-Infinity|Infinity|NaN)(?=\s*[,\]}])/g, (w) => `"__${w}__"`), (_k, v: unknown) =>
  v === '__NaN__' ? NaN : v === '__Infinity__' ? Infinity : v === '__-Infinity__' ? -Infinity : v,
) as Case[];

function outcome(c: Case): { result: string } | { error: string; message: string } {
  try {
    return { result: percentFormat(c.format, c.args) };
  } catch (error) {
    const e = error as Error;
    return { error: e.name, message: e.message };
  }
}

describe('percentFormat matches CPython 3.11', () => {
  test(`all ${cases.length} recorded cases`, () => {
    expect(cases.length).toBeGreaterThan(70);
    const mismatches = cases
      .map((c) => ({ format: c.format, args: c.args, python: c.result ?? `${c.error}: ${c.message}`, ours: outcome(c) }))
      .map((c) => ({ ...c, ours: 'result' in c.ours ? c.ours.result : `${c.ours.error}: ${c.ours.message}` }))
      .filter((c) => c.ours !== c.python);
    expect(mismatches).toEqual([]);
  });

  test('a Map works as the mapping too', () => {
    expect(percentFormat('%(a)s-%(b)d', new Map<string, unknown>([['a', 'x'], ['b', 2]]))).toBe('x-2');
  });
});

describe("Python's str() and repr() of JavaScript values", () => {
  test('floats print as Python prints them; safe integers as ints, -0 and bigger numbers as floats (str(-0.0) is "-0.0")', () => {
    expect([0.1, 1e-5, 1.5e-7, 123456.789, 1.5e300, -2.5e-300, 0.5].map(floatRepr)).toEqual([
      '0.1', '1e-05', '1.5e-07', '123456.789', '1.5e+300', '-2.5e-300', '0.5',
    ]);
    expect([pyStr(2), pyStr(-0), pyStr(2 ** 70), pyStr(2n ** 70n), pyStr(NaN), pyStr(-Infinity)]).toEqual([
      '2', '-0.0', '1.1805916207174113e+21', '1180591620717411303424', 'nan', '-inf',
    ]);
  });

  test('containers, None, booleans, errors, sets, maps and cycles', () => {
    const cyclic: unknown[] = [1];
    cyclic.push(cyclic);
    expect(pyStr([1, 'a', null, undefined, true, [2.5]])).toBe("[1, 'a', None, None, True, [2.5]]");
    expect(pyStr({ a: 1, 'b c': [] })).toBe("{'a': 1, 'b c': []}");
    expect(pyStr(new Set([1, 'x']))).toBe("{1, 'x'}");
    expect(pyStr(new Set())).toBe('set()');
    expect(pyStr(new Map([[1, 'one']]))).toBe("{1: 'one'}");
    expect(pyStr(cyclic)).toBe('[1, [...]]');
    expect(pyStr(new RangeError('bad'))).toBe('bad');
    expect(pyRepr(new RangeError('bad'))).toBe("RangeError('bad')");
    expect(pyRepr("it's")).toBe('"it\'s"');
    class Point {
      toString(): string {
        return 'Point(1, 2)';
      }
    }
    class Plain {}
    expect(pyStr(new Point())).toBe('Point(1, 2)');
    expect(pyStr(new Plain())).toBe('<Plain object>');
    expect(pyStr(function worker() {})).toBe('<function worker>');
  });
});
