// Shared memory for processes (Python's multiprocessing.sharedctypes), and how it travels to a child: only the
// SharedArrayBuffer and its place cross (postMessage shares it, never copies it) plus the lock's shared words.
import { registerReducer } from '../reduction.ts';
import { rebuildReducedSemLock, reduceSemLock } from '../synchronize/index.ts';
import { RawArray, SharedArray, type ArrayLocation } from './array.ts';
import { RawValue, Value, type ValueLocation } from './value.ts';

export { RawArray, SharedArray } from './array.ts';
export { RawValue, Value, type SharedOptions } from './value.ts';
export type { ElementOf, Typecode } from './typecodes.ts';

type ReducedLock = ReturnType<typeof reduceSemLock> | null;

registerReducer<RawValue>({
  tag: 'mp.RawValue',
  type: RawValue,
  reduce: (v) => ({ data: v.location() }),
  rebuild: (data) => {
    const location = data as ValueLocation;
    return new RawValue(location.typecode, undefined, location);
  },
});

registerReducer<Value>({
  tag: 'mp.Value',
  type: Value,
  reduce: (v) => ({ data: { location: v.location(), lock: v.lock === null ? null : reduceSemLock(v.lock) } }),
  rebuild: (data) => {
    const { location, lock } = data as { location: ValueLocation; lock: ReducedLock };
    return new Value(location.typecode, undefined, { lock: lock === null ? false : rebuildReducedSemLock(lock) }, location);
  },
});

registerReducer<RawArray>({
  tag: 'mp.RawArray',
  type: RawArray,
  reduce: (a) => ({ data: a.location() }),
  rebuild: (data) => {
    const location = data as ArrayLocation;
    return new RawArray(location.typecode, 0, location);
  },
});

registerReducer<SharedArray>({
  tag: 'mp.Array',
  type: SharedArray,
  reduce: (a) => ({ data: { location: a.location(), lock: a.lock === null ? null : reduceSemLock(a.lock) } }),
  rebuild: (data) => {
    const { location, lock } = data as { location: ArrayLocation; lock: ReducedLock };
    return new SharedArray(location.typecode, 0, { lock: lock === null ? false : rebuildReducedSemLock(lock) }, location);
  },
});
