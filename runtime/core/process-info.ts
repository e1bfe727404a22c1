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

export const processInfo: ProcessInfo = {
  name: 'MainProcess',
  pid: process.pid,
  parentPid: process.ppid,
  isMain: true,
};
