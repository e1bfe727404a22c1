// Exercise 07 · Processes with multiprocessing — reference solution.
//
// Every child process imports this module again (Python's spawn): each one gets its own `stats`, and any code at
// the top level runs once more in each child. That is why the demo at the end sits behind the main guard.
import * as mp from '#runtime/multiprocessing';
import { Thread, currentThread } from '#runtime/threading';

/** Receipts checked by THIS process. Processes share no memory: the parent's copy never sees the children's. */
export const stats = { checkedHere: 0 };

export interface ChildReport {
  id: number;
  name: string;
  pid: number;
  exitcode: number | null;
}

export interface CheckResult {
  children: ChildReport[];
  failed: number[];
}

/** Target of each child: validate one receipt (or fail, which the parent sees as exit code 1). */
export function checkReceipt(id: number): void {
  stats.checkedHere += 1;
  if (!Number.isInteger(id) || id <= 0) {
    // An uncaught error ends the child with exit code 1 and its traceback on stderr, as in Python.
    throw new Error(`Comprobante ${id} ilegible`);
  }
  const me = mp.currentProcess();
  const parentPid = mp.parentProcess()?.pid ?? null;
  console.log(`Comprobante ${id} validado por ${me.name} (pid ${me.pid}, padre ${parentPid})`);
}

/** One child per receipt: start them all, then join them all, then read their exit codes. */
export async function checkAll(ids: number[]): Promise<CheckResult> {
  // Pass the function itself as target; `target: checkReceipt(id)` would run it here, in the parent.
  const processes = ids.map((id) => new mp.Process({ target: checkReceipt, args: [id] }));
  // Start every child before waiting for any: they run at the same time, each on its own isolate.
  for (const p of processes) p.start();
  for (const p of processes) await p.join();

  const children = processes.map((p, i) => ({
    id: ids[i] as number,
    name: p.name,
    pid: p.pid as number,
    exitcode: p.exitcode,
  }));
  // A child that threw does not throw in the parent: its exit code is the only news of the failure.
  const failed = children.filter((c) => c.exitcode !== 0).map((c) => c.id);
  return { children, failed };
}

/** Pure CPU work (no await inside): prints a line when it starts and another when it ends. */
export function burn(rounds: number): number {
  const who = `${mp.currentProcess().name}/${currentThread().name}`;
  const n = Math.max(0, Math.floor(rounds));
  console.log(`${who} empieza ${n}`);
  let x = 0;
  for (let i = 0; i < n * 100_000; i++) x = (x * 31 + i) % 1_000_003;
  console.log(`${who} termina ${n}`);
  return x;
}

/** One thread per job. The threads take turns (our GIL): each burn runs from start to end before the next. */
export async function burnWithThreads(rounds: number[]): Promise<void> {
  const threads = rounds.map((r) => new Thread({ target: burn, args: [r] }));
  for (const t of threads) t.start();
  for (const t of threads) await t.join();
}

/** One process per job: separate isolates on separate cores, really in parallel. */
export async function burnWithProcesses(rounds: number[]): Promise<void> {
  const processes = rounds.map((r) => new mp.Process({ target: burn, args: [r] }));
  for (const p of processes) p.start();
  for (const p of processes) await p.join();
}

/** `npx tsx exercises/07-processes/exercise.ts`: the same CPU work with threads and with processes. */
export async function demo(): Promise<void> {
  const work = [1000, 1000];
  await burnWithProcesses([0]); // warm-up: the first child pays for bundling this module once
  let t0 = performance.now();
  await burnWithThreads(work);
  const threads = (performance.now() - t0) / 1000;
  t0 = performance.now();
  await burnWithProcesses(work);
  const processes = (performance.now() - t0) / 1000;
  console.log(`hilos: ${threads.toFixed(2)} s, procesos: ${processes.toFixed(2)} s`);
  console.log(await checkAll([101, 102, -7]));
}

// The main guard, Python's `if __name__ == '__main__':`. Two questions in one: is this file the program being
// run (not imported by a test or a child), and is this the main process (a child re-imports this module)?
if (process.argv[1] === import.meta.filename && mp.currentProcess().name === 'MainProcess') {
  await demo();
}
