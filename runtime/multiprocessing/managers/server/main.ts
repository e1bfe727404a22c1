// The manager's server isolate (Python's multiprocessing.managers.Server): it holds the real objects and
// answers requests from proxies. Bundled to plain JS and run as a worker by managers/manager.ts.
//
// Each connection is a MessagePort. Requests on one port are answered in order of arrival except that a
// blocking call (lock acquire, queue get, event wait...) is parked and answered later, while the port keeps
// serving other requests, as CPython's server serves each connection from its own thread.
import { parentPort } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import type { CallRequest, CreateRequest, Reply, Request, TypeId } from '../protocol.ts';
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

function handleCreate(request: CreateRequest): void {
  try {
    objects.set(request.oid, create(request.typeid, request.args));
  } catch (error) {
    failed.set(request.oid, error instanceof PyError ? error : new PyError('Error', String(error)));
  }
}

function reply(port: MessagePort, id: number, run: () => unknown): void {
  let result: unknown;
  try {
    result = run();
  } catch (error) {
    port.postMessage({ ...errorInfo(error), id });
    return;
  }
  if (result instanceof Promise) {
    result.then(
      (value: unknown) => port.postMessage({ id, ok: true, value } satisfies Reply),
      (error: unknown) => port.postMessage({ ...errorInfo(error), id }),
    );
  } else {
    port.postMessage({ id, ok: true, value: result } satisfies Reply);
  }
}

function handleCall(port: MessagePort, request: CallRequest): void {
  reply(port, request.id, () => {
    const target = objects.get(request.oid);
    if (target === undefined) throw failed.get(request.oid) ?? new PyError('KeyError', `'${request.oid}'`);
    return target.call(request.method, request.args, request.owner);
  });
}

function serve(port: MessagePort): void {
  port.on('message', (request: Request) => {
    if (request.op === 'call') handleCall(port, request);
    else if (request.op === 'create') handleCreate(request);
    else serve(request.port);
  });
}

// The first connection (the manager's own) arrives in the first message.
parentPort?.once('message', (message: { port: MessagePort }) => {
  serve(message.port);
  parentPort?.postMessage('ready');
});
