// multiprocessing.Event on one shared word: 1 when set. wait() parks on the word (parking.ts), set() wakes every
// waiter in every process. A timeout runs on the scheduler's clock while only this process can set the event,
// on real time while another process may (budget.ts).
import { inspect } from 'node:util';
import { Budget } from './budget.ts';
import { markShared, notifyWord, park } from './parking.ts';

const WAIT: { what: string; trackSite: true } = { what: 'Event.wait()', trackSite: true };

export class Event {
  /** @internal */ readonly flag: Int32Array;

  /** @internal `shared`: the word of an Event received from another process. */
  constructor(shared?: SharedArrayBuffer) {
    if (shared !== undefined) markShared(shared);
    this.flag = new Int32Array(shared ?? new SharedArrayBuffer(4));
  }

  isSet(): boolean {
    return Atomics.load(this.flag, 0) === 1;
  }

  set(): void {
    Atomics.store(this.flag, 0, 1);
    notifyWord(this.flag, 0, Infinity);
  }

  clear(): void {
    Atomics.store(this.flag, 0, 0);
  }

  /** Wait until set, or `timeout` seconds (null: forever). Resolves to whether the flag is set. */
  async wait(timeout: number | null = null): Promise<boolean> {
    if (Atomics.load(this.flag, 0) === 1) return true;
    const budget = new Budget(timeout);
    while (Atomics.load(this.flag, 0) === 0) {
      if ((await park(this.flag, 0, 0, budget, WAIT)) === 'timed-out') break;
    }
    return this.isSet();
  }

  toString(): string {
    return `<Event ${this.isSet() ? 'set' : 'unset'}>`;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}
