// Ejercicio 04 · Ciclo de vida de un hilo / Exercise 04 · Thread life cycle.
// Lee README.md (es) o README.en.md (en). / Read README.md (es) or README.en.md (en).
// Puedes importar lo que necesites / import what you need, e.g.:
//   import { Condition, ValueError, currentThread } from '#runtime/threading';
//   import { sleep } from '#runtime/time';
import { Thread, type Event, type ThreadOptions } from '#runtime/threading';

function notImplemented(what: string): Error {
  return new Error(`Aún no implementado / Not implemented yet: ${what}`);
}

export type LifeState = 'created' | 'ready' | 'running' | 'blocked' | 'dead';

// Por dónde empezar / Where to start:
//  1. (es) Un método privado `#enter(state)` que añade el estado a la historia: todo lo demás lo llama.
//     (en) A private `#enter(state)` method that appends the state to the history: everything else calls it.
//  2. (es) `start()`: llama a `super.start()` y, si no lanza, `#enter('ready')`. `run()`: 'running', `super.run()`
//     y 'dead' en un finally. / (en) `start()`: call `super.start()` and, if it does not throw,
//     `#enter('ready')`. `run()`: 'running', `super.run()` and 'dead' in a finally.
//  3. (es) Solo al final, `waitForState` sin sondear: un `Event` por estado que `#enter` activa la primera vez.
//     (en) Only at the end, `waitForState` without polling: one `Event` per state that `#enter` sets the first time.
export class TrackedThread extends Thread {
  constructor(options: ThreadOptions = {}) {
    super(options);
    throw notImplemented('TrackedThread');
  }

  /** The current state. */
  get state(): LifeState {
    throw notImplemented('TrackedThread.state');
  }

  /** Every state gone through, in order, starting with 'created'. */
  get history(): readonly LifeState[] {
    throw notImplemented('TrackedThread.history');
  }

  override start(): void {
    throw notImplemented('TrackedThread.start');
  }

  override async run(): Promise<void> {
    throw notImplemented('TrackedThread.run');
  }

  /** Waits (without polling) until the thread has gone through `state`; false if `timeout` runs out first. */
  waitForState(state: LifeState, timeout: number | null = null): Promise<boolean> {
    void state;
    void timeout;
    throw notImplemented('TrackedThread.waitForState');
  }
}

/** sleep(seconds), marking the calling TrackedThread 'blocked' meanwhile. */
export async function blockedSleep(seconds: number): Promise<void> {
  void seconds;
  throw notImplemented('blockedSleep');
}

/** event.wait(timeout), marking the calling TrackedThread 'blocked' meanwhile. */
export async function blockedWait(event: Event, timeout: number | null = null): Promise<boolean> {
  void event;
  void timeout;
  throw notImplemented('blockedWait');
}
