// What every Manager proxy shares: its connection, the id of its object in the server, and how it travels
// to another process (a fresh MessagePort to the server is made and transferred with it).
import { inspect } from 'node:util';
import { noteWrite, racesEnabled } from '../races.ts';
import type { ManagerConnection } from './connection.ts';
import type { TypeId } from './protocol.ts';

export class BaseProxy {
  /** @internal */ readonly conn: ManagerConnection;
  /** @internal */ readonly oid: string;
  /** @internal */ readonly typeid: TypeId;

  /** @internal Proxies are made by the Manager (m.dict(), m.Lock(), ...). */
  constructor(conn: ManagerConnection, oid: string, typeid: TypeId) {
    this.conn = conn;
    this.oid = oid;
    this.typeid = typeid;
  }

  /** @internal */
  protected call<T>(method: string, ...args: unknown[]): Promise<T> {
    if (method === 'set' && racesEnabled()) this.noteSet(args);
    return this.conn.call(this.oid, method, args, `${this.typeid}Proxy.${method}()`) as Promise<T>;
  }

  /** @internal This object's id in race reports, the same in every process. */
  raceId(): string {
    return `m:${this.conn.address.id}/${this.oid}`;
  }

  /** A write through the proxy (d[k] = v, l[i] = v, ns.x = v, value.set(v)): one cell per key. */
  private noteSet(args: unknown[]): void {
    const keyed = this.typeid !== 'Value';
    const type = this.typeid === 'dict' ? 'Dict' : this.typeid === 'list' ? 'List' : this.typeid;
    const key = keyed ? JSON.stringify(args[0]) ?? String(args[0]) : '';
    noteWrite(`${this.raceId()}${keyed ? `[${key}]` : ''}`, keyed ? `${type}Proxy[${key}]` : `${type}Proxy.value`);
  }

  /** The referent's repr, as Python's print(proxy) shows it: `{1: '1', '2': 2}`, `[9, 8]`, `Namespace(a=1)`. */
  repr(): Promise<string> {
    return this.call<string>('repr');
  }

  toString(): string {
    return `<${this.typeid}Proxy object, typeid '${this.typeid}'>`;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}
