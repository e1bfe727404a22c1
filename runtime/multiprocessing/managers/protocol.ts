// Messages between Manager proxies and the manager's server isolate.
//
// Transport: a proxy is rebuilt in any process from plain data (an address), with nothing to transfer: it
// travels in Process args, Pool tasks and Queue items alike, as CPython's proxies do. Each client process says
// hello once on the BroadcastChannel `<id>:hello`, handing over a pair of shared-memory lanes (lanes.ts:
// requests out, replies in). The server answers on that process's channel `<id>:rep:<process>` with a welcome
// holding its doorbell word (requests sent before it would be lost, so they wait), then serves the lanes.
// Messages too large for a lane take the channels `<id>:req:<process>` / `<id>:rep:<process>`, numbered.
// Requests from one process arrive in order, so creating an object and calling it right away is safe.

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

/** Where a manager's server is: enough for any process to connect (plain data: it fits in a Queue item). */
export interface ManagerAddress {
  id: string;
}

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

export type Request = CreateRequest | CallRequest;

export interface RemoteErrorInfo {
  name: string;
  message: string;
}

/** The server listens to this client; requests ring the doorbell (server/loop.ts). */
export interface Welcome {
  welcome: SharedArrayBuffer;
}

export type Reply =
  | { id: number; ok: true; value?: unknown }
  | { id: number; ok: false; error: RemoteErrorInfo };

export const helloChannel = (id: string): string => `${id}:hello`;
export const requestChannel = (id: string, client: number): string => `${id}:req:${client}`;
export const replyChannel = (id: string, client: number): string => `${id}:rep:${client}`;
/** The manager's owner posts 'gone' here when its server shuts down or dies: pending calls fail at once. */
export const goneChannel = (id: string): string => `${id}:gone`;
