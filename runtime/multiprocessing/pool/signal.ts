// How a pool's results are waited for. A process Pool's results arrive as messages from other isolates: the
// wait is external to the scheduler and its timeout is real time. A ThreadPool's results come from green
// threads of this very scheduler: there the wait is a threading.Event (scheduler clock, deadlock reports).
import { awaitExternal } from '../../core/index.ts';

export interface DoneSignal {
  set(): void;
  isSet(): boolean;
  /** True once set; false if `timeout` seconds passed first (null: no limit). */
  wait(timeout: number | null, what: string): Promise<boolean>;
}

/** Settled by messages from other processes. */
export class ExternalSignal implements DoneSignal {
  private _set = false;
  private readonly _waiters = new Set<() => void>();

  set(): void {
    if (this._set) return;
    this._set = true;
    for (const wake of this._waiters) wake();
    this._waiters.clear();
  }

  isSet(): boolean {
    return this._set;
  }

  async wait(timeout: number | null, what: string): Promise<boolean> {
    if (this._set) return true;
    if (timeout !== null && timeout <= 0) return false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let wake: () => void = () => {};
    const woken = new Promise<void>((resolve) => {
      wake = resolve;
      this._waiters.add(resolve);
      if (timeout !== null) timer = setTimeout(resolve, timeout * 1000);
    });
    try {
      await awaitExternal(woken, what);
    } finally {
      clearTimeout(timer);
      this._waiters.delete(wake);
    }
    return this._set;
  }
}
