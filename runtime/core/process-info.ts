// Identity of the current (virtual) process. The main program is `MainProcess`; a child process started by
// #runtime/multiprocessing overwrites these fields in its worker before the target's module is imported.
// Node workers share process.pid, so pids are virtual (documented in README).
export interface ProcessInfo {
  name: string;
  pid: number;
  parentPid: number | null;
  /** True while this is the main program (not a child process). */
  isMain: boolean;
}

// One identity per isolate, however many copies of the runtime it loads (a program bundled with the runtime
// inside, whose child also loads the runtime's own child bootstrap): they all read the same object.
const KEY = Symbol.for('concurrency-course.processInfo');

export const processInfo: ProcessInfo = ((globalThis as { [KEY]?: ProcessInfo })[KEY] ??= {
  name: 'MainProcess',
  pid: process.pid,
  parentPid: process.ppid,
  isMain: true,
});
