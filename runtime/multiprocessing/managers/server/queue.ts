// The server's queue.Queue (manager.Queue() / manager.JoinableQueue()): bounded FIFO with blocking put/get,
// task_done and join, and Python's Empty/Full/ValueError.
import type { Referent } from './data.ts';
import { PyError, valueError } from './errors.ts';
import { Waiters } from './waiters.ts';

const TIMED_OUT = Symbol('timed out');

function timeoutOf(block: unknown, timeout: unknown): number | null {
  if (block === false) return 0;
  if (timeout === null || timeout === undefined) return null;
  const t = Number(timeout);
  if (t < 0) throw valueError("'timeout' must be a non-negative number");
  return t;
}

export class QueueReferent implements Referent {
  private readonly maxsize: number;
  private readonly items: unknown[] = [];
  private head = 0;
  private unfinished = 0;
  private readonly getters = new Waiters<null, unknown>();
  private readonly putters = new Waiters<unknown, boolean | typeof TIMED_OUT>();
  private readonly joiners = new Waiters<null, undefined>();

  constructor(maxsize: unknown = 0) {
    this.maxsize = Number(maxsize ?? 0);
  }

  private get size(): number {
    return this.items.length - this.head;
  }

  private full(): boolean {
    return this.maxsize > 0 && this.size >= this.maxsize;
  }

  private take(): unknown {
    const item = this.items[this.head];
    this.items[this.head++] = undefined;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items.splice(0, this.head);
      this.head = 0;
    }
    // Room freed: let the first blocked producer in.
    const putter = this.putters.shift();
    if (putter !== undefined) {
      this.enqueue(putter.payload);
      putter.settle(true);
    }
    return item;
  }

  private enqueue(item: unknown): void {
    this.unfinished++;
    const getter = this.getters.shift();
    if (getter !== undefined) getter.settle(item);
    else this.items.push(item);
  }

  private async put(item: unknown, timeout: number | null): Promise<undefined> {
    if (!this.full()) {
      this.enqueue(item);
      return undefined;
    }
    if (timeout === 0) throw new PyError('Full', '');
    const outcome = await this.putters.park(item, timeout, () => TIMED_OUT);
    if (outcome === TIMED_OUT) throw new PyError('Full', '');
    return undefined;
  }

  private async get(timeout: number | null): Promise<unknown> {
    if (this.size > 0) return this.take();
    if (timeout === 0) throw new PyError('Empty', '');
    const outcome = await this.getters.park(null, timeout, () => TIMED_OUT);
    if (outcome === TIMED_OUT) throw new PyError('Empty', '');
    return outcome;
  }

  call(method: string, args: unknown[]): unknown {
    switch (method) {
      case 'put':
        return this.put(args[0], timeoutOf(args[1], args[2]));
      case 'putNowait':
        return this.put(args[0], 0);
      case 'get':
        return this.get(timeoutOf(args[0], args[1]));
      case 'getNowait':
        return this.get(0);
      case 'qsize':
        return this.size;
      case 'empty':
        return this.size === 0;
      case 'full':
        return this.full();
      case 'taskDone':
        if (this.unfinished <= 0) throw valueError('task_done() called too many times');
        if (--this.unfinished === 0) for (const j of this.joiners.drain()) j.settle(undefined);
        return undefined;
      case 'join':
        return this.unfinished === 0 ? undefined : this.joiners.park(null, null, () => undefined);
      case 'repr':
        return '<queue.Queue object>';
      default:
        throw new PyError('AttributeError', `'Queue' object has no attribute '${method}'`);
    }
  }
}
