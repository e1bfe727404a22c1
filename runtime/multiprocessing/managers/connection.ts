// This process's connection to one manager's server (see protocol.ts for the channels), shared by all the
// proxies of that manager in this process.
//
// Calls are asynchronous in every process (main or child): the caller awaits the reply, announced to the
// scheduler as external work so other green threads run meanwhile. The channels hold the event loop open only
// while a reply is pending, so an idle Manager never keeps a program alive.
import { BroadcastChannel } from 'node:worker_threads';
import { BrokenPipeError } from '../connection.ts';
import { OSError } from '../errors.ts';
import { dumps, loads } from '../reduction.ts';
import { awaitExternal, currentThreadKey } from '../synchronize/external.ts';
import { processKey } from '../synchronize/identity.ts';
import { rebuildError } from './errors.ts';
import {
  goneChannel,
  helloChannel,
  replyChannel,
  requestChannel,
  type ManagerAddress,
  type Reply,
  type Request,
  type TypeId,
} from './protocol.ts';

interface Pending {
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

const connections = new Map<string, ManagerConnection>();

const brokenPipe = (): BrokenPipeError => new BrokenPipeError('[Errno 32] Broken pipe');

/** Python's ConnectionRefusedError: a proxy of a manager whose server is no longer there. */
export class ConnectionRefusedError extends OSError {
  override name = 'ConnectionRefusedError';
}

/** Arguments go to the server as CPython pickles them (no locks or Values) over a channel that cannot move ports. */
const TO_SERVER = { spawning: false, portless: 'a Manager' } as const;

/** How long a new connection waits for the server's welcome before giving up. */
const WELCOME_LIMIT_MS = 10_000;

export class ManagerConnection {
  readonly address: ManagerAddress;
  private readonly hello: BroadcastChannel;
  private readonly gone: BroadcastChannel;
  private readonly requests: BroadcastChannel;
  private readonly replies: BroadcastChannel;
  private readonly pending = new Map<number, Pending>();
  /** Requests made before the server's welcome, sent when it arrives. */
  private backlog: Request[] | null = [];
  private readonly welcomed: Promise<void>;
  private onWelcome!: () => void;
  private nextId = 1;
  private closed = false;

  /** The connection of this process to the manager at `address` (made on first use). */
  static to(address: ManagerAddress): ManagerConnection {
    let conn = connections.get(address.id);
    if (conn === undefined || conn.closed) connections.set(address.id, (conn = new ManagerConnection(address)));
    return conn;
  }

  private constructor(address: ManagerAddress) {
    this.address = address;
    this.welcomed = new Promise<void>((resolve) => { this.onWelcome = resolve; });
    this.replies = new BroadcastChannel(replyChannel(address.id, processKey));
    this.replies.onmessage = (event) => this.receive((event as { data: Reply }).data);
    this.requests = new BroadcastChannel(requestChannel(address.id, processKey));
    this.hello = new BroadcastChannel(helloChannel(address.id));
    this.hello.postMessage(processKey);
    const refused = setTimeout(() => {
      if (this.backlog !== null) this.close(new ConnectionRefusedError('[Errno 111] Connection refused'));
    }, WELCOME_LIMIT_MS);
    refused.unref();
    this.welcomed.then(() => clearTimeout(refused), () => {});
    this.gone = new BroadcastChannel(goneChannel(address.id));
    this.gone.onmessage = () => { this.close(); };
    this.gone.unref();
    this.replies.ref();
    this.requests.unref();
    this.hello.unref();
  }

  /** Resolves once the server listens to this process (Manager() waits for it before returning). */
  ready(): Promise<void> {
    return this.welcomed;
  }

  private send(request: Request): void {
    if (this.closed) throw brokenPipe();
    if (this.backlog !== null) this.backlog.push(request);
    else this.requests.postMessage(request);
  }

  /** Create an object in the server; ordered before any later call from this process. */
  create(oid: string, typeid: TypeId, args: unknown[]): void {
    this.send({ op: 'create', oid, typeid, args: dumps(args, TO_SERVER).pickled.value as unknown[] });
  }

  /** Call `method` on object `oid` in the server; resolves with its (copied) result. */
  call(oid: string, method: string, args: unknown[], what: string): Promise<unknown> {
    const id = this.nextId++;
    let reply: Promise<unknown>;
    try {
      this.send({ op: 'call', id, oid, method, args: dumps(args, TO_SERVER).pickled.value as unknown[], owner: `${processKey}:${currentThreadKey()}` });
      reply = new Promise<unknown>((resolve, reject) => {
        if (this.pending.size === 0 && this.backlog === null) this.replies.ref();
        this.pending.set(id, { resolve, reject });
      });
    } catch (error) {
      return Promise.reject(error);
    }
    return awaitExternal(reply, what);
  }

  private receive(reply: Reply): void {
    if (reply === 'welcome') {
      const backlog = this.backlog ?? [];
      this.backlog = null;
      for (const request of backlog) this.requests.postMessage(request);
      if (this.pending.size === 0) this.replies.unref();
      this.onWelcome();
      return;
    }
    const waiter = this.pending.get(reply.id);
    if (waiter === undefined) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.replies.unref();
    if (reply.ok) {
      const value = reply.value;
      waiter.resolve(typeof value === 'object' && value !== null ? loads({ value, reduced: true }) : value);
    } else {
      waiter.reject(rebuildError(reply.error));
    }
  }

  /** Tell every process's connection that the server is gone (from the process that owns the manager). */
  announceGone(): void {
    const channel = new BroadcastChannel(goneChannel(this.address.id));
    // postMessage queues the message on every subscriber at once (measured on Node 20, 22 and 24: delivered
    // even when the sender closes right away and its worker exits), so close now: an open channel would keep a
    // child process that shut its manager down alive.
    channel.postMessage('gone');
    channel.close();
    this.close();
  }

  /** The server is gone: every pending and future call fails with BrokenPipeError. */
  close(reason: Error = brokenPipe()): void {
    if (this.closed) return;
    this.closed = true;
    for (const waiter of this.pending.values()) waiter.reject(reason);
    this.pending.clear();
    this.hello.close();
    this.gone.close();
    this.requests.close();
    this.replies.close();
    if (connections.get(this.address.id) === this) connections.delete(this.address.id);
  }
}
