// Deterministic detection of unprotected writes to shared memory between processes (Eraser's lockset idea,
// with process start/end as the only happens-before edges). Off unless a test turns it on
// (`enableRaceDetection()` in #runtime/testing); programs students run keep their real parallelism and pay
// one boolean test per write.
//
// How it works (docs/shared-memory.md, "Race detection"):
// - Every cell (a Value, an Array element, a Manager proxy's item) and every mutex (mp Lock/RLock, a Manager
//   Lock) gets an id that is the same in every process.
// - Each process keeps, per cell, the intersection of the locks its green thread held at each write (its
//   candidate lockset). When that set is first made or shrinks, one line goes to a log in shared memory that
//   the whole process tree appends to; so a loop of 20,000 locked increments writes one line, not 20,000.
// - Process start() and the end of a child are logged too, numbered by one tree-wide counter.
// - A race: two processes whose lifetimes overlap (neither ended before the other started) both wrote the
//   same cell, and their locksets have no lock in common. That is decided from the log alone, whatever the
//   OS did with the cores: the verdict is the same on one core as on two.
import { processInfo } from '../core/index.ts';
import { currentThreadKey } from './synchronize/external.ts';

/** Header words of the shared log: bytes used, next id, lifecycle counter, overflow flag. */
const USED = 0;
const NEXT_ID = 1;
const SEQ = 2;
const OVERFLOW = 3;
const HEADER_BYTES = 16;
const LOG_BYTES = 4 * 1024 * 1024;

interface RaceState {
  enabled: boolean;
  header: Int32Array | null;
  bytes: Uint8Array | null;
  /** Per cell: the candidate lockset of this process (lock ids held at every write so far). */
  cells: Map<string, Set<string>>;
  /** Per green thread of this process: the mutexes it holds, with their depth. */
  held: Map<number, Map<string, number>>;
}

// One state per isolate, shared by every copy of the runtime it loads (as core/process-info.ts).
const KEY = Symbol.for('concurrency-course.mp.races');
const race: RaceState = ((globalThis as { [KEY]?: RaceState })[KEY] ??= {
  enabled: false, header: null, bytes: null, cells: new Map(), held: new Map(),
});

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** True while writes are being checked (read on every shared write: keep it a plain field). */
export function racesEnabled(): boolean {
  return race.enabled;
}

function adopt(buffer: SharedArrayBuffer): void {
  race.header = new Int32Array(buffer, 0, 4);
  race.bytes = new Uint8Array(buffer, HEADER_BYTES);
  race.enabled = true;
}

/** Turns detection on in this process and every process it starts from now on. There is no off switch. */
export function enableRaceDetection(): void {
  if (race.enabled) return;
  adopt(new SharedArrayBuffer(HEADER_BYTES + LOG_BYTES));
}

/** @internal What a parent hands to its child at start (undefined: detection off). */
export function raceLogBuffer(): SharedArrayBuffer | undefined {
  return race.header === null ? undefined : (race.header.buffer as SharedArrayBuffer);
}

/** @internal Called by a child's bootstrap with what its parent sent. */
export function adoptRaceLog(buffer: SharedArrayBuffer | undefined): void {
  if (buffer !== undefined) adopt(buffer);
}

/** @internal A new id, unique in the process tree (0 when detection is off). */
export function nextSharedId(): number {
  return race.header === null ? 0 : Atomics.add(race.header, NEXT_ID, 1) + 1;
}

/** @internal Appends one line to the shared log (nothing while detection is off). */
export function append(entry: Record<string, unknown>): void {
  const { header, bytes } = race;
  if (header === null || bytes === null) return;
  const line = encoder.encode(`${JSON.stringify(entry)}\n`);
  const at = Atomics.add(header, USED, line.length);
  if (at + line.length > bytes.length) {
    Atomics.store(header, OVERFLOW, 1);
    return;
  }
  bytes.set(line, at);
}

/** @internal The parent logs a child's start (the child's lifetime begins here). */
export function noteProcessStart(pid: number, name: string): void {
  if (race.header === null) return;
  append({ t: 's', pid, name, seq: Atomics.add(race.header, SEQ, 1) });
}

/** @internal The parent logs a child's end (its worker exited). */
export function noteProcessEnd(pid: number): void {
  if (race.header === null) return;
  append({ t: 'e', pid, seq: Atomics.add(race.header, SEQ, 1) });
}

/** @internal The current green thread took mutex `lock` (an id such as "L3" or "m:<manager>/<object>"). */
export function noteAcquired(lock: string): void {
  const thread = currentThreadKey();
  let mine = race.held.get(thread);
  if (mine === undefined) race.held.set(thread, (mine = new Map()));
  mine.set(lock, (mine.get(lock) ?? 0) + 1);
}

/** @internal The current green thread released mutex `lock` (once; an RLock counts its depth). */
export function noteReleased(lock: string): void {
  const mine = race.held.get(currentThreadKey());
  const depth = mine?.get(lock);
  if (mine === undefined || depth === undefined) {
    // A plain Lock may be released by a thread that did not take it: nobody here holds it any more.
    for (const other of race.held.values()) other.delete(lock);
    return;
  }
  if (depth <= 1) mine.delete(lock);
  else mine.set(lock, depth - 1);
}

/**
 * The mutexes the current green thread holds (ids), or null while detection is off. Lets a test's course
 * material check that a step which is not a write (a read, a slow confirmation) also runs inside a lock.
 */
export function locksHeld(): string[] | null {
  if (!race.enabled) return null;
  return [...(race.held.get(currentThreadKey())?.keys() ?? [])];
}

/** The student's line that made the write (or the call): the first stack frame outside the runtime. */
export function writeSite(): string | null {
  const sites: string[] = [];
  for (const frame of new Error().stack?.split('\n').slice(1) ?? []) {
    const match = /\(?((?:file:\/\/)?[^\s()]+:\d+:\d+)\)?\s*$/.exec(frame);
    if (match !== null) sites.push((match[1] as string).replace(/^file:\/\//, ''));
  }
  // This function's own frame tells where the runtime is (a child may run a bundle mapped back to sources).
  const runtimeDir = (sites[0] ?? '').replace(/multiprocessing[\\/]races\.ts:\d+:\d+$/, '');
  for (const site of sites.slice(1)) {
    if (/^node:|[\\/]node_modules[\\/]/.test(site)) continue;
    if (runtimeDir !== '' && site.startsWith(runtimeDir) && !site.includes('/fixtures/')) continue;
    return site;
  }
  return null;
}

/**
 * @internal A write to shared cell `cell`, shown to the student as `label` (e.g. "Value('i').value").
 * Only a new or smaller candidate lockset reaches the log.
 */
export function noteWrite(cell: string, label: string): void {
  const held = race.held.get(currentThreadKey());
  const known = race.cells.get(cell);
  if (known === undefined) {
    const locks = new Set(held === undefined ? [] : held.keys());
    race.cells.set(cell, locks);
    append({ t: 'w', pid: processInfo.pid, name: processInfo.name, cell, label, locks: [...locks], site: writeSite() });
    return;
  }
  if (known.size === 0) return;
  let shrunk = false;
  for (const lock of known) {
    if (held === undefined || !held.has(lock)) {
      known.delete(lock);
      shrunk = true;
    }
  }
  if (shrunk) append({ t: 'w', pid: processInfo.pid, name: processInfo.name, cell, label, locks: [...known], site: writeSite() });
}

/** One unprotected write pair: the same cell written by two processes that ran at the same time. */
export interface SharedWriteRace {
  /** What was written, e.g. "Value('i').value" or "DictProxy['total']". */
  label: string;
  /** The two processes, e.g. ["Process-1", "Process-2"]. */
  processes: [string, string];
  /** The locks each one held at every one of its writes (empty: none). */
  locks: [string[], string[]];
  /** Where each one wrote (file:line:column), when known. */
  sites: [string | null, string | null];
}

interface WriteLine { t: 'w'; pid: number; name: string; cell: string; label: string; locks: string[]; site: string | null }
interface LifeLine { t: 's' | 'e'; pid: number; name?: string; seq: number }
interface EndLine extends SharedPipeEnd { t: 'c' }
type LogLine = WriteLine | LifeLine | EndLine;

/** The log's lines, from byte `from` on (a watch's start). */
function readLog(from = 0): LogLine[] {
  const { header, bytes } = race;
  if (header === null || bytes === null) return [];
  const used = Math.min(Atomics.load(header, USED), bytes.length);
  const out: LogLine[] = [];
  for (const line of decoder.decode(bytes.slice(Math.min(from, used), used)).split('\n')) {
    // A line still being written by a live process reads as NULs: skip it (processes checked have ended).
    if (line === '' || line.charCodeAt(0) === 0) continue;
    try {
      out.push(JSON.parse(line) as LogLine);
    } catch {
      // Same: an entry not finished yet.
    }
  }
  return out;
}

/**
 * Two green threads of one process inside recv() on the same Connection end at once (CPython: their reads
 * interleave and each gets pieces of the other's message: UnpicklingError, EOFError or a wrong object).
 */
export interface SharedPipeEnd {
  /** The operation both were in: "recv()". */
  op: string;
  /** What the end can do (CPython's readable/writable). */
  end: { readable: boolean; writable: boolean };
  /** The process whose threads shared it ("MainProcess", "Process-1"). */
  process: string;
  /** The thread already waiting in recv(), then the one that called recv() too. */
  threads: [string, string];
  /** Where each one called it (file:line:column), when known. */
  sites: [string | null, string | null];
}

/** @internal Records two threads using one Connection end at once (connection.ts). */
export function noteSharedEnd(use: Omit<SharedPipeEnd, 'process'>): void {
  if (race.header === null) return;
  append({ t: 'c', ...use, process: processInfo.name });
}

/** A watch over the processes started from now on: `races()` lists what they wrote unprotected. */
export interface RaceWatch {
  races(): SharedWriteRace[];
  /** Connection ends two threads used at once since the watch began (in any process of the tree). */
  sharedEnds(): SharedPipeEnd[];
  /** True when the log filled up (some writes were not seen). */
  overflowed(): boolean;
}

/** Starts detection (if it was off) and watches the processes started from now on. */
export function watchRaces(): RaceWatch {
  enableRaceDetection();
  const header = race.header as Int32Array;
  const since = Atomics.load(header, SEQ);
  // Thread-level lines carry no lifecycle number that moves without processes: they are read from here on.
  const fromByte = Math.min(Atomics.load(header, USED), LOG_BYTES);
  return {
    races: () => findRaces(readLog(), since),
    sharedEnds: () => readLog(fromByte).filter((entry): entry is EndLine => entry.t === 'c')
      .map(({ op, end, process, threads, sites }) => ({ op, end, process, threads, sites })),
    overflowed: () => Atomics.load(header, OVERFLOW) === 1,
  };
}

function findRaces(log: LogLine[], since: number): SharedWriteRace[] {
  const life = new Map<number, { start: number; end: number }>();
  for (const entry of log) {
    if (entry.t === 's' && entry.seq >= since) life.set(entry.pid, { start: entry.seq, end: Infinity });
    if (entry.t === 'e') {
      const span = life.get(entry.pid);
      if (span !== undefined) span.end = entry.seq;
    }
  }
  // Per cell, per process: its last line (each line is the candidate lockset so far, so the last is the smallest).
  const cells = new Map<string, Map<number, WriteLine>>();
  for (const entry of log) {
    if (entry.t !== 'w' || !life.has(entry.pid)) continue;
    let writers = cells.get(entry.cell);
    if (writers === undefined) cells.set(entry.cell, (writers = new Map()));
    const first = writers.get(entry.pid);
    // Keep the first write's site: that is the line the student wrote the unprotected update on.
    writers.set(entry.pid, first === undefined ? entry : { ...entry, site: first.site ?? entry.site });
  }
  const races: SharedWriteRace[] = [];
  for (const writers of cells.values()) {
    const list = [...writers.values()];
    search: for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i] as WriteLine;
        const b = list[j] as WriteLine;
        const sa = life.get(a.pid) as { start: number; end: number };
        const sb = life.get(b.pid) as { start: number; end: number };
        const overlap = sa.start < sb.end && sb.start < sa.end;
        if (!overlap || a.locks.some((lock) => b.locks.includes(lock))) continue;
        // In name order (Process-2 before Process-10), whichever wrote first.
        const [x, y] = a.name.localeCompare(b.name, 'en', { numeric: true }) <= 0 ? [a, b] : [b, a];
        races.push({ label: x.label, processes: [x.name, y.name], locks: [x.locks, y.locks], sites: [x.site, y.site] });
        break search;
      }
    }
  }
  return races;
}
