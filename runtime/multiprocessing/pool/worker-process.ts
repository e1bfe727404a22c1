// A Pool's worker: a daemon Process whose child runs the pool's task loop (spawn/child/pool-worker.ts) instead
// of a target, so Process itself has no pool mode. The pool posts tasks to it and holds it alive while busy,
// through the Popen that owns its worker (spawn/popen.ts), as for any process.
import type { TransferListItem } from 'node:worker_threads';
import { Process, type Target } from '../process.ts';
import type { ChildMessage, PoolMessage, ReadyMessage, ResultMessage } from '../spawn/child/protocol.ts';
import type { StartFrom } from '../spawn/popen.ts';
import { poolStartMessage } from '../spawn/launch.ts';
import type { BootData } from '../state.ts';

/** What the pool hands its worker: the initializer to run first, and where the worker's messages go. */
export interface PoolWorkerSetup {
  initializer: Target | null;
  initargs: readonly unknown[];
  /** Where the Pool was created (to find the initializer's module). */
  caller: string | null;
  onMessage: (message: ReadyMessage | ResultMessage) => void;
}

export class PoolWorkerProcess extends Process {
  private readonly _setup: PoolWorkerSetup;

  constructor(setup: PoolWorkerSetup) {
    super({ daemon: true });
    this._setup = setup;
  }

  /** Nothing of the user's travels at start (tasks are checked as they are sent). */
  protected override _checkPicklable(): object[] {
    return [];
  }

  /** Its child runs the pool's task loop, not run(). */
  protected override _startSource(boot: BootData): StartFrom {
    return { own: poolStartMessage(boot, this._setup.initializer, this._setup.initargs, this._setup.caller) };
  }

  protected override _onChildMessage(message: ChildMessage): void {
    this._setup.onMessage(message as ReadyMessage | ResultMessage);
  }

  /** It runs tasks, not a program of the user's: a hang report does not ask it what it waits on. */
  protected override _answersWaits(): boolean {
    return false;
  }

  protected override _role(): string {
    return 'pool worker';
  }

  /** Sends a message to the worker's task loop. */
  post(message: PoolMessage, transfer: readonly TransferListItem[] = []): void {
    this._popen?.post(message, transfer);
  }

  /** Whether this worker keeps the program alive (a pool holds its daemon workers while busy). */
  keepAlive(on: boolean): void {
    this._popen?.keepAlive(on);
  }
}
