// Proxies for the Manager's data objects. Every method is a round trip to the server and returns a Promise;
// values are copied both ways (structured clone), so mutate through the proxy (`await d.set(k, v)`), not
// through a copy you got back, exactly as with CPython's proxies.
import { BaseProxy } from './base-proxy.ts';

/** manager.dict(): Python's DictProxy. Keys compare like JS Map keys (primitives by value). */
export class DictProxy<K = unknown, V = unknown> extends BaseProxy {
  /** d.get(key, default): the value, or `dflt` (undefined unless given) when missing. */
  get(key: K, dflt?: V): Promise<V | undefined> {
    return this.call('get', key, dflt);
  }

  /** d[key] = value */
  set(key: K, value: V): Promise<void> {
    return this.call('set', key, value);
  }

  /** key in d */
  has(key: K): Promise<boolean> {
    return this.call('has', key);
  }

  /** del d[key]: KeyError when missing. */
  delete(key: K): Promise<void> {
    return this.call('delete', key);
  }

  /** d.pop(key[, default]): KeyError when missing and no default is given. */
  pop(key: K, ...dflt: [] | [V]): Promise<V> {
    return this.call('pop', key, ...dflt);
  }

  /** d.setdefault(key, default = None) */
  setdefault(key: K, ...dflt: [] | [V]): Promise<V> {
    return this.call('setdefault', key, ...dflt);
  }

  /** d.update(other): a Map, a plain object or [key, value] pairs. */
  update(other: Map<K, V> | Iterable<readonly [K, V]> | Record<string, V>): Promise<void> {
    return this.call('update', other);
  }

  keys(): Promise<K[]> {
    return this.call('keys');
  }

  values(): Promise<V[]> {
    return this.call('values');
  }

  items(): Promise<Array<[K, V]>> {
    return this.call('items');
  }

  /** len(d) */
  len(): Promise<number> {
    return this.call('len');
  }

  /** A copy as a Map (Python: d.copy() gives a dict). */
  copy(): Promise<Map<K, V>> {
    return this.call('copy');
  }

  clear(): Promise<void> {
    return this.call('clear');
  }
}

/** manager.list(): Python's ListProxy. */
export class ListProxy<T = unknown> extends BaseProxy {
  /** l[i] (negative counts from the end): IndexError out of range. */
  get(index: number): Promise<T> {
    return this.call('get', index);
  }

  /** l[i] = value */
  set(index: number, value: T): Promise<void> {
    return this.call('set', index, value);
  }

  append(value: T): Promise<void> {
    return this.call('append', value);
  }

  extend(values: Iterable<T>): Promise<void> {
    return this.call('extend', [...values]);
  }

  insert(index: number, value: T): Promise<void> {
    return this.call('insert', index, value);
  }

  /** l.pop(i = -1) */
  pop(...index: [] | [number]): Promise<T> {
    return this.call('pop', ...index);
  }

  /** Remove the first item equal to `value`: ValueError when absent. */
  remove(value: T): Promise<void> {
    return this.call('remove', value);
  }

  reverse(): Promise<void> {
    return this.call('reverse');
  }

  /** Python's natural order (numbers, strings, lists); no key functions (functions cannot cross). */
  sort(options: { reverse?: boolean } = {}): Promise<void> {
    return this.call('sort', options);
  }

  index(value: T, start?: number, end?: number): Promise<number> {
    return this.call('index', value, start, end);
  }

  count(value: T): Promise<number> {
    return this.call('count', value);
  }

  len(): Promise<number> {
    return this.call('len');
  }

  /** A copy as an array (Python: l[:]). */
  copy(): Promise<T[]> {
    return this.call('copy');
  }

  clear(): Promise<void> {
    return this.call('clear');
  }
}

/** manager.Namespace(): attributes by name. */
export class NamespaceProxy extends BaseProxy {
  /** ns.name: AttributeError when unset. */
  get<T = unknown>(name: string): Promise<T> {
    return this.call('get', name);
  }

  /** ns.name = value */
  set(name: string, value: unknown): Promise<void> {
    return this.call('set', name, value);
  }

  /** del ns.name */
  delete(name: string): Promise<void> {
    return this.call('delete', name);
  }
}

/** manager.Value(typecode, value): Python's ValueProxy (the server holds the value; no C conversion). */
export class ValueProxy<T = unknown> extends BaseProxy {
  get(): Promise<T> {
    return this.call('get');
  }

  set(value: T): Promise<void> {
    return this.call('set', value);
  }
}

/** manager.Array(typecode, sequence): Python's ArrayProxy. */
export class ArrayProxy<T = number> extends BaseProxy {
  get(index: number): Promise<T> {
    return this.call('get', index);
  }

  set(index: number, value: T): Promise<void> {
    return this.call('set', index, value);
  }

  len(): Promise<number> {
    return this.call('len');
  }

  /** A plain array copy (Python: arr[:]). */
  toArray(): Promise<T[]> {
    return this.call('copy');
  }
}
