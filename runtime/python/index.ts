// Python's building blocks for the whole runtime (the floor below core): the builtin exceptions, type names,
// repr()/str(), and the argument checks CPython applies to timeouts. Depends on nothing.
export {
  AssertionError, AttributeError, EOFError, IndexError, KeyError, OSError, OverflowError, RuntimeError, TimeoutError,
  ValueError,
} from './errors.ts';
export { isClass, isPlainObject, typeName } from './types.ts';
export { bytesRepr, charRepr, floatRepr, intText, numberRepr, pyRepr, pyStr, repr, str, stringRepr, tupleRepr } from './repr.ts';
export { TIMEOUT_MAX, lockTimeout, queueTimeout, sleepSeconds, waitTimeout } from './timeouts.ts';
