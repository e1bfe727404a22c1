// This isolate's place in the process tree: who we are, our parent, our children, and the counters that name
// and number new processes. The main program fills it with defaults; a child's bootstrap (spawn/child/main.ts)
// overwrites it from the data its parent sent, before the target's module is imported.
import { processInfo } from '../core/index.ts';
import { adoptRaceLog } from './races.ts';

/** What a parent tells a child about itself when starting it (structured-cloned into workerData). */
export interface BootData {
  name: string;
  pid: number;
  parentPid: number;
  parentName: string;
  /** Python's _identity: (1,) for Process-1, (1, 2) for its second child Process-1:2. */
  identity: number[];
  daemon: boolean;
  /** One counter shared by the whole process tree, so virtual pids never repeat. */
  pidCounter: SharedArrayBuffer;
  /** The main program's pid: virtual pids count up from it. */
  rootPid: number;
  /** One counter shared by the whole process tree: every printed chunk takes a number (output/order.ts). */
  outputSeq: SharedArrayBuffer;
  /** This child's own slot: [1 once it printed, the number it took last] (read by the parent at its exit). */
  outputSlot: SharedArrayBuffer;
  /** The parent's environment at start(), as CPython's spawn passes it (a spare worker booted earlier). */
  env?: Record<string, string | undefined>;
  /** The tree's race-detection log (races.ts), when a test turned detection on. */
  raceLog?: SharedArrayBuffer;
}

export interface ProcessState {
  identity: number[];
  /** Python's itertools.count(1) in multiprocessing.process: numbers Process-N and pool workers. */
  childCounter: number;
  daemon: boolean;
  /** True while a child imports its target's module: starting a process then is the spawn fork-bomb. */
  bootstrapping: boolean;
  pidCounter: Int32Array;
  /** Numbers printed chunks across the process tree (created by the main program, adopted by children). */
  outputSeq: Int32Array;
  parent: { name: string; pid: number } | null;
  /** The main program's pid: virtual pids count up from it. */
  rootPid: number;
}

// One state per isolate, shared by every copy of the runtime it loads (see core/process-info.ts).
const KEY = Symbol.for('concurrency-course.mp.state');

export const state: ProcessState = ((globalThis as { [KEY]?: ProcessState })[KEY] ??= {
  identity: [],
  childCounter: 0,
  daemon: false,
  bootstrapping: false,
  pidCounter: new Int32Array(new SharedArrayBuffer(4)),
  outputSeq: new Int32Array(new SharedArrayBuffer(4)),
  parent: null,
  rootPid: processInfo.pid,
});

/** Virtual pids: the main program keeps its real pid; descendants get the numbers that follow it. */
export function nextPid(): number {
  return state.rootPid + Atomics.add(state.pidCounter, 0, 1) + 1;
}

/** The main program's pid, handed down so grandchildren number themselves from the same base. */
export function treeRootPid(): number {
  return state.rootPid;
}

/** Called by the child bootstrap with what its parent sent. */
export function adoptBootData(boot: BootData): void {
  processInfo.name = boot.name;
  processInfo.pid = boot.pid;
  processInfo.parentPid = boot.parentPid;
  processInfo.isMain = false;
  state.identity = boot.identity;
  state.childCounter = 0;
  state.daemon = boot.daemon;
  state.pidCounter = new Int32Array(boot.pidCounter);
  state.outputSeq = new Int32Array(boot.outputSeq);
  state.parent = { name: boot.parentName, pid: boot.parentPid };
  state.rootPid = boot.rootPid;
  adoptRaceLog(boot.raceLog);
}
