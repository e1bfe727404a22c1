// multiprocessing.Event on one shared word: 1 when set. wait() sleeps on the word (wait.ts), set() wakes every
// waiter in every process. Timeouts are real seconds.
import { inspect } from 'node:util';
import { deadlineFor, waitWhileEqual } from './wait.ts';

export class Event {
  /** @internal */ readonly flag: Int32Array;

  constructor(shared?: SharedArrayBuffer) {
    this.flag = new Int32Array(shared ?? new SharedArrayBuffer(4));
  }

  isSet(): boolean {
    return Atomics.load(this.flag, 0) === 1;
  }

  set(): void {
    Atomics.store(this.flag, 0, 1);
    Atomics.notify(this.flag, 0);
  }

  clear(): void {
    Atomics.store(this.flag, 0, 0);
  }

  /** Wait until set, or `timeout` seconds (null: forever). Resolves to whether the flag is set. */
  async wait(timeout: number | null = null): Promise<boolean> {
    const deadline = deadlineFor(timeout);
    while (Atomics.load(this.flag, 0) === 0) {
      const result = await waitWhileEqual(this.flag, 0, 0, deadline, 'Event.wait()');
      if (result === 'timed-out') break;
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
