// Manager(): Python's server process and proxies.
export { Manager, SyncManager } from './manager.ts';
export { BaseProxy } from './base-proxy.ts';
export { ArrayProxy, DictProxy, ListProxy, NamespaceProxy, ValueProxy } from './data-proxies.ts';
export { AcquirerProxy, BarrierProxy, ConditionProxy, EventProxy, QueueProxy } from './sync-proxies.ts';
export { Empty, Full, KeyError } from './errors.ts';
export { ConnectionRefusedError } from './connection.ts';
