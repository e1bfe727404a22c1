// A FIFO of parked requests inside the server, each settled by a wake-up or by its timeout (real seconds).
export interface Waiter<P, R> {
  payload: P;
  settle(result: R): void;
}

export class Waiters<P, R> {
  private readonly list: Array<Waiter<P, R>> = [];

  /** Park until woken with a result, or until `timeout` seconds pass (then `onTimeout()` gives the result). */
  park(payload: P, timeout: number | null, onTimeout: () => R): Promise<R> {
    return new Promise<R>((resolve) => {
      let timer: ReturnType<typeof setTimeout> | null = null;
      const waiter: Waiter<P, R> = {
        payload,
        settle: (result) => {
          if (timer !== null) clearTimeout(timer);
          resolve(result);
        },
      };
      this.list.push(waiter);
      if (timeout !== null) {
        timer = setTimeout(() => {
          const i = this.list.indexOf(waiter);
          if (i >= 0) this.list.splice(i, 1);
          resolve(onTimeout());
        }, Math.max(0, timeout) * 1000);
      }
    });
  }

  /** Remove and return the first waiter (the caller settles it). */
  shift(): Waiter<P, R> | undefined {
    return this.list.shift();
  }

  /** Remove and return every waiter. */
  drain(): Array<Waiter<P, R>> {
    return this.list.splice(0, this.list.length);
  }

  get size(): number {
    return this.list.length;
  }
}
