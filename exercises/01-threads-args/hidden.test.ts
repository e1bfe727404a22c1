// Hidden tests for exercise 01: random students and job lengths from fixed seeds, a worker that records which
// thread runs it and when, and the virtual clock to tell overlapping threads from sequential ones.
import { describe, test, expect } from 'vitest';
import { say } from '#grader/testkit';
import { simulate } from '#runtime/testing';
import { Thread, currentThread, enumerate } from '#runtime/threading';
import { monotonic, sleep } from '#runtime/time';
import { attachAll, attachReceipt } from './exercise.ts';
import { distinctInts, intBetween, seeded } from './support.ts';

interface Call {
  student: number;
  thread: Thread;
  isMain: boolean;
  start: number;
  end: number | null;
}

/** Random students (4-digit ids) with a job length each, in 0.05 s steps so the sum never equals the max. */
function scenario(seed: number): { students: number[]; durations: Map<number, number> } {
  const random = seeded(seed);
  const students = distinctInts(random, intBetween(random, 5, 11), 1000, 9999);
  const durations = new Map(students.map((s) => [s, intBetween(random, 2, 40) * 0.05] as const));
  return { students, durations };
}

/** A worker that notes the thread it runs in and when it starts and ends. */
function recorder(durations: Map<number, number>, mainRef: { main: Thread | null }) {
  const calls: Call[] = [];
  async function recordingWorker(student: number): Promise<void> {
    const thread = currentThread();
    const call: Call = { student, thread, isMain: thread === mainRef.main, start: monotonic(), end: null };
    calls.push(call);
    await sleep(durations.get(student) ?? 0.1);
    call.end = monotonic();
  }
  return { calls, worker: recordingWorker };
}

/** Runs attachAll with the recording worker and collects what happened. */
async function runScenario(seed: number) {
  const { students, durations } = scenario(seed);
  const ref: { main: Thread | null } = { main: null };
  const { calls, worker } = recorder(durations, ref);
  const run = await simulate(async () => {
    ref.main = currentThread();
    const threads = await attachAll(students, worker);
    return {
      threads,
      returnedAt: monotonic(),
      aliveAtReturn: threads.filter((t) => t.isAlive()).map((t) => t.name),
      unfinishedAtReturn: calls.filter((c) => c.end === null).map((c) => c.student),
    };
  });
  return { students, durations, calls, run };
}

function expectOneCallPerStudent(calls: Call[], students: number[]): void {
  expect(
    calls.map((c) => c.student).sort((a, b) => a - b),
    say(
      `worker debe llamarse una vez por estudiante (${students.length} llamadas), con el estudiante como argumento`,
      `worker must be called once per student (${students.length} calls), with the student as its argument`,
    ),
  ).toEqual([...students].sort((a, b) => a - b));
}

describe('01 · hidden', () => {
  test('every student is attached in a thread of its own, never in MainThread', async () => {
    const { students, calls } = await runScenario(101);
    expectOneCallPerStudent(calls, students);
    const inMain = calls.filter((c) => c.isMain).map((c) => c.student);
    expect(
      inMain,
      say(
        `el trabajo de ${inMain.join(', ')} se ejecutó en MainThread: pasa la función como target ` +
          '(`target: worker, args: [student]`) en lugar de llamarla con `worker(student)`',
        `the job of ${inMain.join(', ')} ran in MainThread: pass the function as target ` +
          '(`target: worker, args: [student]`) instead of calling it with `worker(student)`',
      ),
    ).toEqual([]);
    const distinct = new Set(calls.map((c) => c.thread));
    expect(distinct.size, say('cada estudiante necesita su propio hilo, no uno compartido', 'each student needs a thread of their own, not a shared one'))
      .toBe(students.length);
  });

  test('the returned threads are the ones that ran each student, in list order', async () => {
    const { students, calls, run } = await runScenario(202);
    expectOneCallPerStudent(calls, students);
    const threads = run.value.threads;
    expect(threads, say('attachAll devuelve un hilo por estudiante', 'attachAll returns one thread per student')).toHaveLength(students.length);
    students.forEach((student, i) => {
      const call = calls.find((c) => c.student === student);
      expect(
        call?.thread === threads[i],
        say(
          `el hilo ${i} devuelto no es el que atendió al estudiante ${student}: devuelve los hilos en el orden de la lista`,
          `returned thread ${i} is not the one that served student ${student}: return the threads in list order`,
        ),
      ).toBe(true);
    });
  });

  test('the worker function is the target and the student travels in args', async () => {
    const { run } = await runScenario(303);
    for (const t of run.value.threads) {
      expect(
        t.name,
        say(
          `el hilo se llama "${t.name}": su target no es worker. Usa \`new Thread({ target: worker, args: [student] })\`, ` +
            'no un cierre como `() => worker(student)`',
          `the thread is called "${t.name}": its target is not worker. Use \`new Thread({ target: worker, args: [student] })\`, ` +
            'not a closure such as `() => worker(student)`',
        ),
      ).toMatch(/^Thread-\d+ \(recordingWorker\)$/);
    }
  });

  test('the jobs overlap in virtual time: the total is the longest job', async () => {
    const { durations, calls, students, run } = await runScenario(404);
    expectOneCallPerStudent(calls, students);
    const longest = Math.max(...durations.values());
    const sum = [...durations.values()].reduce((a, b) => a + b, 0);
    const took = run.value.returnedAt;
    if (Math.abs(took - sum) < 1e-9) {
      expect.fail(
        say(
          `los hilos no se solaparon: tardó ${took.toFixed(2)} s (la suma de todos los trabajos) en vez de ` +
            `${longest.toFixed(2)} s (el más largo). Arranca todos los hilos primero y haz join después, en otro bucle`,
          `the threads did not overlap: it took ${took.toFixed(2)} s (the sum of every job) instead of ` +
            `${longest.toFixed(2)} s (the longest). Start every thread first and join them afterwards, in another loop`,
        ),
      );
    }
    if (took < longest - 1e-9) {
      expect.fail(
        say(
          `attachAll volvió en ${took.toFixed(2)} s, antes de que terminara el trabajo más largo (${longest.toFixed(2)} s): ` +
            'falta esperar a los hilos con `await t.join()`',
          `attachAll returned at ${took.toFixed(2)} s, before the longest job ended (${longest.toFixed(2)} s): ` +
            'the threads must be waited for with `await t.join()`',
        ),
      );
    }
    expect(
      took,
      say(`attachAll debe tardar lo que el trabajo más largo (${longest.toFixed(2).replace('.', ',')} s)`, `attachAll must take as long as the longest job (${longest.toFixed(2)} s)`),
    ).toBeCloseTo(longest, 9);
    const starts = calls.map((c) => c.start);
    expect(starts.every((s) => s === 0), say('todos los hilos deben arrancar en el instante 0', 'every thread must start at instant 0'))
      .toBe(true);
  });

  test('attachAll returns only after every thread has finished', async () => {
    const { run } = await runScenario(505);
    const { aliveAtReturn, unfinishedAtReturn } = run.value;
    expect(
      [...aliveAtReturn, ...unfinishedAtReturn],
      say(
        `attachAll volvió con hilos aún trabajando (${aliveAtReturn.join(', ')}): espera a cada hilo con \`await t.join()\``,
        `attachAll returned while threads were still working (${aliveAtReturn.join(', ')}): wait for each thread with \`await t.join()\``,
      ),
    ).toEqual([]);
    expect(run.unjoined, say('quedaron hilos sin esperar al terminar', 'threads were left unjoined at the end')).toEqual([]);
  });

  test('threads start in list order', async () => {
    const { students, calls } = await runScenario(606);
    expect(
      calls.map((c) => c.student),
      say('los hilos deben arrancarse en el orden de la lista de estudiantes', 'the threads must be started in the order of the student list'),
    ).toEqual(students);
  });

  test('attachReceipt output is exact for random students', async () => {
    const random = seeded(707);
    const students = distinctInts(random, 6, 1, 3000);
    const run = await simulate(() => attachAll(students));
    expect(run.output, say('una línea «Alumno N adjuntando comprobante....» por estudiante, en orden', 'one "Alumno N adjuntando comprobante...." line per student, in order'))
      .toEqual(students.map((s) => `Alumno ${s} adjuntando comprobante....`));
    expect(run.elapsed, say('seis estudiantes a la vez tardan 0,5 s', 'six students at once take 0.5 s')).toBe(0.5);
  });

  test('a student listed twice gets one thread per occurrence', async () => {
    const ref: { main: Thread | null } = { main: null };
    const { calls, worker } = recorder(new Map([[5, 0.3], [8, 0.2]]), ref);
    const run = await simulate(async () => {
      ref.main = currentThread();
      return (await attachAll([5, 8, 5], worker)).length;
    });
    expect(run.value, say('tres elementos en la lista: tres hilos', 'three entries in the list: three threads')).toBe(3);
    expect(calls.map((c) => c.student), say('el estudiante repetido se atiende dos veces', 'the repeated student is served twice')).toEqual([5, 8, 5]);
    expect(run.elapsed, say('los tres hilos deben solaparse: 0,3 s (el más largo)', 'the three threads must overlap: 0.3 s (the longest)')).toBeCloseTo(0.3, 9);
  });

  test('an empty list starts no thread and takes no time', async () => {
    const run = await simulate(async () => {
      const threads = await attachAll([], attachReceipt);
      return { threads, alive: enumerate().length };
    });
    expect(run.value.threads).toEqual([]);
    expect(run.value.alive, say('con la lista vacía no debe crearse ningún hilo', 'an empty list must not create any thread')).toBe(1);
    expect(run.elapsed).toBe(0);
    expect(run.trace.filter((e) => e.event === 'spawn' && e.fiber !== 'MainThread')).toEqual([]);
  });

  test('a failing worker does not stop the other students', async () => {
    const done: number[] = [];
    async function flakyWorker(student: number): Promise<void> {
      await sleep(student / 10);
      if (student === 2) throw new Error('comprobante ilegible');
      done.push(student);
    }
    const run = await simulate(async () => {
      const threads = await attachAll([3, 2, 1], flakyWorker);
      return { count: threads.length, alive: threads.filter((t) => t.isAlive()).length };
    });
    expect(done.sort(), say('si un estudiante falla, los demás deben terminar igual', 'when one student fails, the others must still finish'))
      .toEqual([1, 3]);
    expect(run.value, say('attachAll devuelve los tres hilos, todos terminados', 'attachAll returns the three threads, all finished'))
      .toEqual({ count: 3, alive: 0 });
    expect(run.elapsed, say('los hilos deben solaparse: 0,3 s (el más largo)', 'the threads must overlap: 0.3 s (the longest)')).toBeCloseTo(0.3, 9);
    expect(run.output.some((l) => l.includes('Exception in thread')), say('el error del hilo se informa, como en Python', "the thread's error is reported, as in Python"))
      .toBe(true);
  });
});
