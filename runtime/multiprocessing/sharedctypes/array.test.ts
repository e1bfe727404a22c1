// Array/RawArray against CPython 3.11's multiprocessing.Array behaviour.
import { describe, expect, it } from 'vitest';
import { Array as SharedArray, IndexError, RawArray } from '../index.ts';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe('Array', () => {
  it('indexes like Python, negative indices included', () => {
    const a = new SharedArray('i', range(10));
    expect(a.length).toBe(10);
    expect(a[0]).toBe(0);
    expect(a[-1]).toBe(9);
    a[-1] = 90;
    expect(a.get(9)).toBe(90);
    expect(() => a[10]).toThrow(IndexError);
    expect(() => a[-11]).toThrow('invalid index');
    expect(() => { a[10] = 1; }).toThrow('invalid index');
    expect(5 in a).toBe(true);
    expect(10 in a).toBe(false);
  });

  it('copies out with toArray() (arr[:]) and slice(), and assigns slices of the same size', () => {
    const a = new SharedArray('i', range(10));
    expect(a.toArray()).toEqual(range(10));
    expect(a.slice(2, 5)).toEqual([2, 3, 4]);
    expect(a.slice(-2)).toEqual([8, 9]);
    expect([...a].length).toBe(10);
    a.setSlice(0, 2, [7, 8]);
    expect(a.slice(0, 3)).toEqual([7, 8, 2]);
    expect(() => a.setSlice(0, 2, [1, 2, 3])).toThrow('Can only assign sequence of same size');
  });

  it('zero-fills a size, wraps elements, refuses floats for int codes', () => {
    expect(new SharedArray('i', 3).toArray()).toEqual([0, 0, 0]);
    expect(new SharedArray('b', [300, -200]).toArray()).toEqual([44, 56]);
    expect(() => new SharedArray('i', [1.5])).toThrow("'float' object cannot be interpreted as an integer");
    expect(() => new SharedArray('d', -1)).toThrow('Array length must be >= 0, not -1');
    const a = new SharedArray('i', [1, 2]);
    expect(() => { a[0] = 1.5; }).toThrow(TypeError);
    expect(a[0]).toBe(1);
  });

  it("has .value and .raw for 'c' arrays", () => {
    const c = new SharedArray('c', 'hello');
    expect(c.value).toBe('hello');
    c.value = 'hi';
    expect(c.value).toBe('hi');
    expect(c.raw).toBe('hi\0lo');
    expect(new SharedArray('c', 3).raw).toBe('\0\0\0');
  });

  it('getObj() shares memory; RawArray has no lock', () => {
    const a = new SharedArray('d', [0.5, 1.5]);
    const raw = a.getObj();
    raw[1] = 2.5;
    expect(a[1]).toBe(2.5);
    expect(raw).toBeInstanceOf(RawArray);
    expect(String(a)).toBe('<SynchronizedArray wrapper for <c_double_Array_2>>');
  });
});
