// Messages between a parent and a child process's worker (over the worker's own parentPort).
import type { Pickled } from '../reduction.ts';
import type { Stream } from '../output.ts';

/** Parent -> child, once: what to run, or that the target could not be found (the parent printed why). */
export type StartMessage =
  | { kind: 'start'; entryUrl: string; modulePath: string; exportName: string; args: Pickled; kwargs: Pickled }
  | { kind: 'fail' };

/** Child -> parent: printed text, relayed as it is written. */
export interface OutputMessage {
  kind: 'out';
  stream: Stream;
  text: string;
  processName: string;
}

export type ChildMessage = OutputMessage;
