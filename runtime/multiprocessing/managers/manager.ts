// multiprocessing.Manager(): a server isolate holding real objects, and the proxies that reach them.
//
//   await using m = await mp.Manager();      // Python: with Manager() as m:
//   const d = m.dict();                       // creators are synchronous, as in Python
//   await d.set(1, '1');                      // every proxy call is a Promise
//
// Proxies can be passed to child processes (Process args, Pool tasks, Queue items): each copy gets its own
// MessagePort to the server. Objects live until shutdown() (CPython refcounts them; here nothing is freed
// early, which only matters for programs creating millions of managed objects).
import type { Worker } from 'node:worker_threads';
import { onFreshProgram } from '../../core/index.ts';
import { registerReducer } from '../reduction.ts';
import { ValueError } from '../errors.ts';
import { processKey } from '../synchronize/identity.ts';
import { BaseProxy } from './base-proxy.ts';
import { ManagerConnection } from './connection.ts';
import { ArrayProxy, DictProxy, ListProxy, NamespaceProxy, ValueProxy } from './data-proxies.ts';
import type { ManagerAddress, TypeId } from './protocol.ts';
import { startServer } from './server-start.ts';
import { awaitExternal } from '../synchronize/external.ts';
import { AcquirerProxy, BarrierProxy, ConditionProxy, EventProxy, QueueProxy } from './sync-proxies.ts';

const proxyTypes: Record<TypeId, new (conn: ManagerConnection, oid: string, typeid: TypeId) => BaseProxy> = {
  dict: DictProxy,
  list: ListProxy,
  Namespace: NamespaceProxy,
  Value: ValueProxy,
  Array: ArrayProxy,
  Lock: AcquirerProxy,
  RLock: AcquirerProxy,
  Semaphore: AcquirerProxy,
  BoundedSemaphore: AcquirerProxy,
  Condition: ConditionProxy,
  Event: EventProxy,
  Barrier: BarrierProxy,
  Queue: QueueProxy,
  JoinableQueue: QueueProxy,
};

let managers = 0;
let objects = 0;

/** Managers not shut down yet: a test boundary (freshProgram) stops the ones a test left running. */
const live = new Set<SyncManager>();
onFreshProgram(() => {
  for (const manager of live) void manager.shutdown();
});

export class SyncManager {
  /** @internal */ readonly conn: ManagerConnection;
  private readonly worker: Worker;
  private state: 'started' | 'shutdown' = 'started';

  /** @internal Use `await Manager()`. */
  constructor(worker: Worker, conn: ManagerConnection) {
    this.worker = worker;
    this.conn = conn;
    // If the server dies, every proxy in every process fails fast instead of waiting forever.
    worker.once('exit', () => conn.announceGone());
    live.add(this);
  }

  private make<P extends BaseProxy>(typeid: TypeId, args: unknown[]): P {
    if (this.state !== 'started') throw new ValueError('Manager has been shut down');
    // Ids are unique across processes: a child's proxies create nothing, but keep the scheme safe anyway.
    const oid = `${processKey}.${managers}.${++objects}`;
    this.conn.create(oid, typeid, args);
    return new proxyTypes[typeid](this.conn, oid, typeid) as P;
  }

  dict<K = unknown, V = unknown>(init?: Map<K, V> | Iterable<readonly [K, V]> | Record<string, V>): DictProxy<K, V> {
    return this.make('dict', init === undefined ? [] : [init instanceof Map || Symbol.iterator in Object(init) ? [...(init as Iterable<unknown>)] : init]);
  }

  list<T = unknown>(init?: Iterable<T>): ListProxy<T> {
    return this.make('list', init === undefined ? [] : [[...init]]);
  }

  Namespace(init: Record<string, unknown> = {}): NamespaceProxy {
    return this.make('Namespace', [init]);
  }

  Value<T = number>(typecode: string, value: T): ValueProxy<T> {
    return this.make('Value', [typecode, value]);
  }

  Array<T = number>(typecode: string, sequence: Iterable<T> | number): ArrayProxy<T> {
    return this.make('Array', [typecode, typeof sequence === 'number' ? sequence : [...sequence]]);
  }

  Lock(): AcquirerProxy {
    return this.make('Lock', []);
  }

  RLock(): AcquirerProxy {
    return this.make('RLock', []);
  }

  Semaphore(value = 1): AcquirerProxy {
    if (value < 0) throw new ValueError('semaphore initial value must be >= 0');
    return this.make('Semaphore', [value]);
  }

  BoundedSemaphore(value = 1): AcquirerProxy {
    if (value < 0) throw new ValueError('semaphore initial value must be >= 0');
    return this.make('BoundedSemaphore', [value]);
  }

  /** `lock`: a Lock or RLock proxy of this manager (default: a new RLock). */
  Condition(lock: AcquirerProxy | null = null): ConditionProxy {
    return this.make('Condition', [lock === null ? null : lock.oid]);
  }

  Event(): EventProxy {
    return this.make('Event', []);
  }

  /** No action: a function cannot be sent to the server process. */
  Barrier(parties: number, action: null = null, timeout: number | null = null): BarrierProxy {
    if (action !== null) throw new TypeError('a Manager Barrier cannot take an action: functions do not cross processes');
    return this.make('Barrier', [parties, timeout]);
  }

  Queue<T = unknown>(maxsize = 0): QueueProxy<T> {
    return this.make('Queue', [maxsize]);
  }

  JoinableQueue<T = unknown>(maxsize = 0): QueueProxy<T> {
    return this.make('JoinableQueue', [maxsize]);
  }

  /** Stop the server: proxies fail afterwards (BrokenPipeError), as in Python. Idempotent. */
  async shutdown(): Promise<void> {
    if (this.state === 'shutdown') return;
    this.state = 'shutdown';
    live.delete(this);
    this.conn.announceGone();
    await this.worker.terminate();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.shutdown();
  }
}

/** Start a manager's server process; `await using m = await Manager()` shuts it down at the end of the block. */
export async function Manager(): Promise<SyncManager> {
  managers++;
  const address: ManagerAddress = {
    id: `mp-manager-${process.pid}-${processKey}-${managers}-${Math.random().toString(36).slice(2, 10)}`,
  };
  const worker = await startServer(address.id);
  const conn = ManagerConnection.to(address);
  await awaitExternal(conn.ready(), 'Manager()');
  return new SyncManager(worker, conn);
}

interface ReducedProxy {
  typeid: TypeId;
  oid: string;
  address: ManagerAddress;
}

// A proxy crosses as plain data (its manager's address): nothing to transfer, so it can go anywhere a
// structured clone goes (Process args, Pool tasks, Queue items).
registerReducer<BaseProxy>({
  tag: 'mp.ManagerProxy',
  type: BaseProxy,
  reduce: (proxy) => ({ data: { typeid: proxy.typeid, oid: proxy.oid, address: proxy.conn.address } satisfies ReducedProxy }),
  rebuild: (raw) => {
    const data = raw as ReducedProxy;
    return new proxyTypes[data.typeid](ManagerConnection.to(data.address), data.oid, data.typeid);
  },
});
