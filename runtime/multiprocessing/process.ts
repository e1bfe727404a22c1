// multiprocessing.Process: each process is a Node worker thread, a separate V8 isolate with its own heap and
// its own core, so processes really run in parallel and share nothing but what is sent or explicitly shared.
//
// Python's spawn start method is the model: the child imports the target's module again (bundled to plain JS by
// spawn/bundler.ts) and looks the target up by name (spawn/target.ts); arguments are copied (structured clone, with the
// shared runtime objects rebuilt by reduction.ts). Pids are virtual: workers share the real process.pid.
// As in CPython, start() hands the launch to a Popen (spawn/popen.ts), which owns the worker from then on:
// Process keeps Python's API and its checks and asks its Popen for the exit code, waits and signals.
// Timeouts (join(timeout)) use real time: a child does not run on the parent's virtual clock.
import { onAskChildren, onDescribeProgram, onFreshProgram, processInfo, emitLifecycle, type ChildWait } from '../core/index.ts';
import type { ChildMessage } from './spawn/child/protocol.ts';
import { AssertionError, AttributeError, RuntimeError, ValueError } from './errors.ts';
import { addChild, liveChildren, removeChild, takeAllChildren } from './children.ts';
import { orderRootOutput } from './output/root.ts';
import { type BootData, state } from './state.ts';
import { callerModule, modulePathOf } from './spawn/target.ts';
import { BOOTSTRAP_MESSAGE, locateStart, startMessage } from './spawn/launch.ts';
import { Popen, type PreparedStart, type StartFrom } from './spawn/popen.ts';
import { assertPicklable } from './reduction.ts';
import { handOverConnections } from './connection.ts';
import { typeName } from '../python/index.ts';

export type Target = (...args: never[]) => unknown;

export interface ProcessOptions {
  /** An exported top-level function of a module (passed by reference, as Python's spawn pickles it). */
  target?: Target | null;
  args?: readonly unknown[];
  /** Python's keyword arguments: passed to the target as one extra, last argument. */
  kwargs?: Record<string, unknown>;
  name?: string | null;
  /** null: inherit from the current process, as in Python. */
  daemon?: boolean | null;
  /**
   * The module exporting `target` (e.g. `import.meta.url` of that module). Default: the module creating the
   * Process, or one of the modules it imports.
   */
  targetModule?: string | URL;
}


type Status = 'initial' | 'started' | 'stopped' | 'closed';

/** Names of the fields Process itself sets: a subclass's own fields are the others (they travel to the child). */
let baseFields: ReadonlySet<string> | null = null;

/** @internal What the child rebuilds its Process object from (spawn/child/main.ts). */
export interface ChildSide {
  boot: BootData;
  target: Target | null;
  args: readonly unknown[];
  kwargs: Record<string, unknown> | undefined;
  /** The subclass's own fields, already rebuilt (loads). */
  fields: Record<string, unknown>;
}

export class Process {
  private _name: string;
  private _daemon: boolean;
  private _identity: number[];
  private _target: Target | null;
  private _args: readonly unknown[];
  private _kwargs: Record<string, unknown> | undefined;
  private _explicitModule: string | null;
  private _caller: string | null;
  /** The process that created this object: only it may start it (Python's _parent_pid). */
  private _parentPid: number;
  /** True for the object a child rebuilt of itself: it is the current process there. */
  private _isCurrent = false;
  /** @internal What owns the started child's worker (CPython's _popen); null before start() and after close(). */
  protected _popen: Popen | null = null;
  private _pid: number | null = null;
  private _closed = false;

  constructor(options: ProcessOptions = {}) {
    if (typeof options !== 'object' || options === null) {
      throw new TypeError('Process() takes an options object: new Process({ target, args, name, daemon })');
    }
    state.childCounter += 1;
    this._identity = [...state.identity, state.childCounter];
    // Python: type(self).__name__ + '-N', so a subclass MiProceso names its instances MiProceso-N.
    const kind = new.target === Process || new.target.name === '' ? 'Process' : new.target.name;
    this._name = options.name ?? `${kind}-${this._identity.join(':')}`;
    this._daemon = options.daemon ?? state.daemon;
    this._target = options.target ?? null;
    this._args = options.args ?? [];
    this._kwargs = options.kwargs;
    this._explicitModule = options.targetModule === undefined ? null : modulePathOf(options.targetModule);
    this._caller = this._explicitModule === null ? callerModule(new Error().stack) : null;
    this._parentPid = processInfo.pid;
    // A subclass's field initializers run after this constructor returns: every own field now is Process's.
    baseFields ??= new Set(Object.keys(this));
  }

  /**
   * What the child runs (Python's run()). By default it calls the target with args (and kwargs as a last
   * argument). Override it in a subclass, as Python's `class MiProceso(Process): def run(self): ...`; the
   * subclass must be exported from its module (the child finds it by name, as Python unpickles it).
   */
  run(): void | Promise<void> {
    const target = this._target as unknown;
    if (target === null) return;
    if (typeof target !== 'function') throw new TypeError(`'${typeName(target)}' object is not callable`);
    const all = this._kwargs === undefined ? this._args : [...this._args, this._kwargs];
    return (target as (...a: unknown[]) => void | Promise<void>)(...all);
  }

  get name(): string {
    // In the child, its own Process object is the current process: both names are one.
    return this._isCurrent ? processInfo.name : this._name;
  }
  set name(value: string) {
    if (this._isCurrent) processInfo.name = String(value);
    this._name = String(value);
  }

  get daemon(): boolean {
    return this._daemon;
  }
  set daemon(value: boolean) {
    if (this._popen !== null) throw new AssertionError('process has already started');
    this._daemon = Boolean(value);
  }

  /** Virtual pid (unique in the process tree; Node workers share the real pid). null before start(). */
  get pid(): number | null {
    this._checkClosed();
    return this._pid;
  }

  get ident(): number | null {
    return this.pid;
  }

  /** null while running; 0 ok; n for process.exit(n); 1 for an uncaught error; -15 terminate(); -9 kill(). */
  get exitcode(): number | null {
    this._checkClosed();
    return this._popen?.poll() ?? null;
  }

  /** Starts the child. Returns at once; the child runs in parallel (await join() to wait for it). */
  start(): void {
    this._checkClosed();
    if (this._popen !== null) throw new AssertionError('cannot start a process twice');
    if (this._parentPid !== processInfo.pid) {
      throw new AssertionError('can only start a process object created by current process');
    }
    if (state.daemon) throw new AssertionError('daemonic processes are not allowed to have children');
    if (state.bootstrapping) throw new RuntimeError(BOOTSTRAP_MESSAGE);
    // CPython's spawn pickles the process object inside start(): what cannot be sent fails here, at once.
    const sent = this._checkPicklable();
    // The Pipe ends it receives are its own from now on (a second process cannot get the same end).
    const pipeEnds = handOverConnections(sent, this._name);
    liveChildren(); // forget the children that exited (Python's _cleanup)
    orderRootOutput();
    const popen = new Popen({
      name: this._name,
      identity: this._identity,
      daemon: this._daemon,
      start: (boot) => this._startSource(boot),
      onMessage: (message) => this._onChildMessage(message),
    });
    this._popen = popen;
    this._pid = popen.pid;
    emitLifecycle({ kind: 'start', what: 'Process', name: this._name, ...(pipeEnds.length > 0 ? { pipeEnds } : {}) }, Process.prototype.start);
    addChild(this);
  }

  /** @internal How the child starts: Python's run() (the class and target found by name, arguments reduced). */
  protected _startSource(boot: BootData): StartFrom {
    return { run: this._prepareRun(boot) };
  }

  private async _prepareRun(boot: BootData): Promise<() => PreparedStart> {
    const cls = this.constructor as typeof Process;
    const located = await locateStart(
      cls === Process ? null : (cls as unknown as Target),
      this._target,
      this._explicitModule,
      this._caller,
    );
    return () => startMessage(boot, located, this._args, this._kwargs, this._ownFields());
  }

  /** The fields a subclass added (Python pickles the object's __dict__; Process's own state is sent apart). */
  private _ownFields(): Record<string, unknown> {
    const fields: Record<string, unknown> = {};
    for (const key of Object.keys(this)) {
      if (!(baseFields?.has(key) ?? false)) fields[key] = (this as unknown as Record<string, unknown>)[key];
    }
    return fields;
  }

  /** @internal The child's copy of the Process that started it (Python unpickles it; no constructor runs). */
  static _rebuildInChild(cls: typeof Process, side: ChildSide): Process {
    const self = Object.create(cls.prototype) as Process;
    self._initChildSide(side);
    Object.assign(self, side.fields);
    return self;
  }

  private _initChildSide({ boot, target, args, kwargs }: ChildSide): void {
    this._name = boot.name;
    this._daemon = boot.daemon;
    this._identity = boot.identity;
    this._target = target;
    this._args = args;
    this._kwargs = kwargs;
    this._explicitModule = null;
    this._caller = null;
    this._parentPid = boot.parentPid;
    this._isCurrent = true;
    this._popen = null;
    this._pid = boot.pid;
    this._closed = false;
  }

  /** @internal CPython's spawn pickles the process object in start(): what cannot be sent fails there, at once. */
  /** What start() sends to the child, checked as CPython's pickling would: returns the runtime objects found. */
  protected _checkPicklable(): object[] {
    return assertPicklable([this._args, this._kwargs, this._ownFields()]);
  }

  /** @internal A message from the child other than printed output (only a pool worker's child sends any). */
  protected _onChildMessage(_message: ChildMessage): void {}

  /** @internal For hang reports: what this process runs. */
  protected _role(): string {
    return this._target !== null ? `target ${this._target.name || '<lambda>'}` : `${this.constructor.name}.run()`;
  }

  /** Waits until the process ends, or `timeout` seconds (real time) pass: then check exitcode/isAlive(). */
  async join(timeout: number | null = null): Promise<void> {
    this._checkClosed();
    const popen = this._popen;
    if (popen === null) throw new AssertionError('can only join a started process');
    emitLifecycle({ kind: 'join', what: 'Process', name: this._name }, Process.prototype.join);
    const label = timeout === null ? 'Process.join()' : `Process.join(${timeout})`;
    const code = await popen.wait(timeout, `${label} on ${this._name}`);
    if (code !== null) removeChild(this);
  }

  isAlive(): boolean {
    this._checkClosed();
    if (this._isCurrent) return true;
    return this._popen !== null && this._popen.poll() === null;
  }

  /** Python 3.11's snake_case name. */
  is_alive(): boolean {
    return this.isAlive();
  }

  /** @internal For hang reports: "Process-3 (target consumer)", "SpawnPoolWorker-1 (pool worker)". */
  _describe(): string {
    return `${this.name} (${this._role()})`;
  }

  /** Whether its child runs a target or run() and answers "what do you wait on?" (a pool worker does not). */
  protected _answersWaits(): boolean {
    return true;
  }

  /** @internal What the child's threads wait on (hang reports); null if it does not answer within `timeoutMs`. */
  async _askWaits(timeoutMs: number): Promise<ChildWait[] | null> {
    if (this._popen === null || !this._answersWaits()) return null;
    return this._popen.askWaits(timeoutMs);
  }

  /** Stops the child at once (Python sends SIGTERM): exitcode becomes -15. */
  terminate(): void {
    this._stop(-15);
  }

  /** Stops the child at once (Python sends SIGKILL): exitcode becomes -9. */
  kill(): void {
    this._stop(-9);
  }

  private _stop(signal: -15 | -9): void {
    this._checkClosed();
    const popen = this._popen;
    if (popen === null) throw new AttributeError("'NoneType' object has no attribute 'terminate'");
    if (signal === -15) popen.terminate();
    else popen.kill();
  }

  /** Releases the process's resources; most methods raise ValueError afterwards. */
  close(): void {
    if (this._closed) return;
    if (this._popen !== null && this._popen.poll() === null) {
      throw new ValueError(
        'Cannot close a process while it is still running. You should first call join() or terminate().',
      );
    }
    removeChild(this);
    this._popen?.close();
    this._popen = null;
    this._closed = true;
  }

  private _checkClosed(): void {
    if (this._closed) throw new ValueError('process object is closed');
  }

  private _status(): Status {
    if (this._closed) return 'closed';
    if (this._popen === null) return 'initial';
    return this._popen.poll() === null ? 'started' : 'stopped';
  }

  /** Python's repr: <Process name='Process-1' pid=1235 parent=1234 started>. */
  toString(): string {
    const status = this._status();
    let text = `<${this.constructor.name} name='${this._name}'`;
    if (this._pid !== null && status !== 'closed') text += ` pid=${this._pid}`;
    text += ` parent=${processInfo.pid} ${status}`;
    if (status === 'stopped') text += ` exitcode=${exitcodeName(this._popen?.poll() ?? null)}`;
    if (this._daemon) text += ' daemon';
    return `${text}>`;
  }

  /** @internal The promise settled when the worker has exited (its Popen's sentinel). */
  _whenExited(): Promise<void> | null {
    return this._popen?.sentinel ?? null;
  }
}

function exitcodeName(code: number | null): string {
  if (code === -15) return 'SIGTERM';
  if (code === -9) return 'SIGKILL';
  return String(code);
}

// A test boundary (freshProgram) stops what the previous program left running: a hung test's children would
// otherwise keep waiting, hold CPU or fill the next test's activeChildren().
onFreshProgram(() => {
  for (const child of takeAllChildren() as Process[]) {
    try {
      child.terminate();
    } catch {
      // closed, or never started: nothing runs
    }
  }
});

onDescribeProgram(() => activeChildren().map((child) => child._describe()));
onAskChildren((timeoutMs) => Promise.all(activeChildren().map(async (child) => (
  { name: child.name, label: child._describe(), waits: await child._askWaits(timeoutMs) }))));

/** Python's active_children(): the started children still running (finished ones are reaped). */
export function activeChildren(): Process[] {
  return liveChildren() as Process[];
}
