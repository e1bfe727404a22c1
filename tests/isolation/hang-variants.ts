// One-mistake variants of the reference solutions whose mistake makes one function hang (or deadlock), and the
// tests that call that function: those, and only those, must fail; every other test of the exercise must pass.
// Each variant is the solution with a few texts replaced, so the mistake is exactly what `edits` shows.

const SLEEP_IMPORT: [string, string] = ["import * as mp from '#runtime/multiprocessing';", "import * as mp from '#runtime/multiprocessing';\nimport { sleep } from '#runtime/time';"];

export interface HangVariant {
  exercise: string;
  /** What the student got wrong, in one line. */
  mistake: string;
  /** [text of the solution, its replacement]: each text must occur exactly once. */
  edits: [string, string][];
  /** Full names of the tests that call the hung function (visible and hidden), sorted. */
  failing: string[];
  /** The diagnosis the failing tests must carry: the kit's hang report, or the runtime's own deadlock report. */
  diagnosis: 'hang' | 'deadlock' | 'runtime';
}

export const HANG_VARIANTS: HangVariant[] = [
  {
    exercise: '08-pools',
    mistake: 'checksumAll polls for one result too many (off by one), so it waits forever',
    edits: [SLEEP_IMPORT, ['  return await pool.map(receiptChecksum, ids);', [
      '  const results: number[] = [];',
      '  let done = 0;',
      '  ids.forEach((id, i) => pool.applyAsync<number>(receiptChecksum, [id], undefined, (value) => { results[i] = value; done += 1; }));',
      '  while (done <= ids.length) await sleep(0.02);',
      '  return results;',
    ].join('\n')]],
    failing: [
      'checksumAll loses and duplicates nothing, in order',
      'checksumAll of nothing, and with zero processes',
      'checksumAll returns the checksums in the order of ids',
      'the checksums are computed in the pool processes, not in the parent',
      'the pools have exactly the processes asked for, and the stream keeps the order of ids',
    ],
    diagnosis: 'hang',
  },
  {
    exercise: '09-queue-pipe',
    mistake: 'runQueues sends one sentinel fewer than there are consumers',
    edits: [['  for (let i = 0; i < consumers; i++) await inbox.put(null);', '  for (let i = 0; i < consumers - 1; i++) await inbox.put(null);']],
    failing: [
      'all consumers stop, even when there are more consumers than batches',
      'empty inputs: no batches, empty batches, no questions',
      'every receipt arrives exactly once with several producers and consumers',
      'more results than the outbox holds: collected before joining the consumers',
      'runQueues runs each producer and consumer as a process that ends well',
      'runQueues validates every receipt of every batch',
    ],
    diagnosis: 'hang',
  },
  {
    exercise: '10-locks',
    mistake: 'printSlip never releases the printer lock',
    edits: [["    appendFileSync(printer, `Recibo ${studentId}: fin\\n`);\n  } finally {\n    lock.release();\n  }", "    appendFileSync(printer, `Recibo ${studentId}: fin\\n`);\n  } finally {\n    // the next process will take it over (it cannot: nobody releases it)\n  }"]],
    failing: [
      'a printer that fails reaches the caller of printSlip, and the lock is released',
      'printAllSlips starts every process before joining any',
      'printSlip holds the shared lock for its three lines',
      'the slips of 10 processes never interleave',
      'three processes print their slips without mixing lines',
    ],
    diagnosis: 'hang',
  },
  {
    exercise: '11-shared-memory',
    mistake: 'the opening Barrier has one party more than there are processes',
    edits: [['  const opening = new mp.Barrier(processes);', '  const opening = new mp.Barrier(processes + 1);']],
    failing: [
      'bad counts are refused before starting anything; zero increments give 0',
      'countInProcesses shares one counter among all the processes',
      'three processes count into one Value through one Barrier of three',
      'two processes count 2,000 receipts into one shared Value',
    ],
    diagnosis: 'hang',
  },
  {
    exercise: '12-manager',
    mistake: 'tallyFaculty waits for a "go" entry in the dict that nobody writes',
    edits: [SLEEP_IMPORT, ["  const currency = await settings.get('currency');", "  while ((await totals.get('go')) === undefined) await sleep(0.02);\n  const currency = await settings.get('currency');"]],
    failing: [
      "a child process writes through the proxies it receives",
      "every faculty and every log line arrive, with the right currency, and the Manager is closed",
      "tallyAll gathers the totals and the log of two faculties",
      "tallyAll of no faculties, and of a faculty with no receipts",
      'tallyAll starts every till before joining any',
    ],
    diagnosis: 'hang',
  },
  {
    exercise: '13-asyncio-basics',
    mistake: 'confirmPayment forgets setException: a refused payment leaves its Future pending forever',
    edits: [['    if (error !== null) future.setException(error);\n', '    if (error !== null) return;\n']],
    failing: [
      "futures (hidden) > several confirmPayment futures at once: codes, rejections and exact time",
    ],
    diagnosis: 'runtime',
  },
  {
    exercise: '14-gather-wait',
    mistake: 'fastestMirror waits for a Future that only a successful mirror completes: when every mirror fails, nobody does',
    edits: [
      ["import { createTask, FIRST_COMPLETED, gather, TimeoutError, wait, waitFor, type Task } from '#runtime/asyncio';", "import { createTask, FIRST_COMPLETED, gather, getRunningLoop, TimeoutError, wait, waitFor, type Task } from '#runtime/asyncio';"],
      ["  const tasks: Task<string>[] = mirrors.map((upload) => createTask(upload));\n  let remaining = new Set<Task<string>>(tasks);\n  while (remaining.size > 0) {\n    // wait() only reports: it never cancels what is still pending.\n    const { done, pending } = await wait(remaining, { returnWhen: FIRST_COMPLETED });\n    const winner = tasks.find((t) => done.has(t) && t.exception() === null);\n    if (winner !== undefined) {\n      // The race is decided: cancel the losers and wait until they have really stopped, so none leaks.\n      for (const task of pending) task.cancel();\n      if (pending.size > 0) await wait(pending);\n      return winner.result();\n    }\n    remaining = pending; // every finished one failed: keep waiting for the others\n  }\n  throw new AggregateError(tasks.map((t) => t.exception()), 'all mirrors failed');\n", "  const tasks: Task<string>[] = mirrors.map((upload) => createTask(upload));\n  const first = getRunningLoop().createFuture<string>();\n  for (const task of tasks) {\n    task.addDoneCallback((t) => {\n      if (!first.done() && !t.cancelled() && t.exception() === null) first.setResult(t.result());\n    });\n  }\n  const winner = await first; // nobody completes it when every mirror fails\n  for (const task of tasks) task.cancel();\n  await wait(tasks);\n  return winner;\n"],
    ],
    failing: [
      "fastestMirror (hidden) > when every mirror fails, an AggregateError lists the errors in the order of mirrors",
    ],
    diagnosis: 'runtime',
  },
  {
    exercise: '16-capstone-receipts',
    mistake: 'a failed upload never gives its permit back (release only after a successful store)',
    edits: [['        key = await services.store(receipt);\n      } catch (error) {\n        return fail(\'store\', error);\n      } finally {\n        uploads.release();\n      }', '        key = await services.store(receipt);\n        uploads.release();\n      } catch (error) {\n        return fail(\'store\', error);\n      }']],
    failing: [
      "interleavings (hidden) > the same day under three random schedules gives the same exact summary",
      "random days (hidden) > a bad day: a third of the receipts fail somewhere, and nobody else notices",
      "random days (hidden) > random day, seed 16102: 210 students, 5 uploads at a time",
      "random days (hidden) > random day, seed 16103: 272 students, 7 uploads at a time",
      "the fastest possible pipeline (hidden) > limiting only the uploads reaches the minimum time exactly",
    ],
    diagnosis: 'runtime',
  },
];
