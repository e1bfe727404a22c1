// What the shared-memory, synchronisation and Manager parts add to #runtime/multiprocessing
// (re-exported by index.ts with `export * from './shared-exports.ts'`).
export { RawArray, RawValue, SharedArray as Array, Value } from './sharedctypes/index.ts';
export type { ElementOf, SharedOptions, Typecode } from './sharedctypes/index.ts';
export {
  Barrier,
  BoundedSemaphore,
  BrokenBarrierError,
  Condition,
  Event,
  IndexError,
  Lock,
  RLock,
  Semaphore,
} from './synchronize/index.ts';
export {
  AcquirerProxy,
  ArrayProxy,
  BarrierProxy,
  BaseProxy,
  ConditionProxy,
  ConnectionRefusedError,
  DictProxy,
  EventProxy,
  KeyError,
  ListProxy,
  Manager,
  NamespaceProxy,
  QueueProxy,
  SyncManager,
  ValueProxy,
} from './managers/index.ts';
