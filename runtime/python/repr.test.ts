// Python's repr for printed values (shared values, Manager contents, logging); expected strings come from CPython 3.11.
import { describe, expect, it } from 'vitest';
import { floatRepr, repr as pyRepr, stringRepr as strRepr } from './repr.ts';

describe('pyRepr', () => {
  it.each([
    [1e16, '1e+16'],
    [1e-5, '1e-05'],
    [0.0001, '0.0001'],
    [-0, '-0.0'],
    [123456789.123, '123456789.123'],
    [3.1415927, '3.1415927'],
    [1234567890123456, '1234567890123456.0'],
    [1.5e300, '1.5e+300'],
    [2.5e-7, '2.5e-07'],
    [0.10000000149011612, '0.10000000149011612'],
    [Infinity, 'inf'],
    [NaN, 'nan'],
  ])('floatRepr(%s) is %s', (x, expected) => {
    expect(floatRepr(x)).toBe(expected);
  });

  it('quotes strings as Python does', () => {
    expect(strRepr("it's")).toBe('"it\'s"');
    expect(strRepr('a"b')).toBe('\'a"b\'');
    expect(strRepr('a\'b"c')).toBe('\'a\\\'b"c\'');
    expect(strRepr('tab\there')).toBe("'tab\\there'");
  });

  it('prints containers, None and booleans as Python does', () => {
    expect(pyRepr(new Map<unknown, unknown>([[1, '1'], ['2', 2], [0.25, null]]))).toBe("{1: '1', '2': 2, 0.25: None}");
    expect(pyRepr([true, false, undefined, [1, 2.5]])).toBe('[True, False, None, [1, 2.5]]');
    expect(pyRepr(new Set())).toBe('set()');
    expect(pyRepr({ a: 1 })).toBe("{'a': 1}");
    const loop: unknown[] = [];
    loop.push(loop);
    expect(pyRepr(loop)).toBe('[[...]]');
  });
});
