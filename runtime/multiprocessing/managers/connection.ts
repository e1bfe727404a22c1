// A proxy's connection to the manager's server: a MessagePort, request ids, and the pending replies.
//
// Calls are asynchronous in every process (main or child): the caller awaits the reply, announced to the
// scheduler as external work so other green threads run meanwhile. The port holds the event loop open only
// while a reply is pending, so an idle Manager never keeps a program alive.
import { MessageChannel, type MessagePort, type TransferListItem } from 'node:worker_threads';
import { BrokenPipeError } from '../connection.ts';
import { dumps, loads } from '../reduction.ts';
import { awaitExternal, currentThreadKey } from '../synchronize/external.ts';
import { processKey } from '../synchronize/identity.ts';
import { rebuildError } from './errors.ts';
import type { Reply, Request, TypeId } from './protocol.ts';

interface Pending {
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

export class ManagerConnection {
  private readonly port: MessagePort;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  constructor(port: MessagePort) {
    this.port = port;
    port.on('message', (reply: Reply) => this.settle(reply));
    port.on('close', () => this.close());
    port.unref();
  }

  private post(request: Request, transfer: readonly TransferListItem[] = []): void {
    if (this.closed) throw new BrokenPipeError('[Errno 32] Broken pipe');
    this.port.postMessage(request, [...transfer]);
  }

  /** Create an object in the server; the request is ordered before any later call on this connection. */
  create(oid: string, typeid: TypeId, args: unknown[]): void {
    const { pickled, transfer } = dumps(args);
    this.post({ op: 'create', oid, typeid, args: pickled.value as unknown[] }, transfer);
  }

  /** Call `method` on object `oid` in the server; resolves with its (copied) result. */
  call(oid: string, method: string, args: unknown[], what: string): Promise<unknown> {
    const { pickled, transfer } = dumps(args);
    const id = this.nextId++;
    const request: Request = {
      op: 'call', id, oid, method, args: pickled.value as unknown[], owner: `${processKey}:${currentThreadKey()}`,
    };
    let reply!: Promise<unknown>;
    try {
      this.post(request, transfer);
      reply = new Promise<unknown>((resolve, reject) => {
        if (this.pending.size === 0) this.port.ref();
        this.pending.set(id, { resolve, reject });
      });
    } catch (error) {
      return Promise.reject(error);
    }
    return awaitExternal(reply, what);
  }

  /** A new port on which the server also listens: what a proxy sent to another process connects through. */
  attach(): MessagePort {
    const { port1, port2 } = new MessageChannel();
    this.post({ op: 'attach', port: port2 }, [port2]);
    return port1;
  }

  private settle(reply: Reply): void {
    const waiter = this.pending.get(reply.id);
    if (waiter === undefined) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.port.unref();
    if (reply.ok) {
      const value = reply.value;
      waiter.resolve(typeof value === 'object' && value !== null ? loads({ value, reduced: true }) : value);
    } else {
      waiter.reject(rebuildError(reply.error));
    }
  }

  /** The server is gone (shutdown or crash): every pending and future call fails. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const waiter of this.pending.values()) waiter.reject(new BrokenPipeError('[Errno 32] Broken pipe'));
    this.pending.clear();
    this.port.close();
  }
}
