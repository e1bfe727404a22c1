// Python's type() name for the Python value a JS value stands for, for messages such as "'int' object is not
// callable" or "not str". JS has one number type: a safe integer stands for an int, any other number for a
// float, and so is -0 (ints have no negative zero; typeName and repr agree). Map and plain objects are dicts, a Promise is a coroutine (what Python
// code would pass where the runtime wants a function), a Uint8Array is bytes.

/** True for `{...}` and Object.create(null): the JS values that stand for a Python dict besides Map. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** True for a `class` (Python's type objects), false for a plain function. */
export function isClass(value: unknown): boolean {
  return typeof value === 'function' && /^class[\s{]/.test(Function.prototype.toString.call(value));
}

/** Python's type name for a value: 'int', 'float', 'str', 'list', 'dict', 'NoneType', ... */
export function typeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  switch (typeof value) {
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isSafeInteger(value) && !Object.is(value, -0) ? 'int' : 'float';
    case 'bigint':
      return 'int';
    case 'string':
      return 'str';
    case 'symbol':
      return 'symbol';
    case 'function':
      return isClass(value) ? 'type' : 'function';
    default:
      break;
  }
  if (Array.isArray(value)) return 'list';
  if (value instanceof Map || isPlainObject(value)) return 'dict';
  if (value instanceof Set) return 'set';
  if (value instanceof Promise) return 'coroutine';
  if (value instanceof Uint8Array) return 'bytes';
  if (value instanceof Error) return value.name;
  return (value as { constructor?: { name?: string } }).constructor?.name || 'object';
}
