// Hidden tests for exercise 13: random steps from a fixed seed, exact virtual times (sum vs. max), tasks really
// created, nothing left un-awaited, the Future bridge on success and failure, main's exact output, bad input.
import { describe, test, expect } from 'vitest';
import { say, seeded as rng } from '#grader/testkit';
import { allTasks, createTask, Future, getRunningLoop, run, sleep, TimeoutError, waitFor } from '#runtime/asyncio';
import { failLesson, sim, rethrowIfNotImplemented } from '#course/kit';
import { FakeBank, PaymentRejectedError, type BankAnswer } from './support.ts';
import { confirmPayment, main, runConcurrent, runSequential, sayAfter, type Step } from './exercise.ts';

const r6 = (x: number): number => Math.round(x * 1e6) / 1e6;

const CHORES = ['copia guardada', 'pago contabilizado', 'secretaría avisada', 'recibo archivado', 'beca comprobada',
  'expediente actualizado', 'factura emitida', 'tutor informado'];

/** 3-7 steps with distinct delays in tenths of a second (so no two finish at the same instant). */
function randomSteps(seed: number): Step[] {
  const next = rng(seed);
  const n = 3 + Math.floor(next() * 5);
  const delays = new Set<number>();
  while (delays.size < n) delays.add((1 + Math.floor(next() * 40)) / 10);
  return [...delays].map((delay, i) => ({ delay, what: `${CHORES[i % CHORES.length]} #${Math.floor(next() * 900) + 100}` }));
}

const sum = (steps: readonly Step[]): number => r6(steps.reduce((s, x) => s + x.delay, 0));
const max = (steps: readonly Step[]): number => Math.max(0, ...steps.map((s) => s.delay));
const byFinish = (steps: readonly Step[]): string[] => [...steps].sort((a, b) => a.delay - b.delay).map((s) => s.what);

interface Observed { results: unknown; returnedAt: number; tasksSeen: number }

/** Runs fn inside run(), recording when it returned and how many tasks existed halfway through the first step. */
async function observe(fn: () => Promise<unknown>, peekAt: number): Promise<{ value: Observed; elapsed: number; output: string[] }> {
  const { value, elapsed, output } = await sim(() => run(async () => {
    const loop = getRunningLoop();
    const t0 = loop.time();
    let tasksSeen = 0;
    const peek = createTask(async () => {
      await sleep(peekAt);
      tasksSeen = allTasks().size;
    });
    const results = await fn();
    const returnedAt = r6(loop.time() - t0);
    await peek;
    return { results, returnedAt, tasksSeen };
  }));
  return { value, elapsed, output: [...output] };
}

function awaitProblem(name: string, value: Observed, expectedTime: number): [string, string] | null {
  if (Array.isArray(value.results) && value.results.some((r) => r instanceof Promise || r instanceof Future)) {
    return [`${name} devolvió promesas o tareas en vez de textos: falta un await delante de cada resultado`,
      `${name} returned promises or tasks instead of strings: an await is missing in front of each result`];
  }
  if (value.returnedAt < expectedTime) {
    return [`${name} volvió a los ${String(value.returnedAt).replace('.', ',')} s, antes de que terminaran sus pasos (${String(expectedTime).replace('.', ',')} s): llamaste a una corrutina o creaste una tarea sin esperarla con await`,
      `${name} returned at ${value.returnedAt} s, before its steps were done (${expectedTime} s): you called a coroutine or created a task without awaiting it`];
  }
  return null;
}

describe('sequential versus concurrent (hidden)', () => {
  for (const seed of [1301, 1302, 1303]) {
    test(`runSequential takes the sum of random delays, seed ${seed}`, async () => {
      const steps = randomSteps(seed);
      const { value, output } = await observe(() => runSequential(steps), 0.05);
      const problem = awaitProblem('runSequential', value, sum(steps));
      if (problem !== null) failLesson('missing-await', problem);
      expect(value.results, say('resultados en el orden de steps', 'results in the order of steps')).toEqual(steps.map((s) => s.what));
      expect(output, say('en secuencia se imprime en el orden de steps', 'in sequence the output follows the order of steps'))
        .toEqual(steps.map((s) => s.what));
      expect(value.returnedAt, say('tiempo de runSequential (suma de los delay)', 'time of runSequential (sum of the delays)')).toBe(sum(steps));
    });

    test(`runConcurrent takes the longest of random delays, seed ${seed}`, async () => {
      const steps = randomSteps(seed + 100);
      const { value, output } = await observe(() => runConcurrent(steps), Math.min(...steps.map((s) => s.delay)) / 2);
      const problem = awaitProblem('runConcurrent', value, max(steps));
      if (problem !== null) failLesson('missing-await', problem);
      if (value.returnedAt === sum(steps)) {
        expect.fail(say(`runConcurrent tardó ${String(sum(steps)).replace('.', ',')} s (la suma) en vez de ${String(max(steps)).replace('.', ',')} s (el máximo): hiciste await de cada tarea nada más crearla. Crea todas primero y espéralas después`,
          `runConcurrent took ${sum(steps)} s (the sum) instead of ${max(steps)} s (the maximum): you awaited each task right after creating it. Create them all first, then await them`));
      }
      expect(value.returnedAt, say('tiempo de runConcurrent (el delay más largo)', 'time of runConcurrent (the longest delay)')).toBe(max(steps));
      expect(value.results, say('resultados en el orden de steps, no en el orden en que terminan', 'results in the order of steps, not in the order they finish'))
        .toEqual(steps.map((s) => s.what));
      expect(output, say('a la vez, cada paso imprime al terminar: del más corto al más largo', 'concurrently, each step prints when it ends: shortest first'))
        .toEqual(byFinish(steps));
    });
  }

  test('each concurrent step runs in its own asyncio task', async () => {
    const steps = randomSteps(1310);
    const { value } = await observe(() => runConcurrent(steps), Math.min(...steps.map((s) => s.delay)) / 2);
    const problem = awaitProblem('runConcurrent', value, max(steps));
    if (problem !== null) failLesson('missing-await', problem);
    if (value.returnedAt === sum(steps)) {
      expect.fail(say('los pasos se ejecutaron uno detrás de otro: crea todas las tareas antes de esperar ninguna',
        'the steps ran one after another: create every task before awaiting any'));
    }
    // While the steps sleep, the live tasks are: the main task, the peeking task, and one per step.
    expect(value.tasksSeen, say(`a mitad del primer paso solo había ${value.tasksSeen - 2} tareas además de las del test, para ${steps.length} pasos: usa createTask para cada paso (Promise.all de corrutinas no crea tareas)`,
      `halfway through the first step there were only ${value.tasksSeen - 2} tasks besides the test's own, for ${steps.length} steps: use createTask for each step (Promise.all of coroutines creates no tasks)`))
      .toBeGreaterThanOrEqual(steps.length + 2);
  });

  test('empty step lists return [] at once', async () => {
    const { value, elapsed, output } = await sim(() => run(async () => [await runSequential([]), await runConcurrent([])]));
    expect(value, say('listas vacías', 'empty lists')).toEqual([[], []]);
    expect(elapsed, say('sin pasos no se espera nada', 'with no steps nothing is awaited')).toBe(0);
    expect(output).toEqual([]);
  });
});

describe('errors and bad input (hidden)', () => {
  test('sayAfter rejects negative or non-finite delays with RangeError, without waiting or printing', async () => {
    for (const bad of [-1, -0.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const { value, elapsed, output } = await sim(() => run(async () => {
        try {
          await sayAfter(bad, 'nunca');
          return null;
        } catch (e) {
          rethrowIfNotImplemented(e);
          return e;
        }
      }));
      expect(value, say(`sayAfter(${bad}, …) debe lanzar RangeError`, `sayAfter(${bad}, …) must throw RangeError`)).toBeInstanceOf(RangeError);
      expect(output, say(`sayAfter(${bad}, …) no debe imprimir nada`, `sayAfter(${bad}, …) must print nothing`)).toEqual([]);
      expect(r6(elapsed), say(`sayAfter(${bad}, …) no debe esperar`, `sayAfter(${bad}, …) must not wait`)).toBe(0);
    }
  });

  test('a failing step stops runSequential at that step and reaches the caller', async () => {
    const steps = randomSteps(1320);
    const k = 2;
    const broken = steps.map((s, i) => (i === k ? { ...s, delay: -1 } : s));
    const { value, elapsed, output } = await sim(() => run(async () => {
      try {
        await runSequential(broken);
        return null;
      } catch (e) {
        rethrowIfNotImplemented(e);
        return e;
      }
    }));
    expect(value, say('el RangeError del paso roto debe llegar a quien llama', 'the broken step\'s RangeError must reach the caller')).toBeInstanceOf(RangeError);
    expect(output, say('solo se imprimen los pasos anteriores al roto', 'only the steps before the broken one print'))
      .toEqual(steps.slice(0, k).map((s) => s.what));
    expect(r6(elapsed), say('se para en el paso roto', 'it stops at the broken step')).toBe(sum(steps.slice(0, k)));
  });

  test('a failing step makes runConcurrent reject with that error', async () => {
    const steps = randomSteps(1321);
    const broken = steps.map((s, i) => (i === steps.length - 1 ? { ...s, delay: Number.NaN } : s));
    const { value } = await sim(() => run(async () => {
      try {
        await runConcurrent(broken);
        return null;
      } catch (e) {
        rethrowIfNotImplemented(e);
        return e;
      }
    }));
    expect(value, say('runConcurrent debe rechazar con el RangeError del paso roto (¿esperas todas las tareas?)',
      'runConcurrent must reject with the broken step\'s RangeError (do you await every task?)')).toBeInstanceOf(RangeError);
  });
});

describe('futures (hidden)', () => {
  test('several confirmPayment futures at once: codes, rejections and exact time', async () => {
    const next = rng(1330);
    const table: Record<string, BankAnswer> = {};
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      const id = `R-${1000 + Math.floor(next() * 9000)}-${i}`;
      const after = (1 + Math.floor(next() * 30)) / 10;
      table[id] = next() < 0.35 ? { after, reject: `pago ${id} no encontrado` } : { after, code: `OK-${Math.floor(next() * 1e6)}` };
      ids.push(id);
    }
    const { value, elapsed } = await sim(() => run(async () => {
      const bank = new FakeBank(table);
      const futures = ids.map((id) => confirmPayment(bank, id));
      const kinds = futures.map((f) => f instanceof Future);
      const settled = [];
      for (const f of futures) {
        try {
          settled.push({ ok: true, value: await waitFor(f, 100) });
        } catch (e) {
          settled.push({ ok: false, error: e });
        }
      }
      return { kinds, settled, calls: [...bank.calls] };
    }));
    if (value.kinds.some((k) => !k)) {
      expect.fail(say('confirmPayment debe devolver un Future creado con getRunningLoop().createFuture()',
        'confirmPayment must return a Future created with getRunningLoop().createFuture()'));
    }
    expect(value.calls, say('confirmPayment debe llamar a bank.confirm una vez por comprobante, enseguida', 'confirmPayment must call bank.confirm once per receipt, right away'))
      .toEqual(ids);
    for (let i = 0; i < ids.length; i++) {
      const answer = table[ids[i]!]!;
      const got = value.settled[i]!;
      if ('code' in answer) {
        expect(got, say(`el banco confirmó ${ids[i]} con ${answer.code}`, `the bank confirmed ${ids[i]} with ${answer.code}`))
          .toEqual({ ok: true, value: answer.code });
      } else {
        if (!got.ok && got.error instanceof TimeoutError) {
          failLesson('missing-signal', [`el Future de ${ids[i]} no terminó nunca cuando el banco lo rechazó: en el callback, llama a setException(error)`,
            `the Future for ${ids[i]} never completed when the bank rejected it: in the callback, call setException(error)`]);
        }
        expect(got.ok, say(`el banco rechazó ${ids[i]}: await del Future debe lanzar su error`, `the bank rejected ${ids[i]}: awaiting the Future must throw its error`)).toBe(false);
        expect(got.error, say('el error debe ser el PaymentRejectedError del banco', 'the error must be the bank\'s PaymentRejectedError')).toBeInstanceOf(PaymentRejectedError);
        expect((got.error as Error).message).toBe(answer.reject);
      }
    }
    expect(elapsed, say('todas las confirmaciones van a la vez: el tiempo es la respuesta más lenta', 'all confirmations run at once: the time is the slowest answer'))
      .toBe(Math.max(...Object.values(table).map((a) => a.after)));
  });
});

describe('main (hidden)', () => {
  test('main prints started, each step as it ends, and the elapsed time with one decimal', async () => {
    const steps = randomSteps(1340);
    const { value, output, elapsed } = await sim(() => main(steps));
    if (r6(elapsed) === sum(steps)) {
      expect.fail(say(`main tardó ${String(sum(steps)).replace('.', ',')} s (la suma) en vez de ${String(max(steps)).replace('.', ',')} s: los pasos se ejecutaron uno detrás de otro`,
        `main took ${sum(steps)} s (the sum) instead of ${max(steps)} s: the steps ran one after another`));
    }
    expect(value, say('main devuelve los resultados en el orden de steps', 'main returns the results in the order of steps')).toEqual(steps.map((s) => s.what));
    expect(output.at(-1), say('la última línea de main (un decimal: toFixed(1))', 'the last line of main (one decimal: toFixed(1))'))
      .toBe(`finished after ${max(steps).toFixed(1)} s`);
    expect(output, say('salida exacta de main', 'exact output of main'))
      .toEqual(['started', ...byFinish(steps), `finished after ${max(steps).toFixed(1)} s`]);
    expect(r6(elapsed), say('main tarda lo que el paso más lento', 'main takes as long as the slowest step')).toBe(max(steps));
  });

  test('main with no steps prints finished after 0.0 s', async () => {
    const { value, output } = await sim(() => main([]));
    expect(value).toEqual([]);
    expect(output, say('salida exacta de main sin pasos', 'exact output of main with no steps')).toEqual(['started', 'finished after 0.0 s']);
  });
});
