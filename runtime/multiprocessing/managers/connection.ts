// This process's connection to one manager's server (see protocol.ts for the channels), shared by all the
// proxies of that manager in this process.
//
// Calls are asynchronous in every process (main or child): the caller awaits the reply, announced to the
// scheduler as external work so other green threads run meanwhile. Requests and replies travel through a pair
// of shared-memory lanes (lanes.ts) handed to the server with the hello; the channels carry the welcome, what
// is too large for a lane, and the server's end. They hold the event loop open only while a reply is pending,
// so an idle Manager never keeps a program alive.
import { BroadcastChannel } from 'node:worker_threads';
import { BrokenPipeError } from '../connection.ts';
import { OSError } from '../errors.ts';
import { dumps, loads } from '../reduction.ts';
import { aloneInProcess, awaitExternal, currentThreadKey } from '../synchronize/external.ts';
import { processKey } from '../synchronize/identity.ts';
import { Lane } from '../connection-lane.ts';
import { rebuildError } from './errors.ts';
import { LanePair, WAKE, isNumbered, ring, type Numbered } from './lanes.ts';
import {
  goneChannel,
  helloChannel,
  replyChannel,
  requestChannel,
  type ManagerAddress,
  type Reply,
  type Request,
  type TypeId,
  type Welcome,
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

/** What a client process tells the server when it first connects. */
export interface Hello {
  client: number;
  requests: { header: SharedArrayBuffer; data: SharedArrayBuffer };
  replies: { header: SharedArrayBuffer; data: SharedArrayBuffer };
}

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
  /** Requests out, replies in. */
  private readonly lanes: LanePair;
  private pumping = false;
  /** The server's doorbell, from its welcome. */
  private doorbell: Int32Array | null = null;

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
    this.replies.onmessage = (event) => this.onChannel((event as { data: Welcome | Numbered | typeof WAKE }).data);
    this.requests = new BroadcastChannel(requestChannel(address.id, processKey));
    this.lanes = new LanePair(Lane.create(), Lane.create(), (message) => this.requests.postMessage(message));
    this.hello = new BroadcastChannel(helloChannel(address.id));
    this.hello.postMessage({ client: processKey, requests: this.lanes.out.buffers, replies: this.lanes.in.buffers } satisfies Hello);
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
    else {
      this.lanes.send(request);
      this.ring();
    }
  }

  /** Tells the server a request is there. */
  private ring(): void {
    if (this.doorbell !== null) ring(this.doorbell);
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
      // Replies are read from the next microtask on, never inside call(): code that runs right after a call
      // (a `return d.copy()` without await, then the manager's shutdown at the end of `await using`) still
      // finds it pending whatever the server's speed, as it did when replies came as channel events.
      queueMicrotask(() => void this.pump());
    } catch (error) {
      return Promise.reject(error);
    }
    return awaitExternal(reply, what);
  }

  private onChannel(data: Welcome | Numbered | typeof WAKE): void {
    if (data === WAKE) {
      this.lanes.interrupt();
      return;
    }
    if (isNumbered(data)) {
      this.lanes.receiveFallback(data);
      return;
    }
    if (this.backlog === null) return;
    this.doorbell = new Int32Array(data.welcome);
    const backlog = this.backlog ?? [];
    this.backlog = null;
    for (const request of backlog) this.lanes.send(request);
    this.ring();
    if (this.pending.size === 0) this.replies.unref();
    else void this.pump();
    this.onWelcome();
  }

  /** Reads replies from the lane while calls are pending (one loop per connection). */
  private async pump(): Promise<void> {
    if (this.pumping || this.backlog !== null) return;
    this.pumping = true;
    try {
      while (this.pending.size > 0 && !this.closed) {
        const seen = this.lanes.seen();
        for (let m = this.lanes.next(); m !== undefined; m = this.lanes.next()) this.receive(m.value as Reply);
        if (this.pending.size === 0 || this.closed) break;
        // Right after a call, with nothing else to run in this process, poll briefly for the reply: a server
        // that answers within microseconds then costs no event-loop wake-up (channels-spin.ts).
        // (The callers awaiting these replies are this process's only cross-process waits.)
        if (aloneInProcess(this.pending.size) && this.lanes.spin(seen)) continue;
        // close() (the server is gone) interrupts this wait.
        await this.lanes.wait(seen);
      }
    } finally {
      this.pumping = false;
    }
  }

  private receive(reply: Reply): void {
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
    this.lanes.interrupt();
    for (const waiter of this.pending.values()) waiter.reject(reason);
    this.pending.clear();
    this.hello.close();
    this.gone.close();
    this.requests.close();
    this.replies.close();
    if (connections.get(this.address.id) === this) connections.delete(this.address.id);
  }
}
