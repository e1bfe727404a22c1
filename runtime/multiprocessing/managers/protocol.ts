import type { MessagePort } from 'node:worker_threads';

// Messages between Manager proxies and the manager's server isolate. One MessagePort per connection; requests
// on a port are handled in order, so creating an object and then calling it on the same port is safe without
// waiting for the creation to be acknowledged.

export type TypeId =
  | 'dict'
  | 'list'
  | 'Namespace'
  | 'Value'
  | 'Array'
  | 'Lock'
  | 'RLock'
  | 'Semaphore'
  | 'BoundedSemaphore'
  | 'Condition'
  | 'Event'
  | 'Barrier'
  | 'Queue'
  | 'JoinableQueue';

export interface CreateRequest {
  op: 'create';
  oid: string;
  typeid: TypeId;
  args: unknown[];
}

export interface CallRequest {
  op: 'call';
  id: number;
  oid: string;
  method: string;
  args: unknown[];
  /** Which (process, green thread) calls: lock ownership, as CPython's server thread per connection gives. */
  owner: string;
}

/** A new connection for a proxy sent to another process: the server listens on `port` from now on. */
export interface AttachRequest {
  op: 'attach';
  port: MessagePort;
}

export type Request = CreateRequest | CallRequest | AttachRequest;

export interface RemoteErrorInfo {
  name: string;
  message: string;
  /** For KeyError and friends: Python's exception argument (str(KeyError('x')) is "'x'"). */
  stack?: string;
}

export type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: RemoteErrorInfo };
