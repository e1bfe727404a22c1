// The manager's server isolate (Python's multiprocessing.managers.Server): it holds the real objects and
// answers requests from proxies. Bundled to plain JS and run as a worker by managers/server-start.ts.
//
// Each client process has its own request and reply channel (protocol.ts). Requests are handled in order of
// arrival, except that a blocking call (lock acquire, queue get, event wait...) is parked and answered later
// while the channel keeps serving other requests, as CPython's server serves each connection from a thread.
import { BroadcastChannel, parentPort, workerData } from 'node:worker_threads';
import {
  helloChannel,
  replyChannel,
  requestChannel,
  type CallRequest,
  type CreateRequest,
  type Reply,
  type Request,
  type Welcome,
  type TypeId,
} from '../protocol.ts';
import { Lane } from '../../connection-lane.ts';
import type { Hello } from '../connection.ts';
import { LanePair, WAKE, isNumbered } from '../lanes.ts';
import { ServerLoop } from './loop.ts';
import { ArrayReferent, DictReferent, ListReferent, NamespaceReferent, ValueReferent, type Referent } from './data.ts';
import { PyError } from './errors.ts';
import { QueueReferent } from './queue.ts';
import {
  BarrierReferent,
  BoundedSemaphoreReferent,
  ConditionReferent,
  EventReferent,
  LockReferent,
  RLockReferent,
  SemaphoreReferent,
  type ConditionLock,
} from './sync.ts';

const objects = new Map<string, Referent>();
/** Creation failures, reported to the first call on the object. */
const failed = new Map<string, PyError>();

function create(typeid: TypeId, args: unknown[]): Referent {
  switch (typeid) {
    case 'dict':
      return new DictReferent(args[0]);
    case 'list':
      return new ListReferent(args[0]);
    case 'Namespace':
      return new NamespaceReferent(args[0]);
    case 'Value':
      return new ValueReferent(String(args[0]), args[1]);
    case 'Array':
      return new ArrayReferent(String(args[0]), args[1]);
    case 'Lock':
      return new LockReferent();
    case 'RLock':
      return new RLockReferent();
    case 'Semaphore':
      return new SemaphoreReferent(args[0]);
    case 'BoundedSemaphore':
      return new BoundedSemaphoreReferent(args[0]);
    case 'Condition': {
      const lockOid = args[0] as string | null;
      const lock = lockOid === null ? new RLockReferent() : objects.get(lockOid);
      if (!(lock instanceof LockReferent)) throw new PyError('TypeError', 'Condition() needs a Lock or RLock of the same manager');
      return new ConditionReferent(lock as ConditionLock);
    }
    case 'Event':
      return new EventReferent();
    case 'Barrier':
      return new BarrierReferent(args[0], args[1]);
    case 'Queue':
    case 'JoinableQueue':
      return new QueueReferent(args[0]);
  }
}

function errorInfo(error: unknown): { ok: false; error: { name: string; message: string } } {
  const e = error instanceof Error ? error : new Error(String(error));
  return { ok: false, error: { name: e.name, message: e.message } };
}

/**
 * Calls that arrived before their object's creation. Requests from one process are ordered, but a proxy sent
 * to another process (say a Pool worker) calls from that process's channel, which may be served before the
 * creating process's channel: such a call waits for the creation (a few ms at most) instead of failing.
 */
const early = new Map<string, Array<() => void>>();
const EARLY_LIMIT_MS = 10_000;

function handleCreate(request: CreateRequest): void {
  try {
    objects.set(request.oid, create(request.typeid, request.args));
  } catch (error) {
    failed.set(request.oid, error instanceof PyError ? error : new PyError('Error', String(error)));
  }
  runEarly(request.oid);
}

type Send = (reply: Reply) => void;

/** A successful reply; no `value` key for undefined, so that the reply stays JSON (the lanes' fast path). */
function success(id: number, value: unknown): Reply {
  return value === undefined ? { id, ok: true } : { id, ok: true, value };
}

function reply(send: Send, id: number, run: () => unknown): void {
  let result: unknown;
  try {
    result = run();
  } catch (error) {
    send({ ...errorInfo(error), id });
    return;
  }
  if (result instanceof Promise) {
    loop.track(result);
    result.then(
      (value: unknown) => send(success(id, value)),
      (error: unknown) => send({ ...errorInfo(error), id }),
    );
  } else {
    send(success(id, result));
  }
}

function handleCall(send: Send, request: CallRequest, mayWait = true): void {
  if (mayWait && !objects.has(request.oid) && !failed.has(request.oid)) {
    park(request.oid, () => handleCall(send, request, false));
    return;
  }
  reply(send, request.id, () => {
    const target = objects.get(request.oid);
    if (target === undefined) throw failed.get(request.oid) ?? new PyError('KeyError', `'${request.oid}'`);
    return target.call(request.method, request.args, request.owner);
  });
}

function park(oid: string, run: () => void): void {
  let waiting = early.get(oid);
  if (waiting === undefined) {
    early.set(oid, (waiting = []));
    // An id that never gets created (a proxy of another manager's lifetime) fails instead of hanging.
    setTimeout(() => runEarly(oid), EARLY_LIMIT_MS);
  }
  waiting.push(run);
}

function runEarly(oid: string): void {
  const waiting = early.get(oid);
  early.delete(oid);
  for (const run of waiting ?? []) run();
}

const { id } = workerData as { id: string };
const loop = new ServerLoop();
const clients = new Map<number, { requests: BroadcastChannel; replies: BroadcastChannel }>();

/** A process said hello: serve the requests of its lane (and channel), then tell it so. */
function connect(hello: Hello): void {
  const client = hello.client;
  if (clients.has(client)) return;
  const requests = new BroadcastChannel(requestChannel(id, client));
  const replies = new BroadcastChannel(replyChannel(id, client));
  const lanes = new LanePair(new Lane(hello.replies), new Lane(hello.requests), (message) => replies.postMessage(message));
  const send: Send = (message) => {
    if (lanes.send(message)) replies.postMessage(WAKE);
  };
  requests.onmessage = (event) => {
    const data = (event as { data: unknown }).data;
    if (isNumbered(data)) {
      lanes.receiveFallback(data);
      loop.poke();
    }
  };
  clients.set(client, { requests, replies });
  replies.postMessage({ welcome: loop.doorbell.buffer as SharedArrayBuffer } satisfies Welcome);
  loop.add({
    lanes,
    handle: (value) => {
      const request = value as Request;
      if (request.op === 'call') handleCall(send, request);
      else handleCreate(request);
    },
  });
}

const hello = new BroadcastChannel(helloChannel(id));
hello.onmessage = (event) => connect((event as { data: Hello }).data);
parentPort?.postMessage('ready');
