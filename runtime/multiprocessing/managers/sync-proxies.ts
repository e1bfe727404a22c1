// Proxies for the Manager's synchronisation objects and queues. They follow threading's API (the server holds
// threading-style objects), with every call returning a Promise. Ownership of a Lock/RLock/Condition is per
// (process, green thread), as CPython's server thread per connection makes it.
import { noteAcquired, noteReleased, racesEnabled } from '../races.ts';
import { BaseProxy } from './base-proxy.ts';

/** Lock, RLock, Semaphore, BoundedSemaphore (Python's AcquirerProxy). */
export class AcquirerProxy extends BaseProxy {
  /** threading's acquire(blocking = true, timeout = -1): resolves true when acquired. */
  acquire(blocking = true, timeout: number | null = -1): Promise<boolean> {
    const acquired = this.call<boolean>('acquire', blocking, timeout);
    if (!racesEnabled() || !this.isMutex()) return acquired;
    return acquired.then((ok) => {
      if (ok) noteAcquired(this.raceId());
      return ok;
    });
  }

  release(): Promise<void> {
    if (racesEnabled() && this.isMutex()) noteReleased(this.raceId());
    return this.call('release');
  }

  /** Only a Lock/RLock (or a Condition's) gives mutual exclusion: a Semaphore may let several in. */
  private isMutex(): boolean {
    return this.typeid === 'Lock' || this.typeid === 'RLock' || this.typeid === 'Condition';
  }

  /** Python's `with lock:` -> `await using _ = await lock.hold();` releases at the end of the block. */
  async hold(): Promise<AsyncDisposable> {
    await this.acquire();
    return { [Symbol.asyncDispose]: () => this.release() };
  }
}

/** manager.Condition(lock?) */
export class ConditionProxy extends AcquirerProxy {
  /** Release the lock, wait for a notify or `timeout` seconds, re-acquire. False on timeout. */
  wait(timeout: number | null = null): Promise<boolean> {
    return this.call('wait', timeout);
  }

  /** Runs the predicate here, in the calling process, as CPython's ConditionProxy.wait_for does. */
  async waitFor(predicate: () => unknown, timeout: number | null = null): Promise<unknown> {
    let result = await predicate();
    if (result) return result;
    const endtime = timeout === null ? null : performance.now() / 1000 + timeout;
    while (!result) {
      let waittime: number | null = null;
      if (endtime !== null) {
        waittime = endtime - performance.now() / 1000;
        if (waittime <= 0) break;
      }
      await this.wait(waittime);
      result = await predicate();
    }
    return result;
  }

  notify(n = 1): Promise<void> {
    return this.call('notify', n);
  }

  notifyAll(): Promise<void> {
    return this.call('notifyAll');
  }
}

/** manager.Event() */
export class EventProxy extends BaseProxy {
  isSet(): Promise<boolean> {
    return this.call('isSet');
  }

  set(): Promise<void> {
    return this.call('set');
  }

  clear(): Promise<void> {
    return this.call('clear');
  }

  wait(timeout: number | null = null): Promise<boolean> {
    return this.call('wait', timeout);
  }
}

/** manager.Barrier(parties, action?, timeout?) */
export class BarrierProxy extends BaseProxy {
  /** Resolves to this party's arrival index; BrokenBarrierError when broken, reset or timed out. */
  wait(timeout: number | null = null): Promise<number> {
    return this.call('wait', timeout);
  }

  abort(): Promise<void> {
    return this.call('abort');
  }

  reset(): Promise<void> {
    return this.call('reset');
  }

  parties(): Promise<number> {
    return this.call('parties');
  }

  nWaiting(): Promise<number> {
    return this.call('nWaiting');
  }

  broken(): Promise<boolean> {
    return this.call('broken');
  }
}

/** manager.Queue(maxsize) and manager.JoinableQueue(maxsize): queue.Queue in the server. */
export class QueueProxy<T = unknown> extends BaseProxy {
  /** put(item, block = true, timeout = null): Full when a bounded queue stays full. */
  put(item: T, block = true, timeout: number | null = null): Promise<void> {
    return this.call('put', item, block, timeout);
  }

  /** get(block = true, timeout = null): Empty when nothing arrives in time. */
  get(block = true, timeout: number | null = null): Promise<T> {
    return this.call('get', block, timeout);
  }

  putNowait(item: T): Promise<void> {
    return this.call('putNowait', item);
  }

  getNowait(): Promise<T> {
    return this.call('getNowait');
  }

  qsize(): Promise<number> {
    return this.call('qsize');
  }

  empty(): Promise<boolean> {
    return this.call('empty');
  }

  full(): Promise<boolean> {
    return this.call('full');
  }

  taskDone(): Promise<void> {
    return this.call('taskDone');
  }

  join(): Promise<void> {
    return this.call('join');
  }
}
