// The one typeName/repr/str against CPython 3.11: fixtures/values.py prints, for the Python value each JS value
// below stands for, type(v).__name__, repr(v) and str(v) (fixtures/values.expected.txt). These are the cases
// where the runtime's former copies disagreed (a Map named 'Map', a Promise 'Promise', -0 printed as 0, ...).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KeyError, repr, str, typeName } from './index.ts';

class Point {}
function work(): void {}

const values: Record<string, unknown> = {
  map: new Map([[1, 'a']]),
  'plain-object': { a: 1 },
  promise: Promise.resolve(),
  function: work,
  class: Point,
  instance: new Point(),
  bytes: new Uint8Array([97, 10, 0]),
  'negative-zero': -0,
  error: new KeyError('x'),
  'unsafe-integer': 2 ** 53 + 2,
  'big-float': 1e300,
  'c1-control': '\x80x',
  set: new Set([1]),
  list: [1, 2.5, null, true],
};

const expected = readFileSync(new URL('./fixtures/values.expected.txt', import.meta.url), 'utf8')
  .trimEnd()
  .split('\n')
  .map((line) => line.split('\t') as [string, string, string, string]);

describe('typeName, repr and str match CPython', () => {
  it('covers every case the Python twin prints', () => {
    expect(expected.map(([name]) => name).sort()).toEqual(Object.keys(values).sort());
  });

  it.each(expected)('%s: type %s, repr %s, str %s', (name, type, reprText, strText) => {
    const value = values[name];
    expect([typeName(value), repr(value), str(value)]).toEqual([type, reprText, strText]);
  });

  it("KeyError's text is the repr of its key, as str(KeyError(k)) is", () => {
    expect(new KeyError().message).toBe('');
    expect(new KeyError("it's").message).toBe('"it\'s"');
    expect(new KeyError('a', 'b').message).toBe("('a', 'b')");
  });
});
