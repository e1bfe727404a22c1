// currentProcess(), parentProcess(), cpuCount(): the view of the process tree from inside one process.
import { availableParallelism, cpus } from 'node:os';
import { processInfo } from '../core/index.ts';
import { state } from './state.ts';

/** The process running this code: 'MainProcess' in the main program, 'Process-N' in a child. */
export class CurrentProcess {
  /** The name; assigning it renames the process (logging's %(processName)s follows). */
  get name(): string {
    return processInfo.name;
  }
  set name(value: string) {
    processInfo.name = String(value);
  }

  /** Virtual pid (the real one in the main program). */
  get pid(): number {
    return processInfo.pid;
  }

  get ident(): number {
    return processInfo.pid;
  }

  get daemon(): boolean {
    return state.daemon;
  }

  /** Always null: the current process is running. */
  get exitcode(): null {
    return null;
  }

  isAlive(): boolean {
    return true;
  }

  is_alive(): boolean {
    return true;
  }

  toString(): string {
    const kind = processInfo.isMain ? '_MainProcess' : 'Process';
    const parent = state.parent === null ? 'None' : String(state.parent.pid);
    return `<${kind} name='${processInfo.name}' parent=${parent} started${state.daemon ? ' daemon' : ''}>`;
  }
}

/** The parent of a child process, as seen from the child. */
export class ParentProcess {
  readonly name: string;
  readonly pid: number;
  constructor(name: string, pid: number) {
    this.name = name;
    this.pid = pid;
  }

  get ident(): number {
    return this.pid;
  }

  /** A child's worker ends with its parent, so while this code runs the parent is alive. */
  isAlive(): boolean {
    return true;
  }

  toString(): string {
    return `<_ParentProcess name='${this.name}' parent=None started>`;
  }
}

const current = new CurrentProcess();

export function currentProcess(): CurrentProcess {
  return current;
}

/** The parent process, or null in the main program. */
export function parentProcess(): ParentProcess | null {
  return state.parent === null ? null : new ParentProcess(state.parent.name, state.parent.pid);
}

/** Number of CPUs (Python's os.cpu_count()). */
export function cpuCount(): number {
  return typeof availableParallelism === 'function' ? availableParallelism() : cpus().length;
}
