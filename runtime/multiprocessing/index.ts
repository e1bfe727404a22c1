// #runtime/multiprocessing: Python's multiprocessing on worker isolates. See README (process model).
export { Process, activeChildren } from './process.ts';
export type { ProcessOptions, Target } from './process.ts';
export { currentProcess, parentProcess, cpuCount, CurrentProcess, ParentProcess } from './current.ts';
export { Pipe, Connection, BrokenPipeError } from './connection.ts';
export { Queue, JoinableQueue, SimpleQueue } from './queues.ts';
export type { QueueOptions } from './queues.ts';
export { Pool } from './pool/pool.ts';
export { ThreadPool } from './pool/thread-pool.ts';
export type { PoolOptions } from './pool/pool.ts';
export { AsyncResult } from './pool/async-result.ts';
export type { Callback, ErrorCallback } from './pool/async-result.ts';
export { IMapIterator } from './pool/imap.ts';
export { RemoteTraceback } from './pool/remote-error.ts';
export { setChildOutputSink } from './output/relay.ts';
export type { ChildOutput, ChildOutputSink } from './output/relay.ts';
export {
  AssertionError,
  AttributeError,
  EOFError,
  Empty,
  Full,
  OSError,
  PicklingError,
  ProcessError,
  RuntimeError,
  TimeoutError,
  ValueError,
} from './errors.ts';
// Shared memory, cross-process synchronisation and Managers.
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
