// Messages between a parent and a child process's worker (over the worker's own parentPort).
import type { Pickled } from '../../reduction.ts';
import type { Stream } from '../../output/relay.ts';
import type { BootData } from '../../state.ts';
import type { ChildWait, ParkedReport } from '../../../core/index.ts';

/** Where a function lives: the bundle to import in the child, and its export name. */
export interface FunctionRef {
  entryUrl: string;
  modulePath: string;
  exportName: string;
}

/**
 * Parent -> child, once: what to run, or that the target could not be found (the parent printed why).
 * 'start': the child imports `entryUrl` (the bundle of the subclass's module, else of the target's), rebuilds
 * the Process object (its class `cls`, or Process itself; `fields` are a subclass's own fields) and calls run().
 */
export type StartMessage =
  | {
      kind: 'start';
      /** Who the child is (it may have booted before it was chosen: spare.ts). */
      boot: BootData;
      entryUrl: string;
      cls: FunctionRef | null;
      target: FunctionRef | null;
      args: Pickled;
      kwargs: Pickled;
      fields: Pickled;
    }
  | { kind: 'pool'; boot: BootData; entryUrl: string; initializer: FunctionRef | null; initargs: Pickled }
  | { kind: 'fail' };

/** Parent -> pool worker: run `fn` over a chunk of items (each item is the argument, or the argument list). */
export interface TaskMessage {
  kind: 'task';
  job: number;
  chunk: number;
  fn: FunctionRef;
  star: boolean;
  items: Pickled;
}

/** Parent -> pool worker: finish the tasks already sent, then exit. */
export interface StopMessage {
  kind: 'stop';
}

export type PoolMessage = TaskMessage | StopMessage;

/** An error raised in a child, as it travels back (Python sends the exception and its formatted traceback). */
export interface RemoteErrorInfo {
  name: string;
  message: string;
  traceback: string;
}

/** Child -> parent: printed text, relayed as it is written. */
export interface OutputMessage {
  kind: 'out';
  stream: Stream;
  text: string;
  processName: string;
  /** The tree-wide number the chunk took when printed (output/order.ts). */
  seq?: number;
  /** The number `seq` was consumed in a child (its own capture): the main program must not wait for it. */
  skip?: true;
}

/** Pool worker -> parent: the initializer ran, tasks may come. */
export interface ReadyMessage {
  kind: 'ready';
}

/** Pool worker -> parent: a chunk's results, or the error that stopped it. */
export type ResultMessage =
  | { kind: 'result'; job: number; chunk: number; ok: true; value: Pickled }
  | { kind: 'result'; job: number; chunk: number; ok: false; error: RemoteErrorInfo };

/** Parent -> child, at a hang report: what do your threads wait on? */
export interface AskWaitsMessage {
  kind: 'ask-waits';
  /** Also answer whether this process is parked for good, counting timers due within this many ms. */
  horizonMs?: number;
}

/** Child -> parent: the answer (see core/child-waits.ts). */
export interface WaitsMessage {
  kind: 'waits';
  waits: ChildWait[];
  parked?: ParkedReport;
}

export type ChildMessage = OutputMessage | ReadyMessage | ResultMessage | WaitsMessage;
