// The server's synchronisation referents: threading's Lock, RLock, Semaphore, BoundedSemaphore, Condition,
// Event and Barrier, event-driven. A blocking call parks its request until it can be answered; the caller's
// (process, green thread) `owner` plays the part of CPython's server thread for ownership checks.
import type { Referent } from './data.ts';
import { PyError, runtimeError, valueError } from './errors.ts';
import { Waiters } from './waiters.ts';

/** threading's (blocking, timeout) rules; returns the timeout in seconds or null for forever. */
function lockTimeout(blocking: unknown, timeout: unknown, nonBlocking: string): number | null {
  const t = timeout === null || timeout === undefined ? -1 : Number(timeout);
  if (blocking === false && t !== -1) throw valueError(nonBlocking);
  if (t < 0 && t !== -1) throw valueError('timeout value must be positive');
  if (blocking === false) return 0;
  return t === -1 ? null : t;
}

function waitTimeout(timeout: unknown): number | null {
  return timeout === null || timeout === undefined ? null : Math.max(0, Number(timeout));
}

/** What Condition needs from its lock. */
export interface ConditionLock extends Referent {
  take(owner: string, timeout: number | null): Promise<boolean> | boolean;
  isOwnedBy(owner: string): boolean;
  /** Release completely; returns what restore() needs. */
  saveAndRelease(owner: string): number;
  restore(owner: string, saved: number): Promise<void>;
}

export class LockReferent implements ConditionLock {
  protected owner: string | null = null;
  protected readonly waiters = new Waiters<string, boolean>();

  take(owner: string, timeout: number | null): Promise<boolean> | boolean {
    if (this.owner === null) {
      this.owner = owner;
      return true;
    }
    if (timeout === 0) return false;
    return this.waiters.park(owner, timeout, () => false);
  }

  protected handOver(): void {
    const next = this.waiters.shift();
    this.owner = next === undefined ? null : next.payload;
    next?.settle(true);
  }

  isOwnedBy(_owner: string): boolean {
    // threading.Condition._is_owned for a plain Lock: "is it locked" (by anyone).
    return this.owner !== null;
  }

  saveAndRelease(_owner: string): number {
    this.handOver();
    return 1;
  }

  async restore(owner: string, _saved: number): Promise<void> {
    await this.take(owner, null);
  }

  call(method: string, args: unknown[], owner: string): unknown {
    switch (method) {
      case 'acquire':
        return this.take(owner, lockTimeout(args[0], args[1], "can't specify a timeout for a non-blocking call"));
      case 'release':
        if (this.owner === null) throw runtimeError('release unlocked lock');
        this.handOver();
        return undefined;
      case 'locked':
        return this.owner !== null;
      case 'repr':
        return `<${this.owner === null ? 'unlocked' : 'locked'} _thread.lock object>`;
      default:
        throw new PyError('AttributeError', `'Lock' object has no attribute '${method}'`);
    }
  }
}

export class RLockReferent extends LockReferent {
  private count = 0;

  override take(owner: string, timeout: number | null): Promise<boolean> | boolean {
    if (this.owner === owner) {
      this.count++;
      return true;
    }
    if (this.owner === null) {
      this.owner = owner;
      this.count = 1;
      return true;
    }
    if (timeout === 0) return false;
    return this.waiters.park(owner, timeout, () => false);
  }

  protected override handOver(): void {
    super.handOver();
    this.count = this.owner === null ? 0 : 1;
  }

  override isOwnedBy(owner: string): boolean {
    return this.owner === owner;
  }

  override saveAndRelease(_owner: string): number {
    const saved = this.count;
    this.handOver();
    return saved;
  }

  override async restore(owner: string, saved: number): Promise<void> {
    await this.take(owner, null);
    this.count = saved;
  }

  override call(method: string, args: unknown[], owner: string): unknown {
    if (method === 'release') {
      if (this.owner !== owner) throw runtimeError('cannot release un-acquired lock');
      if (--this.count === 0) this.handOver();
      return undefined;
    }
    if (method === 'repr') {
      return `<${this.owner === null ? 'unlocked' : 'locked'} _thread.RLock object owner=0 count=${this.count}>`;
    }
    return super.call(method, args, owner);
  }
}

export class SemaphoreReferent implements Referent {
  protected value: number;
  private readonly waiters = new Waiters<null, boolean>();

  constructor(value: unknown = 1) {
    const v = Number(value);
    if (v < 0) throw valueError('semaphore initial value must be >= 0');
    this.value = v;
  }

  protected releaseOne(): void {
    const next = this.waiters.shift();
    if (next !== undefined) next.settle(true);
    else this.value++;
  }

  call(method: string, args: unknown[], _owner?: string): unknown {
    switch (method) {
      case 'acquire': {
        const blocking = args[0] !== false;
        const timeout = args[1] ?? null;
        if (!blocking && timeout !== null) throw valueError("can't specify timeout for non-blocking acquire");
        if (this.value > 0) {
          this.value--;
          return true;
        }
        if (!blocking) return false;
        return this.waiters.park(null, waitTimeout(timeout), () => false);
      }
      case 'release': {
        const n = args[0] === undefined ? 1 : Number(args[0]);
        if (n < 1) throw valueError('n must be one or more');
        for (let i = 0; i < n; i++) this.releaseOne();
        return undefined;
      }
      case 'getValue':
        return this.value;
      case 'repr':
        return `<threading.Semaphore at value=${this.value}>`;
      default:
        throw new PyError('AttributeError', `'Semaphore' object has no attribute '${method}'`);
    }
  }
}

export class BoundedSemaphoreReferent extends SemaphoreReferent {
  private readonly initial: number;

  constructor(value: unknown = 1) {
    super(value);
    this.initial = this.value;
  }

  override call(method: string, args: unknown[], owner: string): unknown {
    if (method === 'release') {
      const n = args[0] === undefined ? 1 : Number(args[0]);
      if (this.value + n > this.initial) throw valueError('Semaphore released too many times');
    }
    return super.call(method, args, owner);
  }
}

export class ConditionReferent implements Referent {
  private readonly lock: ConditionLock;
  private readonly waiters = new Waiters<null, boolean>();

  constructor(lock: ConditionLock) {
    this.lock = lock;
  }

  private async wait(owner: string, timeout: number | null): Promise<boolean> {
    if (!this.lock.isOwnedBy(owner)) throw runtimeError('cannot wait on un-acquired lock');
    const saved = this.lock.saveAndRelease(owner);
    const notified = await this.waiters.park(null, timeout, () => false);
    await this.lock.restore(owner, saved);
    return notified;
  }

  call(method: string, args: unknown[], owner: string): unknown {
    switch (method) {
      case 'acquire':
        return this.lock.call('acquire', args, owner);
      case 'release':
        return this.lock.call('release', args, owner);
      case 'wait':
        return this.wait(owner, waitTimeout(args[0]));
      case 'notify':
      case 'notifyAll': {
        if (!this.lock.isOwnedBy(owner)) throw runtimeError('cannot notify on un-acquired lock');
        let n = method === 'notifyAll' ? Infinity : args[0] === undefined ? 1 : Number(args[0]);
        while (n-- > 0) {
          const next = this.waiters.shift();
          if (next === undefined) break;
          next.settle(true);
        }
        return undefined;
      }
      case 'repr':
        return `<Condition(${String(this.lock.call('repr', [], owner))}, ${this.waiters.size})>`;
      default:
        throw new PyError('AttributeError', `'Condition' object has no attribute '${method}'`);
    }
  }
}

export class EventReferent implements Referent {
  private flag = false;
  private readonly waiters = new Waiters<null, boolean>();

  call(method: string, args: unknown[]): unknown {
    switch (method) {
      case 'isSet':
        return this.flag;
      case 'set':
        this.flag = true;
        for (const w of this.waiters.drain()) w.settle(true);
        return undefined;
      case 'clear':
        this.flag = false;
        return undefined;
      case 'wait':
        if (this.flag) return true;
        return this.waiters.park(null, waitTimeout(args[0]), () => this.flag);
      case 'repr':
        return `<threading.Event: ${this.flag ? 'set' : 'unset'}>`;
      default:
        throw new PyError('AttributeError', `'Event' object has no attribute '${method}'`);
    }
  }
}

const BROKEN = Symbol('broken');

/** threading.Barrier, event-driven: the last arrival releases the round; a timeout or abort breaks it. */
export class BarrierReferent implements Referent {
  private readonly parties: number;
  private readonly timeout: number | null;
  private broken = false;
  private readonly waiters = new Waiters<number, number | typeof BROKEN>();

  constructor(parties: unknown, timeout: unknown = null) {
    this.parties = Number(parties);
    this.timeout = waitTimeout(timeout);
  }

  private breakAll(): void {
    this.broken = true;
    for (const w of this.waiters.drain()) w.settle(BROKEN);
  }

  private async wait(timeout: number | null): Promise<number> {
    if (this.broken) throw new PyError('BrokenBarrierError', '');
    const index = this.waiters.size;
    if (index + 1 === this.parties) {
      for (const w of this.waiters.drain()) w.settle(w.payload);
      return index;
    }
    const outcome = await this.waiters.park(index, timeout ?? this.timeout, () => {
      this.breakAll();
      return BROKEN;
    });
    if (outcome === BROKEN) throw new PyError('BrokenBarrierError', '');
    return outcome;
  }

  call(method: string, args: unknown[]): unknown {
    switch (method) {
      case 'wait':
        return this.wait(waitTimeout(args[0]));
      case 'reset':
        if (this.waiters.size > 0) this.breakAll();
        this.broken = false;
        return undefined;
      case 'abort':
        this.breakAll();
        return undefined;
      case 'parties':
        return this.parties;
      case 'nWaiting':
        return this.broken ? 0 : this.waiters.size;
      case 'broken':
        return this.broken;
      case 'repr':
        return this.broken ? '<threading.Barrier: broken>' : `<threading.Barrier: waiters=${this.waiters.size}/${this.parties}>`;
      default:
        throw new PyError('AttributeError', `'Barrier' object has no attribute '${method}'`);
    }
  }
}
