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
//
// CPython's policy on what may be pickled where is kept: locks, Value/Array, queues (the objects built on
// shared memory or semaphores) travel only "through inheritance", i.e. as Process arguments (`spawning`); put
// on a Queue, sent through a Pipe or stored in a Manager they raise CPython's RuntimeError. Manager proxies and
// Connections travel everywhere in CPython. Here a Connection's MessagePort must be transferred, which only
// postMessage can do: channels that carry bytes or broadcast (the Queue ring, a Manager's channels) refuse it.

import type { TransferListItem } from 'node:worker_threads';
import { RuntimeError, unpicklable } from './errors.ts';
import { typecodeInfo } from './sharedctypes/typecodes.ts';

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
  /**
   * For objects CPython only shares "through inheritance" (as Process arguments): CPython's type name for its
   * RuntimeError when one is put on a Queue, sent through a Pipe or stored in a Manager.
   */
  inheritanceOnly?: (obj: T) => string;
  /** True if reduce() transfers a MessagePort: only postMessage can carry the object (not the Queue ring). */
  transfers?: boolean;
}

/** Where an object is going, for CPython's policy checks. */
export interface DumpOptions {
  /** As a Process argument (CPython's "spawning"): everything registered may go (the default). */
  spawning?: boolean;
  /** The channel cannot transfer MessagePorts (e.g. 'a Queue'): objects whose reducer transfers are refused. */
  portless?: string;
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

/**
 * A typecode's ctypes class name (CPython names raw shared values by it: 'c_double', 'c_int_Array_3'). On 64-bit
 * Linux ctypes makes c_longlong an alias of c_long, so 'q' objects are named c_long.
 */
function ctypeName(obj: object): string {
  const code = (obj as { typecode?: unknown }).typecode;
  if (code === 'q') return 'c_long';
  if (code === 'Q') return 'c_ulong';
  return typecodeInfo(code).ctype;
}
const hasLock = (obj: object): boolean => (obj as { lock?: unknown }).lock != null;
const arrayName = (obj: object): string => `${ctypeName(obj)}_Array_${(obj as { length: number }).length}`;

/**
 * CPython's names for the kinds that only travel through inheritance, for reducers registered by modules that
 * do not say so themselves (sharedctypes/, synchronize/). Measured on CPython 3.11 with ForkingPickler.dumps:
 * an Event or a Barrier fails on the Condition inside it; Value(lock=False) is a bare ctype.
 */
const INHERITANCE_ONLY: Record<string, (obj: object) => string> = {
  'mp.Lock': () => 'Lock',
  'mp.RLock': () => 'RLock',
  'mp.Semaphore': () => 'Semaphore',
  'mp.BoundedSemaphore': () => 'BoundedSemaphore',
  'mp.Condition': () => 'Condition',
  'mp.Event': () => 'Condition',
  'mp.Barrier': () => 'Condition',
  'mp.RawValue': ctypeName,
  'mp.Value': (v) => (hasLock(v) ? 'Synchronized' : ctypeName(v)),
  'mp.RawArray': arrayName,
  'mp.Array': (a) =>
    hasLock(a) ? ((a as { typecode?: unknown }).typecode === 'c' ? 'SynchronizedString' : 'SynchronizedArray') : arrayName(a),
};

const byTag = new Map<string, AnyReducer>();
const byPrototype = new Map<object, AnyReducer>();

/**
 * Register how instances of `reducer.type` cross a process boundary. Registering the same tag again replaces
 * the previous reducer (a module evaluated twice, e.g. under a test runner, must not fail).
 */
export function registerReducer<T extends object>(reducer: Reducer<T>): void {
  const previous = byTag.get(reducer.tag);
  if (previous !== undefined) byPrototype.delete(previous.type.prototype as object);
  const erased = { ...reducer } as unknown as AnyReducer;
  erased.inheritanceOnly ??= INHERITANCE_ONLY[reducer.tag];
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

/** Calls `visit` for each object with a registered reducer in `value` (at any depth, not inside one). */
function forEachReducible(value: unknown, seen: Set<object>, visit: (obj: object, reducer: AnyReducer) => void): void {
  // What the structured clone algorithm would refuse with an uncaught DataCloneError: CPython's PicklingError now.
  if (typeof value === 'function' || typeof value === 'symbol') throw unpicklable(value);
  if (typeof value !== 'object' || value === null) return;
  if (seen.has(value)) return;
  seen.add(value);
  const reducer = reducerFor(value);
  if (reducer !== undefined) {
    visit(value, reducer);
  } else if (Array.isArray(value)) {
    for (const item of value) forEachReducible(item, seen, visit);
  } else if (value instanceof Map) {
    for (const [k, v] of value) {
      forEachReducible(k, seen, visit);
      forEachReducible(v, seen, visit);
    }
  } else if (value instanceof Set) {
    for (const item of value) forEachReducible(item, seen, visit);
  } else if (isPlainObject(value)) {
    for (const key of Object.keys(value)) forEachReducible((value as Record<string, unknown>)[key], seen, visit);
  }
}

/** Raises CPython's error if an object in `value` may not go where `options` say (before any reducer runs). */
function checkPolicy(obj: object, reducer: AnyReducer, options: DumpOptions): void {
  if (options.spawning === false && reducer.inheritanceOnly !== undefined) {
    throw new RuntimeError(`${reducer.inheritanceOnly(obj)} objects should only be shared between processes through inheritance`);
  }
  if (options.portless !== undefined && reducer.transfers === true) {
    const kind = (obj.constructor as { name?: string } | undefined)?.name ?? 'object';
    throw new TypeError(
      `a ${kind} cannot be sent through ${options.portless}: its MessagePort must be transferred, which only ` +
        'Process arguments and Connection.send() can do (CPython allows it; pass it one of those ways)',
    );
  }
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
 * passed through untouched (no copy); the structured clone algorithm will copy it. `options` say where it goes:
 * objects that may not go there raise CPython's error before anything is reduced (no port is detached).
 */
export function dumps(value: unknown, options: DumpOptions = {}): { pickled: Pickled; transfer: TransferListItem[] } {
  if (typeof value === 'function' || typeof value === 'symbol') throw unpicklable(value);
  if (typeof value !== 'object' || value === null) return { pickled: { value, reduced: false }, transfer: [] };
  let found = false;
  forEachReducible(value, new Set(), (obj, reducer) => {
    found = true;
    checkPolicy(obj, reducer, options);
  });
  if (!found) return { pickled: { value, reduced: false }, transfer: [] };
  const transfer: TransferListItem[] = [];
  const reduced = reduceWalk(value, new Map(), transfer);
  return { pickled: { value: reduced, reduced: true }, transfer };
}

/**
 * Raises what dumps() would raise for `value` (PicklingError, CPython's RuntimeError...) without reducing
 * anything: for callers that must fail at once although they pickle later (Process.start, as CPython's spawn).
 * Returns the runtime objects found in `value` (queues, locks, Connections...).
 */
export function assertPicklable(value: unknown, options: DumpOptions = {}): object[] {
  if (typeof value === 'function' || typeof value === 'symbol') throw unpicklable(value);
  const found: object[] = [];
  forEachReducible(value, new Set(), (obj, reducer) => {
    checkPolicy(obj, reducer, options);
    found.push(obj);
  });
  return found;
}

/** Turn a received message back into live objects. */
export function loads(pickled: Pickled): unknown {
  if (!pickled.reduced) return pickled.value;
  return rebuildWalk(pickled.value, new Map());
}
