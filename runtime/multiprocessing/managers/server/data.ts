// The server's data referents: the real dict, list, Namespace, Value and Array that proxies operate on.
// Each exposes exactly the methods its proxy calls, with Python's errors and messages.
import { attributeError, indexError, keyError, PyError, typeError, valueError } from './errors.ts';
import { checkHashable, pyCompare, pyEquals, pyRepr } from './values.ts';

export interface Referent {
  call(method: string, args: unknown[], owner: string): unknown;
}

function noMethod(type: string, method: string): PyError {
  return attributeError(`'${type}' object has no attribute '${method}'`);
}

/** Pairs from a Map, a plain object or an iterable of [key, value]. */
function pairsOf(source: unknown): Array<[unknown, unknown]> {
  if (source instanceof Map) return [...source.entries()];
  if (source === null || source === undefined) return [];
  if (typeof source === 'object' && Symbol.iterator in source) {
    return [...(source as Iterable<unknown>)].map((pair, i) => {
      if (!Array.isArray(pair) || pair.length !== 2) {
        throw valueError(`dictionary update sequence element #${i} has length ${Array.isArray(pair) ? pair.length : 1}; 2 is required`);
      }
      return [pair[0], pair[1]];
    });
  }
  if (typeof source === 'object') return Object.entries(source);
  throw typeError(`'${typeof source}' object is not iterable`);
}

export class DictReferent implements Referent {
  readonly map = new Map<unknown, unknown>();

  constructor(init?: unknown) {
    for (const [k, v] of pairsOf(init)) this.put(k, v);
  }

  private put(key: unknown, value: unknown): void {
    checkHashable(key);
    this.map.set(key, value);
  }

  call(method: string, args: unknown[]): unknown {
    const m = this.map;
    const [key, value] = args;
    switch (method) {
      case 'get':
        return m.has(key) ? m.get(key) : value;
      case 'set':
        this.put(key, value);
        return undefined;
      case 'has':
        return m.has(key);
      case 'delete':
        if (!m.delete(key)) throw keyError(pyRepr(key));
        return undefined;
      case 'pop':
        if (m.has(key)) {
          const found = m.get(key);
          m.delete(key);
          return found;
        }
        if (args.length > 1) return value;
        throw keyError(pyRepr(key));
      case 'setdefault':
        if (!m.has(key)) this.put(key, args.length > 1 ? value : null);
        return m.get(key);
      case 'update':
        for (const [k, v] of pairsOf(key)) this.put(k, v);
        return undefined;
      case 'keys':
        return [...m.keys()];
      case 'values':
        return [...m.values()];
      case 'items':
        return [...m.entries()];
      case 'len':
        return m.size;
      case 'copy':
        return new Map(m);
      case 'clear':
        m.clear();
        return undefined;
      case 'repr':
        return pyRepr(m);
      default:
        throw noMethod('dict', method);
    }
  }
}

export class ListReferent implements Referent {
  readonly items: unknown[];

  constructor(init?: unknown) {
    this.items = init === undefined || init === null ? [] : [...(init as Iterable<unknown>)];
  }

  private position(index: unknown, message: string): number {
    if (typeof index !== 'number' || !Number.isInteger(index)) {
      throw typeError(`list indices must be integers or slices, not ${typeof index === 'number' ? 'float' : typeof index}`);
    }
    const i = index < 0 ? index + this.items.length : index;
    if (i < 0 || i >= this.items.length) throw indexError(message);
    return i;
  }

  private find(x: unknown, start = 0, end = this.items.length): number {
    const n = this.items.length;
    const from = start < 0 ? Math.max(0, start + n) : start;
    const to = end < 0 ? Math.max(0, end + n) : Math.min(end, n);
    for (let i = from; i < to; i++) if (pyEquals(this.items[i], x)) return i;
    return -1;
  }

  call(method: string, args: unknown[]): unknown {
    const items = this.items;
    const [a, b] = args;
    switch (method) {
      case 'get':
        return items[this.position(a, 'list index out of range')];
      case 'set':
        items[this.position(a, 'list assignment index out of range')] = b;
        return undefined;
      case 'append':
        items.push(a);
        return undefined;
      case 'extend':
        items.push(...(a as Iterable<unknown>));
        return undefined;
      case 'insert': {
        const n = items.length;
        const at = Number(a) < 0 ? Math.max(0, Number(a) + n) : Math.min(Number(a), n);
        items.splice(at, 0, b);
        return undefined;
      }
      case 'pop': {
        if (items.length === 0) throw indexError('pop from empty list');
        const i = this.position(args.length === 0 ? -1 : a, 'pop index out of range');
        return items.splice(i, 1)[0];
      }
      case 'remove': {
        const i = this.find(a);
        if (i < 0) throw valueError('list.remove(x): x not in list');
        items.splice(i, 1);
        return undefined;
      }
      case 'reverse':
        items.reverse();
        return undefined;
      case 'sort': {
        const reverse = (a as { reverse?: boolean } | undefined)?.reverse === true;
        const sorted = [...items].sort(pyCompare);
        if (reverse) sorted.reverse();
        items.splice(0, items.length, ...sorted);
        return undefined;
      }
      case 'index': {
        const i = this.find(a, (b as number | undefined) ?? 0, (args[2] as number | undefined) ?? items.length);
        if (i < 0) throw valueError(`${pyRepr(a)} is not in list`);
        return i;
      }
      case 'count':
        return items.filter((x) => pyEquals(x, a)).length;
      case 'len':
        return items.length;
      case 'copy':
        return [...items];
      case 'clear':
        items.length = 0;
        return undefined;
      case 'repr':
        return pyRepr(items);
      default:
        throw noMethod('list', method);
    }
  }
}

export class NamespaceReferent implements Referent {
  readonly attrs = new Map<string, unknown>();

  constructor(init?: unknown) {
    if (init !== null && typeof init === 'object') for (const [k, v] of Object.entries(init)) this.attrs.set(k, v);
  }

  call(method: string, args: unknown[]): unknown {
    const [name, value] = args as [string, unknown];
    switch (method) {
      case 'get':
        if (!this.attrs.has(name)) throw attributeError(`'Namespace' object has no attribute '${name}'`);
        return this.attrs.get(name);
      case 'set':
        this.attrs.set(name, value);
        return undefined;
      case 'delete':
        if (!this.attrs.delete(name)) throw attributeError(name);
        return undefined;
      case 'repr': {
        const shown = [...this.attrs].filter(([k]) => !k.startsWith('_')).map(([k, v]) => `${k}=${pyRepr(v)}`).sort();
        return `Namespace(${shown.join(', ')})`;
      }
      default:
        throw noMethod('Namespace', method);
    }
  }
}

/** manager.Value(typecode, value): holds any value (no C conversion, as CPython's server-side Value). */
export class ValueReferent implements Referent {
  private value: unknown;
  private readonly typecode: string;

  constructor(typecode: string, value: unknown) {
    this.typecode = typecode;
    this.value = value;
  }

  call(method: string, args: unknown[]): unknown {
    switch (method) {
      case 'get':
        return this.value;
      case 'set':
        this.value = args[0];
        return undefined;
      case 'repr':
        return `Value(${pyRepr(this.typecode)}, ${pyRepr(this.value)})`;
      default:
        throw noMethod('Value', method);
    }
  }
}

/** manager.Array(typecode, sequence): CPython keeps an array.array in the server. */
export class ArrayReferent implements Referent {
  private readonly items: unknown[];
  private readonly typecode: string;

  constructor(typecode: string, init: unknown) {
    this.typecode = typecode;
    this.items = typeof init === 'number' ? new Array<unknown>(init).fill(0) : [...(init as Iterable<unknown>)];
  }

  private position(index: unknown): number {
    const n = this.items.length;
    const i = typeof index === 'number' && index < 0 ? index + n : Number(index);
    if (!Number.isInteger(i) || i < 0 || i >= n) throw indexError('array index out of range');
    return i;
  }

  call(method: string, args: unknown[]): unknown {
    switch (method) {
      case 'get':
        return this.items[this.position(args[0])];
      case 'set':
        if (this.typecode !== 'f' && this.typecode !== 'd' && !Number.isInteger(args[1])) {
          throw typeError("'float' object cannot be interpreted as an integer");
        }
        this.items[this.position(args[0])] = args[1];
        return undefined;
      case 'len':
        return this.items.length;
      case 'copy':
        return [...this.items];
      case 'repr':
        return `array(${pyRepr(this.typecode)}, ${pyRepr(this.items)})`;
      default:
        throw noMethod('array.array', method);
    }
  }
}
