// How objects cross a process boundary (Python's multiprocessing.reduction / ForkingPickler).
//
// Everything sent to another process (Process args and kwargs, Pool tasks and results, Queue items, Pipe
// messages) goes through `dumps` before postMessage and `loads` after it. Plain data is left to the structured
// clone algorithm. Runtime objects that must keep pointing at the same thing on the other side (a Queue's
// shared buffer, a Connection's MessagePort, a Value's SharedArrayBuffer, a Manager proxy's port) register a
// reducer: `reduce` turns the object into clonable data (plus the ports/buffers to transfer), `rebuild` turns
// that data back into a live object in the receiving isolate. Rebuilding happens in whatever isolate receives
// the message, so the module that registers a reducer must be loaded there too: every runtime class registers
// itself at module load, and the child bootstrap loads the whole multiprocessing package.
// Senders call dumps() immediately before postMessage (no await in between): a reducer that detaches a
// MessagePort from its listener would otherwise lose the messages arriving in the gap.

import type { TransferListItem } from 'node:worker_threads';

/** What a reducer produces: structured-clonable data and the objects to transfer (MessagePorts). */
export interface Reduced {
  data: unknown;
  transfer?: readonly TransferListItem[];
}

/** A registered way to send instances of one class to another process. */
export interface Reducer<T extends object> {
  /** Unique name, the same in every isolate (e.g. 'mp.Queue'). */
  tag: string;
  /** Instances of this class (and subclasses, unless they register their own reducer) use this reducer. */
  type: abstract new (...args: never[]) => T;
  reduce(obj: T): Reduced;
  rebuild(data: unknown): T;
}

/** The marker that replaces a reduced object inside a message. */
export interface ReducedMarker {
  __mp_reduced__: string;
  data: unknown;
}

/** A message ready for postMessage. `reduced` says whether `loads` must walk it (a fast path for plain data). */
export interface Pickled {
  value: unknown;
  reduced: boolean;
}

type AnyReducer = Reducer<object>;

const byTag = new Map<string, AnyReducer>();
const byPrototype = new Map<object, AnyReducer>();

/**
 * Register how instances of `reducer.type` cross a process boundary. Registering the same tag again replaces
 * the previous reducer (a module evaluated twice, e.g. under a test runner, must not fail).
 */
export function registerReducer<T extends object>(reducer: Reducer<T>): void {
  const previous = byTag.get(reducer.tag);
  if (previous !== undefined) byPrototype.delete(previous.type.prototype as object);
  const erased = reducer as unknown as AnyReducer;
  byTag.set(reducer.tag, erased);
  byPrototype.set(reducer.type.prototype as object, erased);
}

/** The reducer for `obj`, looked up along its prototype chain (so subclasses inherit it). */
export function reducerFor(obj: object): AnyReducer | undefined {
  for (let proto = Object.getPrototypeOf(obj) as object | null; proto !== null; proto = Object.getPrototypeOf(proto) as object | null) {
    const reducer = byPrototype.get(proto);
    if (reducer !== undefined) return reducer;
  }
  return undefined;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as object | null;
  return proto === Object.prototype || proto === null;
}

/** True when `value` holds (at any depth) an object with a registered reducer. */
function containsReducible(value: unknown, seen: Set<object>): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (seen.has(value)) return false;
  seen.add(value);
  if (reducerFor(value) !== undefined) return true;
  if (Array.isArray(value)) {
    for (const item of value) if (containsReducible(item, seen)) return true;
    return false;
  }
  if (value instanceof Map) {
    for (const [k, v] of value) if (containsReducible(k, seen) || containsReducible(v, seen)) return true;
    return false;
  }
  if (value instanceof Set) {
    for (const item of value) if (containsReducible(item, seen)) return true;
    return false;
  }
  if (isPlainObject(value)) {
    for (const key of Object.keys(value)) {
      if (containsReducible((value as Record<string, unknown>)[key], seen)) return true;
    }
  }
  return false;
}

/** Copy `value`, replacing registered objects by markers; shared references and cycles are preserved. */
function reduceWalk(value: unknown, memo: Map<object, unknown>, transfer: TransferListItem[]): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const done = memo.get(value);
  if (done !== undefined) return done;
  const reducer = reducerFor(value);
  if (reducer !== undefined) {
    const reduced = reducer.reduce(value);
    if (reduced.transfer !== undefined) transfer.push(...reduced.transfer);
    const marker: ReducedMarker = { __mp_reduced__: reducer.tag, data: reduced.data };
    memo.set(value, marker);
    return marker;
  }
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    memo.set(value, copy);
    for (const item of value) copy.push(reduceWalk(item, memo, transfer));
    return copy;
  }
  if (value instanceof Map) {
    const copy = new Map<unknown, unknown>();
    memo.set(value, copy);
    for (const [k, v] of value) copy.set(reduceWalk(k, memo, transfer), reduceWalk(v, memo, transfer));
    return copy;
  }
  if (value instanceof Set) {
    const copy = new Set<unknown>();
    memo.set(value, copy);
    for (const item of value) copy.add(reduceWalk(item, memo, transfer));
    return copy;
  }
  if (isPlainObject(value)) {
    const copy: Record<string, unknown> = Object.create(Object.getPrototypeOf(value) as object | null) as Record<string, unknown>;
    memo.set(value, copy);
    for (const key of Object.keys(value)) copy[key] = reduceWalk((value as Record<string, unknown>)[key], memo, transfer);
    return copy;
  }
  // Dates, typed arrays, SharedArrayBuffers, errors...: the structured clone algorithm handles them.
  return value;
}

function isMarker(value: object): value is ReducedMarker {
  return typeof (value as Partial<ReducedMarker>).__mp_reduced__ === 'string' && 'data' in value;
}

/** Rebuild markers in place (the message is our own fresh copy), preserving shared references. */
function rebuildWalk(value: unknown, memo: Map<object, unknown>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const done = memo.get(value);
  if (done !== undefined) return done;
  if (isPlainObject(value) && isMarker(value)) {
    const reducer = byTag.get(value.__mp_reduced__);
    if (reducer === undefined) {
      throw new TypeError(`cannot rebuild an object of kind '${value.__mp_reduced__}': its module is not loaded in this process`);
    }
    const rebuilt = reducer.rebuild(value.data);
    memo.set(value, rebuilt);
    return rebuilt;
  }
  memo.set(value, value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = rebuildWalk(value[i], memo);
  } else if (value instanceof Map) {
    const entries = [...value.entries()];
    value.clear();
    for (const [k, v] of entries) value.set(rebuildWalk(k, memo), rebuildWalk(v, memo));
  } else if (value instanceof Set) {
    const items = [...value];
    value.clear();
    for (const item of items) value.add(rebuildWalk(item, memo));
  } else if (isPlainObject(value)) {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = rebuildWalk(record[key], memo);
  }
  return value;
}

/**
 * Prepare `value` for postMessage: returns the message and the list of objects to transfer. Plain data is
 * passed through untouched (no copy); the structured clone algorithm will copy it.
 */
export function dumps(value: unknown): { pickled: Pickled; transfer: TransferListItem[] } {
  if (!containsReducible(value, new Set())) return { pickled: { value, reduced: false }, transfer: [] };
  const transfer: TransferListItem[] = [];
  const reduced = reduceWalk(value, new Map(), transfer);
  return { pickled: { value: reduced, reduced: true }, transfer };
}

/** Turn a received message back into live objects. */
export function loads(pickled: Pickled): unknown {
  if (!pickled.reduced) return pickled.value;
  return rebuildWalk(pickled.value, new Map());
}
