// multiprocessing.Process: each process is a Node worker thread, a separate V8 isolate with its own heap and
// its own core, so processes really run in parallel and share nothing but what is sent or explicitly shared.
//
// Python's spawn start method is the model: the child imports the target's module again (bundled to plain JS by
// spawn/bundler.ts) and looks the target up by name (spawn/target.ts); arguments are copied (structured clone, with the
// shared runtime objects rebuilt by reduction.ts). Pids are virtual: workers share the real process.pid.
// Timeouts (join(timeout)) use real time: a child does not run on the parent's virtual clock.
import { Worker, type TransferListItem } from 'node:worker_threads';
import { activeCapture, awaitExternal, fiberStorage, onAskChildren, onDescribeProgram, onFreshProgram, processInfo, emitLifecycle, type ChildWait, type ParkedReport } from '../core/index.ts';
import type { AskWaitsMessage, ChildMessage, StartMessage } from './spawn/child/protocol.ts';
import { AssertionError, AttributeError, RuntimeError, ValueError } from './errors.ts';
import { addChild, liveChildren, removeChild, takeAllChildren } from './children.ts';
import { childOutputDone, deliverChildOutput } from './output/relay.ts';
import { orderRootOutput } from './output/root.ts';
import { noteBundle, workerForStart } from './spawn/spare.ts';
import { type BootData, nextPid, state, treeRootPid } from './state.ts';
import { callerModule, modulePathOf } from './spawn/target.ts';
import { BOOTSTRAP_MESSAGE, bundleError, locateStart, startMessage } from './spawn/launch.ts';
import { assertPicklable } from './reduction.ts';
import { handOverConnections } from './connection.ts';
import { formatTraceback } from './traceback.ts';
import { noteProcessEnd, noteProcessStart, raceLogBuffer } from './races.ts';
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
  /** @internal The worker running the child (a pool worker's subclass posts tasks to it). */
  protected _worker: Worker | null = null;
  private _pid: number | null = null;
  private _exitcode: number | null = null;
  private _signalled: number | null = null;
  private _closed = false;
  private _exited: Promise<void> | null = null;
  private _capture: string[] | null = null;
  /** The number of the last chunk received from the child (output/order.ts), and its own slot. */
  private _lastSeq: number | null = null;
  private _outputSlot: Int32Array | null = null;
  /** Callers waiting in join() (they keep a daemon's worker referenced). */
  private _joiners = 0;

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
    if (this._worker !== null) throw new AssertionError('process has already started');
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
    return this._exitcode;
  }

  /** Starts the child. Returns at once; the child runs in parallel (await join() to wait for it). */
  start(): void {
    this._checkClosed();
    if (this._worker !== null) throw new AssertionError('cannot start a process twice');
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
    const pid = nextPid();
    const boot: BootData = {
      name: this._name,
      pid,
      parentPid: processInfo.pid,
      parentName: processInfo.name,
      identity: this._identity,
      daemon: this._daemon,
      pidCounter: state.pidCounter.buffer as SharedArrayBuffer,
      rootPid: treeRootPid(),
      outputSeq: state.outputSeq.buffer as SharedArrayBuffer,
      outputSlot: new SharedArrayBuffer(8),
      env: { ...process.env },
      raceLog: raceLogBuffer(),
    };
    this._outputSlot = new Int32Array(boot.outputSlot);
    // Usually a worker that booted in the background since the last start (spawn/spare.ts).
    const worker = workerForStart();
    this._worker = worker;
    this._pid = pid;
    noteProcessStart(pid, this._name);
    emitLifecycle({ kind: 'start', what: 'Process', name: this._name, ...(pipeEnds.length > 0 ? { pipeEnds } : {}) }, Process.prototype.start);
    this._capture = activeCapture();
    // The timeline draws each child as a lane from its start to its exit (only inside a fiber's scheduler).
    const tracer = fiberStorage.getStore()?.scheduler;
    tracer?.traceProcess(pid, this._name, 'process-start');
    addChild(this);
    this._exited = new Promise<void>((resolve) => {
      worker.on('message', (message: ChildMessage) => {
        if (message.kind === 'out') {
          const { kind: _kind, ...output } = message;
          if (output.seq !== undefined) this._lastSeq = output.seq;
          deliverChildOutput(output, this._capture);
        }
        else if (message.kind === 'waits') this._onWaits(message);
        else this._onChildMessage(message);
      });
      worker.on('error', (error) => {
        // An error that escaped the child's own handling (e.g. in a callback): print it as the child would.
        this._output('stderr', `Process ${this._name}:\n${formatTraceback(error)}`, this._name);
      });
      worker.on('exit', (code) => {
        this._exitcode = this._signalled ?? code;
        noteProcessEnd(pid);
        tracer?.traceProcess(pid, this._name, 'process-exit', `exitcode ${this._exitcode}`);
        // join() returns once the child's output is shown: the parent's next print comes after it.
        const slot = this._outputSlot;
        const lastTaken = slot !== null && Atomics.load(slot, 0) === 1 ? Atomics.load(slot, 1) : null;
        void childOutputDone(this._lastSeq, lastTaken).then(resolve);
      });
    });
    // After the listeners: adding a 'message' listener refs the worker's port again.
    if (this._daemon) worker.unref();
    this._launching = this._launch(worker, boot);
  }

  private async _launch(worker: Worker, boot: BootData): Promise<void> {
    let message: StartMessage;
    let transfer: TransferListItem[];
    try {
      const own = this._ownStartMessage(boot);
      if (own !== null) {
        worker.postMessage(await own);
        return;
      }
      const cls = this.constructor as typeof Process;
      const located = await locateStart(
        cls === Process ? null : (cls as unknown as Target),
        this._target,
        this._explicitModule,
        this._caller,
      );
      ({ message, transfer } = startMessage(boot, located, this._args, this._kwargs, this._ownFields()));
    } catch (error) {
      // Python's child fails to unpickle the target and dies with the traceback: do the same, from here.
      // The parent's own frames mean nothing to the reader: show only the error.
      const shown = error instanceof AttributeError || error instanceof TypeError ? error : bundleError(error);
      shown.stack = `${shown.name}: ${shown.message}`;
      this._output('stderr', formatTraceback(shown), this._name);
      message = { kind: 'fail' };
      transfer = [];
    }
    if (message.kind === 'start') noteBundle(message.entryUrl);
    try {
      worker.postMessage(message, transfer);
    } catch (error) {
      // An argument that cannot be copied (a function, a class instance holding one): Python's pickling error.
      this._output('stderr', `Process ${this._name}:\n${formatTraceback(error)}`, this._name);
      worker.postMessage({ kind: 'fail' } satisfies StartMessage);
    }
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
    this._worker = null;
    this._pid = boot.pid;
    this._exitcode = null;
    this._signalled = null;
    this._closed = false;
    this._exited = null;
    this._capture = null;
    this._lastSeq = null;
    this._outputSlot = null;
  }

  /** @internal CPython's spawn pickles the process object in start(): what cannot be sent fails there, at once. */
  /** What start() sends to the child, checked as CPython's pickling would: returns the runtime objects found. */
  protected _checkPicklable(): object[] {
    return assertPicklable([this._args, this._kwargs, this._ownFields()]);
  }

  /** @internal A start message of the subclass's own (a pool worker's loop), or null for Python's run(). */
  protected _ownStartMessage(_boot: BootData): Promise<StartMessage> | null {
    return null;
  }

  /** @internal A message from the child other than printed output (only a pool worker's child sends any). */
  protected _onChildMessage(_message: ChildMessage): void {}

  /** @internal For hang reports: what this process runs. */
  protected _role(): string {
    return this._target !== null ? `target ${this._target.name || '<lambda>'}` : `${this.constructor.name}.run()`;
  }

  private _output(stream: 'stdout' | 'stderr', text: string, processName: string): void {
    deliverChildOutput({ stream, text, processName }, this._capture);
  }

  /** Waits until the process ends, or `timeout` seconds (real time) pass: then check exitcode/isAlive(). */
  async join(timeout: number | null = null): Promise<void> {
    this._checkClosed();
    if (this._exited === null) throw new AssertionError('can only join a started process');
    emitLifecycle({ kind: 'join', what: 'Process', name: this._name }, Process.prototype.join);
    if (this._exitcode !== null) {
      removeChild(this);
      return;
    }
    const exited = this._exited;
    // A daemon's worker does not keep the program alive, but a join does: else a top-level `await p.join()`
    // would find an empty event loop and Node would end the program mid-await.
    const worker = this._worker;
    if (this._daemon && this._joiners++ === 0) worker?.ref();
    try {
      if (timeout === null) {
        await awaitExternal(exited, `Process.join() on ${this._name}`, { untimed: true });
      } else {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const expired = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, Math.max(0, timeout) * 1000);
        });
        try {
          await awaitExternal(Promise.race([exited, expired]), `Process.join(${timeout}) on ${this._name}`);
        } finally {
          clearTimeout(timer);
        }
      }
    } finally {
      if (this._daemon && --this._joiners === 0) worker?.unref();
    }
    if (this._exitcode !== null) removeChild(this);
  }

  isAlive(): boolean {
    this._checkClosed();
    if (this._isCurrent) return true;
    return this._worker !== null && this._exitcode === null;
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

  /** Answers to _askWaits still awaited. */
  private _waitAsks: Array<(answer: ChildAnswer) => void> = [];
  /** An ask in flight: a terminate() meanwhile (a test's cleanup) waits for the answer, at most its timeout. */
  private _askPending: Promise<unknown> | null = null;
  /** Settles once the start message is posted: the child reads its first message as the start. */
  private _launching: Promise<void> | null = null;

  /**
   * @internal What the child's threads wait on (hang reports) and, with `horizonMs`, whether it is parked for
   * good as far as it can tell (the whole-program hang check); null if it does not answer within `timeoutMs`.
   */
  async _askWaits(timeoutMs: number, horizonMs?: number): Promise<ChildAnswer | null> {
    const worker = this._worker;
    if (worker === null || this._exitcode !== null || !this._answersWaits()) return null;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), timeoutMs);
    });
    const answer = (async (): Promise<ChildAnswer> => {
      await this._launching;
      return new Promise((resolve) => {
        this._waitAsks.push(resolve);
        worker.postMessage({ kind: 'ask-waits', ...(horizonMs === undefined ? {} : { horizonMs }) } satisfies AskWaitsMessage);
      });
    })();
    const asked = Promise.race([answer, late]);
    // Only a hang report's ask holds back a terminate(): the hang check's probes never delay a test's cleanup.
    if (horizonMs === undefined) this._askPending = asked;
    try {
      return await asked;
    } finally {
      clearTimeout(timer);
      if (this._askPending === asked) this._askPending = null;
    }
  }

  private _onWaits(message: { waits: ChildWait[]; parked?: ParkedReport }): void {
    for (const answer of this._waitAsks.splice(0)) answer({ waits: message.waits, parked: message.parked ?? null });
  }

  /** Stops the child at once (Python sends SIGTERM): exitcode becomes -15. */
  terminate(): void {
    this._stop(-15);
  }

  /** Stops the child at once (Python sends SIGKILL): exitcode becomes -9. */
  kill(): void {
    this._stop(-9);
  }

  private _stop(signal: number): void {
    this._checkClosed();
    if (this._worker === null) throw new AttributeError("'NoneType' object has no attribute 'terminate'");
    if (this._exitcode !== null || this._signalled !== null) return;
    this._signalled = signal;
    const worker = this._worker;
    // A hang report is asking what the child waits on: let it answer first (bounded by the ask's timeout).
    if (this._askPending !== null) void this._askPending.then(() => worker.terminate());
    else void worker.terminate();
  }

  /** Releases the process's resources; most methods raise ValueError afterwards. */
  close(): void {
    if (this._closed) return;
    if (this._worker !== null && this._exitcode === null) {
      throw new ValueError(
        'Cannot close a process while it is still running. You should first call join() or terminate().',
      );
    }
    removeChild(this);
    this._worker = null;
    this._closed = true;
  }

  private _checkClosed(): void {
    if (this._closed) throw new ValueError('process object is closed');
  }

  private _status(): Status {
    if (this._closed) return 'closed';
    if (this._worker === null) return 'initial';
    return this._exitcode === null ? 'started' : 'stopped';
  }

  /** Python's repr: <Process name='Process-1' pid=1235 parent=1234 started>. */
  toString(): string {
    const status = this._status();
    let text = `<${this.constructor.name} name='${this._name}'`;
    if (this._pid !== null && status !== 'closed') text += ` pid=${this._pid}`;
    text += ` parent=${processInfo.pid} ${status}`;
    if (status === 'stopped') text += ` exitcode=${exitcodeName(this._exitcode)}`;
    if (this._daemon) text += ' daemon';
    return `${text}>`;
  }

  /** @internal The promise settled when the worker has exited. */
  _whenExited(): Promise<void> | null {
    return this._exited;
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
onAskChildren((timeoutMs, horizonMs) => Promise.all(activeChildren().map(async (child) => {
  const answer = await child._askWaits(timeoutMs, horizonMs);
  const waits = answer?.waits ?? null;
  return { name: child.name, label: child._describe(), waits, ...(horizonMs === undefined ? {} : { parked: answer?.parked ?? null }) };
})));

/** A child's answer to "what do you wait on?" (and, when asked, whether it is parked for good). */
interface ChildAnswer {
  waits: ChildWait[];
  parked: ParkedReport | null;
}

/** Python's active_children(): the started children still running (finished ones are reaped). */
export function activeChildren(): Process[] {
  return liveChildren() as Process[];
}
