// Pipe() and Connection: two ends joined by a lane of shared memory per direction (connection-lane.ts) and a
// MessageChannel. Objects are copied (serialized, with shared runtime objects rebuilt by reduction.ts), in order,
// one recv() per send(). Small messages go through the lane: a round trip then costs two Atomics wake-ups and
// no event-loop message. What the lane cannot carry (a Connection, whose MessagePort must be transferred; a
// large value; a full lane) goes through the port, numbered, so the order stays the sender's. The port also
// tells when the peer's process dies (its 'close' event). A Connection given to a child through Process args
// moves there (its MessagePort is transferred, its lanes are shared): unlike a duplicated file descriptor in
// CPython, the parent cannot keep using that same end. recv() and poll(timeout) wait with real time: the other
// end may live in another process, off this process's virtual clock.
import { MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { awaitExternal } from '../core/index.ts';
import { EOFError, OSError } from './errors.ts';
import { dumps, loads, registerReducer, type Pickled } from './reduction.ts';
import { serialize } from 'node:v8';
import { Lane, type LaneBuffers } from './connection-lane.ts';
import { ReducedBytes, decode, encode, type Encoded } from './ring.ts';
import { aloneInProcess, canBlockBriefly, currentThreadKey, currentThreadName } from './synchronize/external.ts';
import { noteSharedEnd, racesEnabled, writeSite } from './races.ts';
import { spinWhileEqual } from './channels-spin.ts';

/** Python's BrokenPipeError: send() to an end whose peer is closed. */
export class BrokenPipeError extends OSError {
  override name = 'BrokenPipeError';
}

type Waiter = () => void;

/** A green thread inside recv() on an end: who, and the line that called it (for the shared-end report). */
interface EndUser {
  thread: number;
  name: string;
  site: string | null;
}

/** What one end of a Pipe can do (CPython's Connection.readable / .writable). */
export interface PipeEnd {
  readable: boolean;
  writable: boolean;
}

/** What a sender posts on the port to wake a reader parked there (it carries no message). */
const WAKE = 'wake';

/** A message that took the port: its number among all the messages sent in that direction. */
interface PortMessage {
  seq: number;
  pickled: Pickled;
}

const BLOCK_BUDGET_MS = 2;

export class Connection {
  private _port: MessagePort | null;
  private readonly _readable: boolean;
  private readonly _writable: boolean;
  /** Messages that came through the port and are not received yet, oldest first. */
  private readonly _inbox: PortMessage[] = [];
  /** The peer's port closed: its process died or it closed its end. */
  private _portClosed = false;
  private readonly _waiters = new Set<Waiter>();
  /** While race detection is on: the green threads inside recv() on this end now (two at once is a misuse). */
  private readonly _receivers: EndUser[] = [];
  /** The pairs of threads already reported for this end (one line each, not one per message). */
  private readonly _reportedPairs = new Set<string>();
  /** The process Process.start() handed this end to (it moves there when the child launches), or null. */
  private _handedTo: string | null = null;
  /** What this end sends, and what it receives. */
  private readonly _out: Lane;
  private readonly _in: Lane;

  /** @internal Use Pipe(). */
  constructor(port: MessagePort, readable: boolean, writable: boolean, lanes: { out: Lane; in: Lane }, inbox: PortMessage[] = []) {
    this._port = port;
    this._readable = readable;
    this._writable = writable;
    this._out = lanes.out;
    this._in = lanes.in;
    this._inbox.push(...inbox);
    port.on('message', (message: PortMessage | typeof WAKE) => {
      if (message !== WAKE) this._inbox.push(message);
      this._wake();
    });
    port.on('close', () => {
      this._portClosed = true;
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

  private _wake(): void {
    for (const waiter of [...this._waiters]) waiter();
  }

  /** The peer closed its end, or its process died: nothing more will come after what was sent. */
  private _peerClosed(): boolean {
    return this._portClosed || this._in.writerClosed();
  }

  /** The peer's close() was called (a flag in shared memory, known before its port's 'close' event). */
  private _peerClosedFlag(): boolean {
    return this._in.writerClosed() || this._out.readerClosed();
  }

  /** Moves messages already queued on the port into the inbox, without waiting for the event loop. */
  private _drain(port: MessagePort): void {
    // Node 20 segfaults reading a port after its 'close' event; by then every message has arrived as an event.
    if (this._portClosed) return;
    for (let m = receiveMessageOnPort(port); m !== undefined; m = receiveMessageOnPort(port)) {
      if (m.message !== WAKE) this._inbox.push(m.message as PortMessage);
    }
  }

  /**
   * In a child process with nothing else to run, wait synchronously (up to ~2 ms) for the other end's next send:
   * a request/response exchange then costs no event-loop wake-up. Never on the main thread (it would freeze its
   * green threads). A short spin comes first when the machine has CPUs to spare (channels-spin.ts).
   */
  private _blockBriefly(): void {
    const lane = this._in;
    const words = lane.words;
    const index = lane.eventsIndex;
    const deadline = performance.now() + BLOCK_BUDGET_MS;
    for (;;) {
      const seen = Atomics.load(words, index);
      if (lane.hasMessage() || this._peerClosed()) return;
      if (spinWhileEqual(words, index, seen)) continue;
      const left = deadline - performance.now();
      if (left <= 0) return;
      lane.parked();
      try {
        Atomics.wait(words, index, seen, left);
      } finally {
        lane.unparked();
      }
    }
  }

  /** Sends a copy of `obj` to the other end. */
  send(obj: unknown): void {
    const port = this._open();
    if (!this._writable) throw new OSError('connection is read-only');
    if (this._portClosed || this._out.readerClosed()) throw new BrokenPipeError('[Errno 32] Broken pipe');
    // Locks, Value/Array and queues raise CPython's RuntimeError: they travel only as Process arguments.
    const { pickled, transfer } = dumps(obj, { spawning: false });
    const seq = this._out.nextToSend();
    if (transfer.length > 0 || !this._out.tryWrite(seq, encodeForLane(pickled))) {
      port.postMessage({ seq, pickled } satisfies PortMessage, transfer);
    }
    if (this._out.announceSent()) port.postMessage(WAKE);
  }

  /** The next message, which the caller knows was sent (hasMessage()). */
  private _take(port: MessagePort): unknown {
    const seq = this._in.nextToTake();
    if (this._in.oldestSeq() === seq) return decode(this._in.takeFromLane());
    if (this._inbox.length === 0) this._drain(port);
    const message = this._inbox.shift();
    if (message === undefined || message.seq !== seq) {
      throw new OSError(`message ${seq} of the pipe is missing (got ${message?.seq ?? 'none'})`);
    }
    this._in.countTaken();
    return loads(message.pickled);
  }

  /** Waits for the next object sent from the other end; EOFError once it is closed and nothing is left. */
  async recv(): Promise<unknown> {
    const port = this._open();
    if (!this._readable) throw new OSError('connection is write-only');
    if (!racesEnabled()) return this._recv(port);
    const me = this._enterRecv();
    try {
      return await this._recv(port);
    } finally {
      this._receivers.splice(this._receivers.indexOf(me), 1);
    }
  }

  /**
   * Race detection: a second green thread calling recv() while another one waits in recv() on this end is
   * recorded (races.ts). Green threads never tear a message, but CPython's threads do: each reads part of the
   * other's message (measured: UnpicklingError or EOFError in 3/3 runs, docs/shared-memory.md).
   */
  private _enterRecv(): EndUser {
    const me: EndUser = { thread: currentThreadKey(), name: currentThreadName(), site: writeSite() };
    const other = this._receivers.find((user) => user.thread !== me.thread);
    const pair = other === undefined ? '' : [other.thread, me.thread].sort().join('|');
    if (other !== undefined && !this._reportedPairs.has(pair)) {
      this._reportedPairs.add(pair);
      noteSharedEnd({ op: 'recv()', end: { readable: this._readable, writable: this._writable }, threads: [other.name, me.name], sites: [other.site, me.site] });
    }
    this._receivers.push(me);
    return me;
  }

  private async _recv(port: MessagePort): Promise<unknown> {
    if (!this._in.hasMessage() && !this._peerClosed() && aloneInProcess()) {
      const seen = this._in.events();
      if (canBlockBriefly()) this._blockBriefly();
      // The main thread never blocks; it may poll briefly when the machine has CPUs to spare (a reply on its
      // way is then read without an event-loop wake-up; see channels-spin.ts). Only with no other green thread
      // or timer in this process: a poll must never hold up anything else that could run.
      else if (!this._in.hasMessage()) spinWhileEqual(this._in.words, this._in.eventsIndex, seen);
    }
    while (!this._in.hasMessage()) {
      if (this._peerClosed()) throw new EOFError('');
      await this._wait(null, 'Connection.recv()');
      if (this._port === null) throw new OSError('handle is closed');
    }
    return this._take(port);
  }

  /**
   * True if recv() would not wait: data is there, or the other end is closed. `timeout` in seconds (real
   * time): 0 checks without waiting (the default), null waits until one of those happens.
   */
  async poll(timeout: number | null = 0): Promise<boolean> {
    this._open();
    if (!this._readable) throw new OSError('connection is write-only');
    if (this._in.hasMessage() || this._peerClosed()) return true;
    if (timeout !== null && timeout <= 0) return false;
    // A wake-up can be stale (a WAKE posted for an earlier parking arrives after its message was read): only a
    // message, a closed peer or the deadline ends the wait, as in CPython.
    const deadline = timeout === null ? null : performance.now() + timeout * 1000;
    for (;;) {
      const left = deadline === null ? null : (deadline - performance.now()) / 1000;
      if (left !== null && left <= 0) return false;
      await this._wait(left, `Connection.poll(${timeout ?? ''})`);
      if (this._in.hasMessage() || this._peerClosed()) return true;
    }
  }

  /**
   * Waits (real time) until the other end sends or closes, its process dies, this end is closed, or `timeout`
   * seconds pass. A send posts WAKE on the port while this end is parked; the port also reports a dead peer.
   */
  private async _wait(timeout: number | null, what: string): Promise<void> {
    const port = this._open();
    const lane = this._in;
    const seen = lane.events();
    if (lane.hasMessage() || this._peerClosed()) return;
    // Parked on the port: the sender posts WAKE after its send (connection-lane.ts: cheaper than a waitAsync
    // notify). Counted in first, then one more look, so a send in between is not missed.
    lane.parkedOnChannel();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let release: Waiter = () => {};
    try {
      if (lane.events() !== seen) return;
      const woken = new Promise<void>((resolve) => {
        release = resolve;
        this._waiters.add(resolve);
        if (timeout !== null) timer = setTimeout(resolve, timeout * 1000);
      });
      // The referenced port keeps the event loop (and a child) alive while this end waits.
      port.ref();
      await awaitExternal(woken, what, { untimed: timeout === null });
    } finally {
      lane.unparkedOnChannel();
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
    // The peer learns at once (a reader asleep on the lane wakes up); the port's close tells it again.
    this._out.closeWriter();
    this._in.closeReader();
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
    const lanes = { out: this._out.buffers, in: this._in.buffers };
    const inbox = this._inbox.splice(0);
    // Node detaches a port as soon as its peer's close is processed, before the 'close' event reaches this
    // end: transferring it then fails with DataCloneError. The peer's flag in the lanes is set before its
    // close() returns, after everything it sent was queued, so the drain above has it all.
    if (this._portClosed || this._peerClosedFlag()) {
      port.close();
      return { port: null, inbox, readable: this._readable, writable: this._writable, lanes };
    }
    return { port, inbox, readable: this._readable, writable: this._writable, lanes };
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

interface DetachedConnection {
  port: MessagePort | null;
  inbox: PortMessage[];
  readable: boolean;
  writable: boolean;
  lanes: { out: LaneBuffers; in: LaneBuffers };
}

/** A message for the lane: JSON text when exact, else structured-clone bytes (reduced objects rebuilt on loads). */
function encodeForLane(pickled: Pickled): Encoded {
  return pickled.reduced ? new ReducedBytes(serialize(pickled.value)) : encode(pickled.value);
}

/**
 * Python's Pipe(duplex=True): two connected ends. With duplex=false the first end only receives and the second
 * only sends.
 */
export function Pipe(duplex = true): [Connection, Connection] {
  const { port1, port2 } = new MessageChannel();
  // Lane 0 carries what the first end sends; lane 1, what the second end sends (unused when one-way).
  const lanes = [Lane.create(), duplex ? Lane.create() : Lane.create(64)] as const;
  const first = { out: lanes[0], in: lanes[1] };
  const second = { out: lanes[1], in: lanes[0] };
  if (duplex) return [new Connection(port1, true, true, first), new Connection(port2, true, true, second)];
  return [new Connection(port1, true, false, second), new Connection(port2, false, true, first)];
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
    const lanes = { out: new Lane(d.lanes.out), in: new Lane(d.lanes.in) };
    if (d.port !== null) return new Connection(d.port, d.readable, d.writable, lanes, d.inbox);
    const { port1, port2 } = new MessageChannel();
    port2.close();
    return new Connection(port1, d.readable, d.writable, lanes, d.inbox);
  },
});
