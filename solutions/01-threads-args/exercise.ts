// Exercise 01 — reference solution: one thread per student, target + args, start all then join all.
import { Thread } from '#runtime/threading';
import { sleep } from '#runtime/time';

/** One student's job. Any function of one student works as a thread target. */
export type Worker = (student: number) => Promise<void> | void;

/** The unit's `worker(alumno)`: prints its line, then attaching takes 0.5 s (waiting on the network). */
export async function attachReceipt(student: number): Promise<void> {
  console.log(`Alumno ${student} adjuntando comprobante....`);
  await sleep(0.5);
}

/**
 * Starts one thread per student (in list order) running `worker(student)`, waits for all of them and returns the
 * threads. The function itself is the target and the student travels in `args`: writing `worker(student)` here
 * would run the job right now, in MainThread, and the new thread would have nothing to do.
 */
export async function attachAll(students: readonly number[], worker: Worker = attachReceipt): Promise<Thread[]> {
  const threads = students.map((student) => new Thread({ target: worker, args: [student] }));
  // Phase 1: start every thread. Nothing waits here, so all the jobs are in flight together.
  for (const thread of threads) thread.start();
  // Phase 2: wait for each one. Joining inside the first loop would run the jobs one after another.
  for (const thread of threads) await thread.join();
  return threads;
}
