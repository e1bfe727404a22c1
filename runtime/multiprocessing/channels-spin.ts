// Brief spinning before a cross-process wait, when the machine has CPUs to spare.
//
// Why: a Pipe round trip is two thread wake-ups (a futex for a child blocked in Atomics.wait, an eventfd for a
// thread in its event loop). When the woken thread's core is idle, each wake-up costs 20-50 us (more in VMs);
// CPython's pipes avoid much of it because the kernel hands a pipe reader the writer's own core. Polling a
// shared word for a few tens of microseconds instead of sleeping keeps both threads on their cores: measured
// at 6-12 us per round trip against 40-60 us for CPython on the same (moderately loaded) machine.
//
// Spinning is only a win with spare CPUs: on a busy machine a spinning thread takes the core its peer needs
// (measured: 2-4x slower than not spinning at load 5-8 on 2 cores). So it is allowed only while the CPUs that
// are idle or used by this program, sampled from /proc/stat every 100 ms, come to at least 1.5 (room for two
// spinning threads); and a spin that misses (the peer did not answer in time) or is preempted pauses spinning
// for a while, a pause that doubles with every failure in a row (a busy machine soon stops spinning) and ends
// at the first hit (one stray preemption on a quiet machine costs milliseconds, not the rest of the program).
// Where /proc/stat does not exist, nothing spins. RUNTIME_SPIN=always|never overrides.
import { closeSync, openSync, readSync } from 'node:fs';

/** How long one spin may poll: enough to cover a parked peer's wake-up on an idle core (tens of us in a VM). */
const SPIN_MS = 0.1;
/** The first pause after a failed spin; it doubles with each failure in a row, up to MAX_PAUSE_MS. */
const FIRST_PAUSE_MS = 2;
const MAX_PAUSE_MS = 500;
/** A pause this long between two looks at the clock means the OS took the CPU away mid-spin. */
const PREEMPTED_GAP_MS = 0.02;
const SAMPLE_EVERY_MS = 100;
const MIN_WINDOW_MS = 50;

interface Sample {
  at: number;
  /** Machine-wide idle ticks (idle + iowait) from /proc/stat's first line. */
  idle: number;
  /** This process's CPU time (every thread), in ms. */
  oursMs: number;
}

/** /proc/stat counts in USER_HZ ticks, 100 per second on Linux whatever the kernel's own HZ. */
const MS_PER_TICK = 10;

type Policy = 'auto' | 'always' | 'never';
/** RUNTIME_SPIN=always|never overrides the decision for a whole program (children inherit the environment). */
let policy: Policy = parsePolicy(process.env['RUNTIME_SPIN']);
let pausedUntil = 0;
/** The pause the next failed spin imposes (0: the last spin hit). */
let nextPauseMs = 0;
let last: Sample | null = null;
let roomChecked = -Infinity;
let room = false;

function parsePolicy(value: string | undefined): Policy {
  if (value === undefined || value === '' || value === 'auto') return 'auto';
  if (value === 'always' || value === 'never') return value;
  throw new Error(`RUNTIME_SPIN must be auto, always or never, not ${JSON.stringify(value)}`);
}

const head = Buffer.alloc(256);

/** The first line of /proc/stat (the whole file is long on big machines), or null where there is none. */
function statLine(): string | null {
  let fd: number;
  try {
    fd = openSync('/proc/stat', 'r');
  } catch {
    return null;
  }
  try {
    const length = readSync(fd, head, 0, head.length, 0);
    const text = head.toString('latin1', 0, length);
    return text.slice(0, text.indexOf('\n'));
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

function sample(): Sample | null {
  const line = statLine();
  if (line === null || !line.startsWith('cpu ')) return null;
  const fields = line.trim().split(/\s+/);
  // cpu user nice system idle iowait ...
  const idle = Number(fields[4]) + Number(fields[5]);
  if (!Number.isFinite(idle)) return null;
  const usage = process.cpuUsage();
  return { at: performance.now(), idle, oursMs: (usage.user + usage.system) / 1000 };
}

/** True if the CPUs idle or used by this program came to at least ~1.5 over the last sampling window. */
function spareCpus(now: number): boolean {
  if (now - roomChecked < SAMPLE_EVERY_MS) return room;
  const current = sample();
  if (current === null) {
    roomChecked = Infinity; // no /proc/stat: never spin
    return (room = false);
  }
  const previous = last;
  if (previous === null || current.at - previous.at < MIN_WINDOW_MS) {
    last ??= current;
    return room;
  }
  last = current;
  roomChecked = now;
  const windowMs = current.at - previous.at;
  const idleCpus = ((current.idle - previous.idle) * MS_PER_TICK) / windowMs;
  const ourCpus = (current.oursMs - previous.oursMs) / windowMs;
  room = idleCpus + ourCpus >= 1.5;
  return room;
}

/**
 * Spins while words[index] === seen, for up to ~100 us, if the machine has CPUs to spare. True if the word
 * changed (the peer sent something); false at once when spinning is not worth it now, or after a miss.
 */
export function spinWhileEqual(words: Int32Array, index: number, seen: number): boolean {
  let now = performance.now();
  if (policy === 'never') return false;
  if (policy === 'auto' && (now < pausedUntil || !spareCpus(now))) return false;
  const until = now + SPIN_MS;
  for (let i = 1; ; i++) {
    if (Atomics.load(words, index) !== seen) {
      nextPauseMs = 0;
      return true;
    }
    if ((i & 31) === 0) {
      const before = now;
      now = performance.now();
      // Preempted mid-spin (the OS gave the CPU to someone else), or the peer did not answer in time.
      if (now - before > PREEMPTED_GAP_MS || now >= until) {
        nextPauseMs = Math.min(MAX_PAUSE_MS, Math.max(FIRST_PAUSE_MS, nextPauseMs * 2));
        pausedUntil = now + nextPauseMs;
        return false;
      }
    }
  }
}

/** @internal For tests and benchmarks: spin whatever the load ('always'), never, or decide ('auto'). */
export function setSpinPolicy(next: Policy): void {
  policy = next;
  pausedUntil = 0;
  nextPauseMs = 0;
}

/** Start measuring at load, so the first wait of a new process can already decide (one read of /proc/stat). */
last = sample();
