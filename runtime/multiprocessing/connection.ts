// Pipe() and Connection: the two ends of a MessageChannel. Objects are copied (structured clone, with shared
// runtime objects rebuilt by reduction.ts), in order, one recv() per send(). A Connection given to a child
// through Process args moves there (its MessagePort is transferred): unlike a duplicated file descriptor in
// CPython, the parent cannot keep using that same end. recv() and poll(timeout) wait with real time: the other
// end may live in another process, off this process's virtual clock.
import { MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { awaitExternal } from '../core/index.ts';
import { EOFError, OSError } from './errors.ts';
import { dumps, loads, registerReducer, type Pickled } from './reduction.ts';
import { canBlockBriefly } from './synchronize/external.ts';
import { spinWhileEqual } from './channels-spin.ts';

/** Python's BrokenPipeError: send() to an end whose peer is closed. */
export class BrokenPipeError extends OSError {
  override name = 'BrokenPipeError';
}

type Waiter = () => void;

/** What one end of a Pipe can do (CPython's Connection.readable / .writable). */
export interface PipeEnd {
  readable: boolean;
  writable: boolean;
}

const BLOCK_BUDGET_MS = 2;

export class Connection {
  private _port: MessagePort | null;
  private readonly _readable: boolean;
  private readonly _writable: boolean;
  private readonly _inbox: Pickled[] = [];
  private _peerClosed = false;
  private readonly _waiters = new Set<Waiter>();
  /** The process Process.start() handed this end to (it moves there when the child launches), or null. */
  private _handedTo: string | null = null;

  /**
   * Shared by both ends (and the processes they move to). Words 0-1: one per end, bumped by the other end's
   * send(), so a child process can wait for data synchronously. Words 2-3: set once an end is closed, known at
   * once to the other end (the port's 'close' event comes later; see _detach).
   */
  private readonly _signals: Int32Array;
  private readonly _side: 0 | 1;

  constructor(
    port: MessagePort,
    readable: boolean,
    writable: boolean,
    inbox: Pickled[] = [],
    signals: Int32Array = newSignals(),
    side: 0 | 1 = 0,
  ) {
    this._signals = signals;
    this._side = side;
    this._port = port;
    this._readable = readable;
    this._writable = writable;
    this._inbox.push(...inbox);
    port.on('message', (message: Pickled) => {
      this._inbox.push(message);
      this._wake();
    });
    port.on('close', () => {
      this._peerClosed = true;
      this._wake();
    });
    // Only a pending recv()/poll() keeps the program (or a child) alive, not an idle end of a pipe.
    port.unref();
  }

  get readable(): boolean {
    return this._readable;
  }

  get writable(): boolean {
    return this._writable;
  }

  get closed(): boolean {
    return this._port === null || this._handedTo !== null;
  }

  private _open(): MessagePort {
    if (this._handedTo !== null) throw new OSError(handedAway(this._handedTo));
    if (this._port === null) throw new OSError('handle is closed');
    return this._port;
  }

  /**
   * @internal Process.start(): this end now belongs to process `to`. A second hand-over fails at once: CPython
   * would let two processes share the end (and their messages could interleave and corrupt each other), a
   * MessagePort can only live in one process.
   */
  _handOver(to: string): void {
    this._open();
    this._handedTo = to;
  }

  /** @internal Throws what using this end would throw (closed, or handed to another process). */
  _checkOpen(): void {
    this._open();
  }

  /** The other end has closed, maybe in another process, even if its port's 'close' event has not come yet. */
  private _peerFlaggedClosed(): boolean {
    return Atomics.load(this._signals, CLOSED + 1 - this._side) !== 0;
  }

  private _wake(): void {
    for (const waiter of [...this._waiters]) waiter();
  }

  /** Moves messages already queued on the port into the inbox, without waiting for the event loop. */
  private _drain(port: MessagePort): void {
    // Node 20 segfaults reading a port after its 'close' event; by then every message has arrived as an event.
    if (this._peerClosed) return;
    for (let m = receiveMessageOnPort(port); m !== undefined; m = receiveMessageOnPort(port)) {
      this._inbox.push(m.message as Pickled);
    }
  }

  /**
   * In a child process, wait synchronously (up to ~2 ms) for the other end's next send: a request/response
   * exchange then costs no event-loop wake-up. Never on the main thread (it would freeze its green threads).
   * A short spin comes first when the machine has CPUs to spare (channels-spin.ts).
   */
  private _blockBriefly(port: MessagePort): void {
    const deadline = performance.now() + BLOCK_BUDGET_MS;
    while (this._inbox.length === 0 && !this._peerClosed) {
      const seen = Atomics.load(this._signals, this._side);
      this._drain(port);
      if (this._inbox.length > 0) return;
      if (spinWhileEqual(this._signals, this._side, seen)) continue;
      const left = deadline - performance.now();
      if (left <= 0) return;
      Atomics.wait(this._signals, this._side, seen, left);
      this._drain(port);
    }
  }

  /** Sends a copy of `obj` to the other end. */
  send(obj: unknown): void {
    const port = this._open();
    if (!this._writable) throw new OSError('connection is read-only');
    if (this._peerClosed || this._peerFlaggedClosed()) throw new BrokenPipeError('[Errno 32] Broken pipe');
    // Locks, Value/Array and queues raise CPython's RuntimeError: they travel only as Process arguments.
    const { pickled, transfer } = dumps(obj, { spawning: false });
    port.postMessage(pickled, transfer);
    const peer = 1 - this._side;
    Atomics.add(this._signals, peer, 1);
    Atomics.notify(this._signals, peer);
  }

  /** Waits for the next object sent from the other end; EOFError once it is closed and nothing is left. */
  async recv(): Promise<unknown> {
    const port = this._open();
    if (!this._readable) throw new OSError('connection is write-only');
    if (this._inbox.length === 0) {
      const seen = Atomics.load(this._signals, this._side);
      this._drain(port);
      if (this._inbox.length === 0 && !this._peerClosed) {
        if (canBlockBriefly()) this._blockBriefly(port);
        // The main thread never blocks; it may poll briefly when the machine has CPUs to spare (a reply on its
        // way is then read without an event-loop wake-up; see channels-spin.ts).
        else if (spinWhileEqual(this._signals, this._side, seen)) this._drain(port);
      }
    }
    while (this._inbox.length === 0) {
      if (this._peerClosed) throw new EOFError('');
      await this._wait(null, 'Connection.recv()');
      if (this._port === null) throw new OSError('handle is closed');
    }
    return loads(this._inbox.shift() as Pickled);
  }

  /**
   * True if recv() would not wait: data is there, or the other end is closed. `timeout` in seconds (real
   * time): 0 checks without waiting (the default), null waits until one of those happens.
   */
  async poll(timeout: number | null = 0): Promise<boolean> {
    const port = this._open();
    if (!this._readable) throw new OSError('connection is write-only');
    if (this._inbox.length === 0) this._drain(port);
    if (this._inbox.length > 0 || this._peerClosed) return true;
    if (timeout !== null && timeout <= 0) return false;
    await this._wait(timeout, `Connection.poll(${timeout ?? ''})`);
    return this._inbox.length > 0 || this._peerClosed;
  }

  private async _wait(timeout: number | null, what: string): Promise<void> {
    const port = this._open();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let release: Waiter = () => {};
    const woken = new Promise<void>((resolve) => {
      release = resolve;
      this._waiters.add(resolve);
      if (timeout !== null) timer = setTimeout(resolve, timeout * 1000);
    });
    port.ref();
    try {
      await awaitExternal(woken, what);
    } finally {
      this._waiters.delete(release);
      clearTimeout(timer);
      if (this._waiters.size === 0) this._port?.unref();
    }
  }

  /** Closes this end; the other end then sees EOFError after reading what was already sent. */
  close(): void {
    // An end handed to a child belongs to it: closing here closes only this process's view of it, as CPython's
    // parent closes its copy of child_conn after start() (the child keeps its end open).
    if (this._handedTo !== null) return;
    const port = this._port;
    if (port === null) return;
    this._port = null;
    Atomics.store(this._signals, CLOSED + this._side, 1);
    port.close();
    this._wake();
  }

  [Symbol.dispose](): void {
    this.close();
  }

  toString(): string {
    return `<multiprocessing.connection.Connection${this._port === null ? ' (closed)' : ''}>`;
  }

  /**
   * @internal For the reducer: hands the port (and what it already received) to another process. A port whose
   * peer has closed cannot be transferred any more (Node detaches it): then only the received messages travel,
   * and the other side rebuilds an end that reads them and then sees EOF.
   */
  _detach(): DetachedConnection {
    const port = this._port;
    if (port === null) throw new OSError('handle is closed');
    this._drain(port);
    port.removeAllListeners('message');
    port.removeAllListeners('close');
    this._port = null;
    const inbox = this._inbox.splice(0);
    // Node detaches a port as soon as its peer's close is processed, before the 'close' event reaches this
    // end: transferring it then fails with DataCloneError. The peer's flag is set before its close() returns,
    // after everything it sent was queued here, so the drain above has it all.
    if (this._peerClosed || this._peerFlaggedClosed()) {
      port.close();
      return { port: null, inbox, readable: this._readable, writable: this._writable, signals: this._signals, side: this._side };
    }
    return { port, inbox, readable: this._readable, writable: this._writable, signals: this._signals, side: this._side };
  }
}

function handedAway(to: string): string {
  return `handle is closed: this end of the Pipe was handed to ${to} and belongs to it now (two processes using `
    + 'one end at once can corrupt its data; give each process its own Pipe)';
}

/**
 * @internal Process.start(): the Connections among a child's arguments are handed to it (checked at once, as
 * CPython pickles the arguments inside start()). Returns what each end can do, for the lifecycle record.
 */
export function handOverConnections(sent: object[], to: string): PipeEnd[] {
  const ends = sent.filter((obj): obj is Connection => obj instanceof Connection);
  for (const conn of ends) conn._checkOpen(); // all or nothing: a refused start hands nothing over
  for (const conn of ends) conn._handOver(to);
  return ends.map((conn) => ({ readable: conn.readable, writable: conn.writable }));
}

/** The index of end 0's closed flag in the shared signals (end 1's follows). */
const CLOSED = 2;

function newSignals(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4 * Int32Array.BYTES_PER_ELEMENT));
}

interface DetachedConnection {
  signals: Int32Array;
  side: 0 | 1;
  port: MessagePort | null;
  inbox: Pickled[];
  readable: boolean;
  writable: boolean;
}

/**
 * Python's Pipe(duplex=True): two connected ends. With duplex=false the first end only receives and the second
 * only sends.
 */
export function Pipe(duplex = true): [Connection, Connection] {
  const { port1, port2 } = new MessageChannel();
  const signals = newSignals();
  if (duplex) return [new Connection(port1, true, true, [], signals, 0), new Connection(port2, true, true, [], signals, 1)];
  return [new Connection(port1, true, false, [], signals, 0), new Connection(port2, false, true, [], signals, 1)];
}

registerReducer({
  tag: 'mp.Connection',
  type: Connection,
  transfers: true,
  reduce: (conn) => {
    const data = conn._detach();
    return { data, transfer: data.port === null ? [] : [data.port] };
  },
  rebuild: (data) => {
    const d = data as DetachedConnection;
    if (d.port !== null) return new Connection(d.port, d.readable, d.writable, d.inbox, d.signals, d.side);
    const { port1, port2 } = new MessageChannel();
    port2.close();
    return new Connection(port1, d.readable, d.writable, d.inbox, d.signals, d.side);
  },
});
