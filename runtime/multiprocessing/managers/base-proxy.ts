// What every Manager proxy shares: its connection, the id of its object in the server, and how it travels
// to another process (a fresh MessagePort to the server is made and transferred with it).
import { inspect } from 'node:util';
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
    return this.conn.call(this.oid, method, args, `${this.typeid}Proxy.${method}()`) as Promise<T>;
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
