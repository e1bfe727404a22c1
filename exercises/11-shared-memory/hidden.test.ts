// Hidden tests for exercise 11: the child writes into the parent's memory (not a copy), increments are never
// lost under a real race between cores, and bad input.
import { afterEach, expect, test } from 'vitest';
import { expectNoRaces, failLesson, say, seeded as rng } from '#course/kit';
import * as mp from '#runtime/multiprocessing';
import { tapChildOutput, tapUnawaitedWaits, watchRaces, type UnawaitedWait } from '#runtime/testing';
import { Thread } from '#runtime/threading';
import { addReceipts, countInProcesses, negateInChild } from './exercise.ts';

/** Where the student's targets live (saves the runtime a search through this file's imports). */
const EXERCISE = new URL('./exercise.ts', import.meta.url);

const LOCK_ADVICE: [string, string] = [
  'Rodea cada counter.value += 1 con el cerrojo del propio Value: await counter.getLock().acquire() ... release() (el mismo en todos los procesos, no uno nuevo por proceso).',
  'Wrap each counter.value += 1 in the Value\'s own lock: await counter.getLock().acquire() ... release() (the same one in every process, not a new one per process).',
];

afterEach(() => {
  for (const child of mp.activeChildren()) child.terminate();
});

/** Counts Process.start() calls made while fn runs. */
async function countingStarts<T>(fn: () => Promise<T>): Promise<{ value: T; starts: number }> {
  let starts = 0;
  const proto = mp.Process.prototype;
  const { start } = proto;
  proto.start = function (this: mp.Process) {
    starts += 1;
    return start.call(this);
  };
  try {
    return { value: await fn(), starts };
  } finally {
    proto.start = start;
  }
}

test('the child negates the parent\'s shared Array and sets the shared Value', async () => {
  const next = rng(11001);
  const values = Array.from({ length: 12 }, () => Math.floor(next() * 2001) - 1000);
  const { value, starts } = await countingStarts(() => negateInChild(values));
  expect(starts, say('negate debe ejecutarse en un proceso hijo (un Process con target: negate)',
    'negate must run in a child process (a Process with target: negate)')).toBe(1);
  if (JSON.stringify(value.arr) === JSON.stringify(values) || value.num === 0) {
    expect.fail(say(
      'el padre sigue viendo los valores originales: el hijo trabajó sobre una copia. Pasa en args el Value y el Array mismos, no num.value ni arr.toArray()',
      'the parent still sees the original values: the child worked on a copy. Pass the Value and the Array themselves in args, not num.value or arr.toArray()'));
  }
  expect(value.num, say('num.value', 'num.value')).toBe(3.1415927);
  expect(value.arr, say('cada elemento con el signo cambiado', 'every element with its sign flipped')).toEqual(values.map((v) => -v || 0));
});

test('negate runs in the child, which ends cleanly', async () => {
  // The parent must not write the results itself (target: negate(num, arr) calls it right here), and the
  // child must not die after its writes (an index past the end of the Array raises IndexError there).
  const parentWrites: number[] = [];
  // The prototype that holds the `value` accessor of a 'd' Value (mp.Value builds its instances elsewhere).
  let proto: object | null = Object.getPrototypeOf(new mp.Value('d', 0));
  while (proto !== null && Object.getOwnPropertyDescriptor(proto, 'value') === undefined) proto = Object.getPrototypeOf(proto);
  if (proto === null) throw new Error('test setup: no value accessor on mp.Value');
  const descriptor = Object.getOwnPropertyDescriptor(proto, 'value') as PropertyDescriptor;
  Object.defineProperty(proto, 'value', {
    ...descriptor,
    set(this: mp.Value<'d'>, v: number) {
      parentWrites.push(v);
      descriptor.set?.call(this, v);
    },
  });
  const tracebacks: string[] = [];
  const stop = tapChildOutput((chunk) => {
    if (chunk.stream === 'stderr' && chunk.text.includes('Traceback')) tracebacks.push(chunk.text);
  });
  let result: { num: number; arr: number[] };
  try {
    result = await negateInChild([4, -5, 6]);
  } finally {
    stop();
    Object.defineProperty(proto, 'value', descriptor);
  }
  if (parentWrites.includes(3.1415927)) {
    failLesson('target-called', [
      'el padre escribió 3.1415927 en num: negate se ejecutó en el proceso principal. Pasa la función sin llamarla: new mp.Process({ target: negate, args: [num, arr] })',
      'the parent wrote 3.1415927 into num: negate ran in the main process. Pass the function without calling it: new mp.Process({ target: negate, args: [num, arr] })']);
  }
  if (tracebacks.some((text) => text.includes('IndexError'))) {
    failLesson('wrong-count', [
      `el hijo escribió una posición de más y murió con IndexError: el bucle de negate va una vuelta más allá del final del Array. Recorre i < arr.length, no i <= arr.length\n${tracebacks[0]}`,
      `the child wrote one position too many and died with IndexError: negate's loop goes one turn past the end of the Array. Loop while i < arr.length, not i <= arr.length\n${tracebacks[0]}`]);
  }
  if (tracebacks.length > 0) {
    expect.fail(say(`el proceso hijo murió con un error después de escribir:\n${tracebacks[0]}`, `the child process died with an error after its writes:\n${tracebacks[0]}`));
  }
  expect(result).toEqual({ num: 3.1415927, arr: [-4, 5, -6] });
});

test('three processes count into one Value through one Barrier of three', async () => {
  // Judged by the locks held first: a lost increment depends on how the cores overlap on this run.
  const watch = watchRaces();
  const total = await countInProcesses(3, 50);
  expectNoRaces(watch, LOCK_ADVICE);
  expect(total, say('3 procesos × 50', '3 processes × 50')).toBe(150);
});

test('no increment is lost when processes race on two cores', async () => {
  // The race is judged from the locks held at each write, not from lost increments: two cores may or may not
  // collide on a given run, the verdict must not depend on it.
  const watch = watchRaces();
  const counter = new mp.Value('i', 0);
  const opening = new mp.Barrier(2);
  const times = 20_000;
  const processes = [0, 1].map(() => new mp.Process({ target: addReceipts, args: [counter, times, opening], targetModule: EXERCISE }));
  for (const p of processes) p.start();
  for (const p of processes) await p.join(30);
  expect(processes.map((p) => p.exitcode), say('los dos procesos terminan bien', 'both processes end well')).toEqual([0, 0]);
  expectNoRaces(watch, LOCK_ADVICE);
  const lost = 2 * times - counter.value;
  expect(lost, say(
    `se perdieron ${lost} incrementos: counter.value += 1 es leer y escribir, y el otro núcleo escribe en medio. Rodea cada incremento con counter.getLock()`,
    `${lost} increments were lost: counter.value += 1 is a read and a write, and the other core writes in between. Wrap each increment in counter.getLock()`))
    .toBe(0);
});

test('addReceipts in two threads of this process waits at the Barrier before counting', async () => {
  // Threads share this process's runtime, which reports a wait nobody awaited: an opening.wait() without await
  // is still waiting when the thread asks for the lock, and the runtime refuses that, the same in every run.
  const counter = new mp.Value('i', 0);
  const opening = new mp.Barrier(2);
  const unawaited: UnawaitedWait[] = [];
  const stopTap = tapUnawaitedWaits((wait) => void unawaited.push(wait));
  const threads = [0, 1].map((i) => new Thread({ target: addReceipts, args: [counter, 50, opening], name: `till-${i}` }));
  try {
    for (const t of threads) t.start();
    for (const t of threads) await t.join(20);
  } finally {
    stopTap();
  }
  const dropped = unawaited.find((wait) => wait.who.startsWith('till-'));
  if (dropped !== undefined) {
    failLesson('missing-await', [
      `${dropped.who} siguió sin esperar en ${dropped.what}${dropped.site === null ? '' : ` (${dropped.site})`}: una llamada sin await. Escribe await opening.wait() (y await en cada acquire), para que todos empiecen a contar a la vez`,
      `${dropped.who} went on without waiting in ${dropped.what}${dropped.site === null ? '' : ` (${dropped.site})`}: a call made without await. Write await opening.wait() (and await on every acquire), so that all start counting together`],
    ['await opening.wait(); después, por cada incremento: await lock.acquire(); try { counter.value += 1; } finally { lock.release(); }',
      'await opening.wait(); then, for every increment: await lock.acquire(); try { counter.value += 1; } finally { lock.release(); }']);
  }
  expect(threads.map((t) => t.isAlive()), say('los dos hilos terminan', 'both threads end')).toEqual([false, false]);
  expect(counter.value, say('2 hilos × 50', '2 threads × 50')).toBe(100);
});

test('countInProcesses shares one counter among all the processes', async () => {
  const next = rng(11002);
  const perProcess = 100 + Math.floor(next() * 400);
  const watch = watchRaces();
  const total = await countInProcesses(2, perProcess);
  if (total === 0) {
    expect.fail(say(
      'el contador del padre sigue en 0: cada hijo sumó en su propia copia. Pasa el Value mismo en args, no counter.value',
      'the parent\'s counter is still 0: each child added into its own copy. Pass the Value itself in args, not counter.value'));
  }
  expectNoRaces(watch, LOCK_ADVICE);
  expect(total, say(`2 procesos × ${perProcess}`, `2 processes × ${perProcess}`)).toBe(2 * perProcess);
  expect(mp.activeChildren(), say('countInProcesses espera a todos sus procesos', 'countInProcesses waits for all its processes')).toEqual([]);
});

test('bad counts are refused before starting anything; zero increments give 0', async () => {
  const { starts } = await countingStarts(async () => {
    await expect(countInProcesses(0, 10), say('processes < 1 → RangeError', 'processes < 1 → RangeError')).rejects.toThrow(RangeError);
    await expect(countInProcesses(2, -1), say('perProcess < 0 → RangeError', 'perProcess < 0 → RangeError')).rejects.toThrow(RangeError);
  });
  expect(starts, say('con datos inválidos no se arranca ningún proceso', 'with invalid input no process is started')).toBe(0);
  expect(await countInProcesses(2, 0), say('perProcess = 0 → 0', 'perProcess = 0 → 0')).toBe(0);
});

test('negating an empty array', async () => {
  expect(await negateInChild([]), say('un Array vacío sigue vacío; num vale 3.1415927', 'an empty Array stays empty; num is 3.1415927'))
    .toEqual({ num: 3.1415927, arr: [] });
});
