// Value/RawValue with ctypes' semantics. Expected values were produced by CPython 3.11:
//   multiprocessing.Value(code, x).value, and the error each bad value raises.
import { describe, expect, it } from 'vitest';
import { Lock, RLock, RawValue, Value } from '../index.ts';
import type { Typecode } from './typecodes.ts';

describe('Value typecodes', () => {
  const cases: Array<[Typecode, unknown, unknown]> = [
    ['b', 200, -56],
    ['b', -129, 127],
    ['B', -1, 255],
    ['B', 256, 0],
    ['h', 70000, 4464],
    ['H', -1, 65535],
    ['i', 2 ** 31, -(2 ** 31)],
    ['I', -1, 4294967295],
    ['l', 2n ** 63n, -9223372036854775808n],
    ['q', -1, -1],
    ['Q', -1, 18446744073709551615n],
    ['L', 2 ** 40, 2 ** 40],
    ['f', 0.1, 0.10000000149011612],
    ['d', 0.1, 0.1],
    ['d', 1, 1],
    ['c', 'a', 'a'],
    ['c', 65, 'A'],
    ['i', true, 1],
  ];
  it.each(cases)("Value('%s', %s).value is %s as in CPython", (code, input, expected) => {
    expect(new Value(code, input).value).toEqual(expected);
  });

  it('starts at zero without an initial value', () => {
    expect(new Value('i').value).toBe(0);
    expect(new RawValue('d').value).toBe(0);
    expect(new Value('c').value).toBe('\0');
  });

  it("refuses what ctypes refuses, with CPython's messages", () => {
    expect(() => new Value('i', 1.5)).toThrow("'float' object cannot be interpreted as an integer");
    expect(() => new Value('i', '3')).toThrow("'str' object cannot be interpreted as an integer");
    expect(() => new Value('d', '3')).toThrow('must be real number, not str');
    expect(() => new Value('c', 'ab')).toThrow('one character bytes, bytearray or integer expected');
    expect(() => new Value('x' as Typecode, 1)).toThrow('this type has no size');
    const v = new Value('i', 7);
    expect(() => { (v as Value<'i'>).value = 2.5; }).toThrow(TypeError);
    expect(v.value).toBe(7);
  });

  it('wraps around on increment like a C int', () => {
    const v = new Value('b', 127);
    v.value += 1;
    expect(v.value).toBe(-128);
  });

  it('gives an RLock by default, shares a given lock, or none', () => {
    expect(new Value('i', 0).getLock()).toBeInstanceOf(RLock);
    const lock = new Lock();
    expect(new Value('i', 0, { lock }).getLock()).toBe(lock);
    const raw = new Value('i', 3, { lock: false });
    expect(() => raw.getLock()).toThrow("'c_int' object has no attribute 'get_lock'");
    expect(() => new Value('i', 3, { lock: 3 as never })).toThrow("3 has no method 'acquire'");
  });

  it('getObj() is the same memory without the lock', () => {
    const v = new Value('d', 1.5);
    const obj = v.getObj();
    obj.value = 2.5;
    expect(v.value).toBe(2.5);
    expect(String(obj)).toBe('c_double(2.5)');
  });

  it("prints as CPython's repr", () => {
    expect(String(new Value('i', 3))).toBe('<Synchronized wrapper for c_int(3)>');
    expect(String(new RawValue('i', 3))).toBe('c_int(3)');
    expect(String(new RawValue('d', 1))).toBe('c_double(1.0)');
    expect(String(new RawValue('c', 'a'))).toBe("c_char(b'a')");
    // 64-bit Linux ctypes: c_longlong is c_long, so CPython 3.11 prints 'q'/'Q' as c_long/c_ulong.
    expect(String(new Value('q', 1))).toBe('<Synchronized wrapper for c_long(1)>');
    expect(String(new RawValue('Q', 2))).toBe('c_ulong(2)');
  });

  it('holds its lock with `using` (Python: with v.get_lock())', async () => {
    const v = new Value('i', 0);
    {
      using _held = await v.getLock().hold();
      v.value += 1;
      expect(String(v.getLock())).toBe('<RLock(MainProcess, 1)>');
    }
    expect(String(v.getLock())).toBe('<RLock(None, 0)>');
    expect(v.value).toBe(1);
  });
});
