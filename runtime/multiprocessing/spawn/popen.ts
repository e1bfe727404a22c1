// The object that owns a started child's worker (CPython's multiprocessing.popen_spawn_posix.Popen: Process.start()
// does `self._popen = self._Popen(self)` and asks it for the pid, the exit code, waits and signals).
//
// It launches the child (boot data, a worker from spawn/spare.ts, the start message), handles what the child
// sends (printed output, answers to "what do you wait on?", the rest to its owner), keeps the exit code
// (terminate()/kill() set the signal's) and waits for the exit. Process keeps Python's public API and its checks;
// a Pool's worker process uses the same object to post tasks.
import { Worker, type TransferListItem } from 'node:worker_threads';
import { activeCapture, awaitExternal, fiberStorage, processInfo, type ChildWait } from '../../core/index.ts';
import type { AskWaitsMessage, ChildMessage, StartMessage } from './child/protocol.ts';
import { AttributeError } from '../errors.ts';
import { childOutputDone, deliverChildOutput } from '../output/relay.ts';
import { noteBundle, workerForStart } from './spare.ts';
import { type BootData, nextPid, state, treeRootPid } from '../state.ts';
import { bundleError } from './launch.ts';
import { formatTraceback } from '../traceback.ts';
import { noteProcessEnd, noteProcessStart, raceLogBuffer } from '../races.ts';

/** A start message and the ports it moves to the child. */
export interface PreparedStart {
  message: StartMessage;
  transfer: TransferListItem[];
}

/**
 * How the child starts: `run` (Python's run(): once the target's and class's modules are found and bundled, a
 * function that reduces the arguments, called right before posting so that a Connection's port is never
 * detached from its listener while messages can still arrive), or `own` (a start message of the owner's, such
 * as a pool worker's task loop, posted as it is).
 */
export type StartFrom = { run: Promise<() => PreparedStart> } | { own: Promise<StartMessage> };

export interface PopenOptions {
  name: string;
  identity: number[];
  daemon: boolean;
  /** Called once, with the child's boot data, when the launch begins. */
  start: (boot: BootData) => StartFrom;
  /** A message from the child other than printed output and wait answers (only a pool worker's child sends any). */
  onMessage: (message: ChildMessage) => void;
}

export class Popen {
  /** Virtual pid (unique in the process tree; Node workers share the real pid). */
  readonly pid: number;
  private readonly _name: string;
  private readonly _daemon: boolean;
  private _worker: Worker | null;
  private _returncode: number | null = null;
  private _signalled: number | null = null;
  private readonly _exited: Promise<void>;
  private readonly _capture: string[] | null;
  /** The number of the last chunk received from the child (output/order.ts), and its own slot. */
  private _lastSeq: number | null = null;
  private readonly _outputSlot: Int32Array;
  /** Callers waiting in wait() (they keep a daemon's worker referenced). */
  private _waiters = 0;
  /** Answers to askWaits still awaited. */
  private _waitAsks: Array<(waits: ChildWait[]) => void> = [];
  /** An ask in flight: a terminate() meanwhile (a test's cleanup) waits for the answer, at most its timeout. */
  private _askPending: Promise<unknown> | null = null;
  /** Settles once the start message is posted: the child reads its first message as the start. */
  private readonly _launching: Promise<void>;

  /** Launches the child: returns at once, the start message follows when its modules are bundled. */
  constructor({ name, identity, daemon, start, onMessage }: PopenOptions) {
    this._name = name;
    this._daemon = daemon;
    const pid = nextPid();
    this.pid = pid;
    const boot: BootData = {
      name,
      pid,
      parentPid: processInfo.pid,
      parentName: processInfo.name,
      identity,
      daemon,
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
    noteProcessStart(pid, name);
    this._capture = activeCapture();
    // The timeline draws each child as a lane from its start to its exit (only inside a fiber's scheduler).
    const tracer = fiberStorage.getStore()?.scheduler;
    tracer?.traceProcess(pid, name, 'process-start');
    this._exited = new Promise<void>((resolve) => {
      worker.on('message', (message: ChildMessage) => {
        if (message.kind === 'out') {
          const { kind: _kind, ...output } = message;
          if (output.seq !== undefined) this._lastSeq = output.seq;
          deliverChildOutput(output, this._capture);
        }
        else if (message.kind === 'waits') this._onWaits(message.waits);
        else onMessage(message);
      });
      worker.on('error', (error) => {
        // An error that escaped the child's own handling (e.g. in a callback): print it as the child would.
        this._stderr(`Process ${name}:\n${formatTraceback(error)}`);
      });
      worker.on('exit', (code) => {
        this._returncode = this._signalled ?? code;
        noteProcessEnd(pid);
        tracer?.traceProcess(pid, name, 'process-exit', `exitcode ${this._returncode}`);
        // join() returns once the child's output is shown: the parent's next print comes after it.
        const slot = this._outputSlot;
        const lastTaken = Atomics.load(slot, 0) === 1 ? Atomics.load(slot, 1) : null;
        void childOutputDone(this._lastSeq, lastTaken).then(resolve);
      });
    });
    // After the listeners: adding a 'message' listener refs the worker's port again.
    if (daemon) worker.unref();
    this._launching = this._launch(worker, boot, start);
  }

  private async _launch(worker: Worker, boot: BootData, start: PopenOptions['start']): Promise<void> {
    let prepared: PreparedStart;
    try {
      const source = start(boot);
      if ('own' in source) {
        worker.postMessage(await source.own);
        return;
      }
      const reduce = await source.run;
      prepared = reduce();
    } catch (error) {
      // Python's child fails to unpickle the target and dies with the traceback: do the same, from here.
      // The parent's own frames mean nothing to the reader: show only the error.
      const shown = error instanceof AttributeError || error instanceof TypeError ? error : bundleError(error);
      shown.stack = `${shown.name}: ${shown.message}`;
      this._stderr(formatTraceback(shown));
      prepared = { message: { kind: 'fail' }, transfer: [] };
    }
    const { message, transfer } = prepared;
    if (message.kind === 'start') noteBundle(message.entryUrl);
    try {
      worker.postMessage(message, transfer);
    } catch (error) {
      // An argument that cannot be copied (a function, a class instance holding one): Python's pickling error.
      this._stderr(`Process ${this._name}:\n${formatTraceback(error)}`);
      worker.postMessage({ kind: 'fail' } satisfies StartMessage);
    }
  }

  private _stderr(text: string): void {
    deliverChildOutput({ stream: 'stderr', text, processName: this._name }, this._capture);
  }

  /** null while the child runs; else its exit code (-15 after terminate(), -9 after kill()). */
  get returncode(): number | null {
    return this._returncode;
  }

  /** CPython's Popen.poll(): the exit code, or null while the child runs. */
  poll(): number | null {
    return this._returncode;
  }

  /** Settles when the child has exited and its output is shown (CPython waits on Popen.sentinel). */
  get sentinel(): Promise<void> {
    return this._exited;
  }

  /**
   * Waits until the child ends, or `timeout` seconds (real time) pass; returns the exit code (null on timeout).
   * `caller` names the wait in hang reports ("Process.join() on Process-1").
   */
  async wait(timeout: number | null, caller: string): Promise<number | null> {
    if (this._returncode !== null) return this._returncode;
    // A daemon's worker does not keep the program alive, but a wait does: else a top-level `await p.join()`
    // would find an empty event loop and Node would end the program mid-await.
    const worker = this._worker;
    if (this._daemon && this._waiters++ === 0) worker?.ref();
    try {
      if (timeout === null) {
        await awaitExternal(this._exited, caller);
      } else {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const expired = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, Math.max(0, timeout) * 1000);
        });
        try {
          await awaitExternal(Promise.race([this._exited, expired]), caller);
        } finally {
          clearTimeout(timer);
        }
      }
    } finally {
      if (this._daemon && --this._waiters === 0) worker?.unref();
    }
    return this._returncode;
  }

  /** What the child's threads wait on (hang reports); null if it does not answer within `timeoutMs`. */
  async askWaits(timeoutMs: number): Promise<ChildWait[] | null> {
    const worker = this._worker;
    if (worker === null || this._returncode !== null) return null;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), timeoutMs);
    });
    const answer = (async (): Promise<ChildWait[]> => {
      await this._launching;
      return new Promise((resolve) => {
        this._waitAsks.push(resolve);
        worker.postMessage({ kind: 'ask-waits' } satisfies AskWaitsMessage);
      });
    })();
    const asked = Promise.race([answer, late]);
    this._askPending = asked;
    try {
      return await asked;
    } finally {
      clearTimeout(timer);
      if (this._askPending === asked) this._askPending = null;
    }
  }

  private _onWaits(waits: ChildWait[]): void {
    for (const answer of this._waitAsks.splice(0)) answer(waits);
  }

  /** Stops the child at once (CPython sends SIGTERM): the exit code becomes -15. */
  terminate(): void {
    this._stop(-15);
  }

  /** Stops the child at once (CPython sends SIGKILL): the exit code becomes -9. */
  kill(): void {
    this._stop(-9);
  }

  private _stop(signal: number): void {
    const worker = this._worker;
    if (worker === null || this._returncode !== null || this._signalled !== null) return;
    this._signalled = signal;
    // A hang report is asking what the child waits on: let it answer first (bounded by the ask's timeout).
    if (this._askPending !== null) void this._askPending.then(() => worker.terminate());
    else void worker.terminate();
  }

  /** Sends a message to the child (a pool worker's task loop). */
  post(message: unknown, transfer: readonly TransferListItem[] = []): void {
    this._worker?.postMessage(message, transfer);
  }

  /** Whether the worker keeps the program alive (a pool holds its daemon workers while busy). */
  keepAlive(on: boolean): void {
    if (on) this._worker?.ref();
    else this._worker?.unref();
  }

  /** Forgets the worker (Process.close(), once the child has exited). */
  close(): void {
    this._worker = null;
  }
}
