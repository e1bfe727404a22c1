// Visible tests for exercise 19: the first error of a batch stops the others; a supervision that returns at the
// first error or at a deadline and leaves the rest running. Virtual clock: every time is exact.
import { describe, test, expect } from 'vitest';
import { expectLesson, failLesson, say, sim } from '#course/kit';
import { createTask, getRunningLoop, run, sleep } from '#runtime/asyncio';
import { FraudError, TrackedJob, validatorOf } from './support.ts';
import { superviseUploads, validateBatch } from './exercise.ts';

const es = (x: number): string => String(x).replace('.', ',');

function batchOf(spec: [string, number, string?][]): Map<string, TrackedJob> {
  return new Map(spec.map(([id, duration, fails]) => [id, new TrackedJob({ label: id, duration, kind: 'validation', cleanup: 0.1, ...(fails !== undefined ? { fails } : {}) })]));
}

describe('validateBatch', () => {
  test('a clean batch returns every code, in the order of ids', async () => {
    const { value, elapsed } = await sim(() => run(async () => {
      const jobs = batchOf([['R-1', 0.3], ['R-2', 0.1], ['R-3', 0.2]]);
      return validateBatch([...jobs.keys()], validatorOf(jobs).validate);
    }));
    expect(value, say('los códigos en el orden de ids', 'the codes in the order of ids')).toEqual(['V-R-1', 'V-R-2', 'V-R-3']);
    expect(elapsed, say('todas a la vez: la más lenta, 0,3 s', 'all at once: the slowest, 0.3 s')).toBe(0.3);
  });

  test('the first forged receipt rejects the batch and stops the other validations', async () => {
    const { value } = await sim(() => run(async () => {
      const loop = getRunningLoop();
      const jobs = batchOf([['R-1', 3], ['R-2', 1, 'firma falsa'], ['R-3', 2]]);
      let thrown: unknown = null;
      try {
        await validateBatch([...jobs.keys()], validatorOf(jobs).validate);
      } catch (error) {
        if (error instanceof Error && error.message.includes('Not implemented yet')) throw error;
        thrown = error;
      }
      const returnedAt = loop.time();
      const running = [...jobs.values()].filter((j) => j.running).map((j) => j.label);
      await sleep(5);
      const finishedLater = [...jobs.values()].filter((j) => j.finishedAt !== null).map((j) => j.label);
      return { thrown, returnedAt, running, finishedLater, cancelledAt: [...jobs.values()].map((j) => j.cancelledAt) };
    }));
    expectLesson(value.thrown !== null, 'error-swallowed', ['validateBatch volvió sin lanzar nada, y R-2 era falso: el FraudError se perdió por el camino. Deja que salga (sin catch que lo trague)',
      'validateBatch returned without throwing, and R-2 was forged: the FraudError got lost on the way. Let it out (no catch that swallows it)']);
    expect(value.thrown, say('validateBatch lanza el FraudError de R-2, el mismo objeto', 'validateBatch throws R-2\'s FraudError, the very object')).toBeInstanceOf(FraudError);
    expect((value.thrown as Error).message).toBe('firma falsa');
    if (value.finishedLater.length > 0) {
      failLesson('missing-cancel', [`las validaciones ${value.finishedLater.join(', ')} siguieron hasta el final después del error, y el lote tenía que pararse ahí. gather sin returnExceptions lanza el primer error en cuanto ocurre pero NO cancela a las demás (con returnExceptions, además, espera a todas). Crea tú las tareas y cancélalas`,
        `validations ${value.finishedLater.join(', ')} went on to the end after the error, and the batch had to stop there. gather without returnExceptions raises the first error as soon as it happens but does NOT cancel the others (with returnExceptions it also waits for all). Create the tasks yourself and cancel them`]);
    }
    expectLesson(value.running.length === 0, 'missing-join', [`al volver siguen en marcha ${value.running.join(', ')}: espera a que terminen de cancelarse (await gather(..., { returnExceptions: true }) o await de cada tarea)`,
      `on return ${value.running.join(', ')} are still running: wait until they finish cancelling (await gather(..., { returnExceptions: true }) or await each task)`]);
    expect(value.cancelledAt, say('R-1 y R-3 se cancelan en el instante del error (1 s)', 'R-1 and R-3 are cancelled the moment the error happens (1 s)')).toEqual([1, null, 1]);
    expect(value.returnedAt, say(`vuelve tras la limpieza de las canceladas: 1 s + 0,1 s`, 'returns after the cancelled ones clean up: 1 s + 0.1 s')).toBe(1.1);
  });
});

describe('superviseUploads', () => {
  test('returns at the first error and leaves the other uploads running', async () => {
    const { value } = await sim(() => run(async () => {
      const loop = getRunningLoop();
      const jobs = [new TrackedJob({ label: 'A', duration: 0.5 }), new TrackedJob({ label: 'B', duration: 1.5, fails: 'disco lleno' }), new TrackedJob({ label: 'C', duration: 4 })];
      const tasks = jobs.map((j) => createTask(j.run, { name: j.label }));
      let report: Awaited<ReturnType<typeof superviseUploads>>;
      try {
        report = await superviseUploads(tasks, 10);
      } catch (error) {
        // `const { done } = wait(...)` takes done from the Promise, not from its result: undefined.
        if (error instanceof TypeError && /of undefined \(reading '(has|size|forEach)'\)/.test(error.message)) return { crashed: error.message };
        throw error;
      }
      const at = loop.time();
      const pending = report.pending.map((t) => t.getName());
      const cRunning = jobs[2]!.running;
      await sleep(5);
      return { outcome: report.outcome, done: report.done, failed: report.failed, pending, at, cRunning, cFinished: jobs[2]!.finishedAt };
    }));
    if ('crashed' in value) {
      failLesson('missing-await', [
        `superviseUploads falló al leer done (${value.crashed}): done es undefined porque lo sacaste de la promesa de wait(), no de su resultado. Escribe const { done } = await wait(uploads, { returnWhen: FIRST_EXCEPTION, timeout: seconds })`,
        `superviseUploads failed reading done (${value.crashed}): done is undefined because you took it from wait()'s Promise, not from its result. Write const { done } = await wait(uploads, { returnWhen: FIRST_EXCEPTION, timeout: seconds })`],
      ['wait() devuelve una promesa de { done, pending }: const { done } = await wait(...).', 'wait() returns a Promise of { done, pending }: const { done } = await wait(...).']);
    }
    if (value.at === 0.5) {
      failLesson('wrong-return-when', ['volvió a los 0,5 s, cuando A terminó bien: FIRST_COMPLETED vuelve con la primera que termina, sea como sea. Para esperar al primer error, returnWhen: FIRST_EXCEPTION',
        'it returned at 0.5 s, when A finished well: FIRST_COMPLETED returns with the first one to finish, however it ends. To wait for the first error, returnWhen: FIRST_EXCEPTION']);
    }
    if (value.at === 4) {
      failLesson('waits-for-all', ['volvió a los 4 s, cuando ya habían terminado todas: esperó a todas (ALL_COMPLETED, el valor por defecto, o un await de cada tarea) en vez de volver con el primer error a los 1,5 s. Usa wait(uploads, { returnWhen: FIRST_EXCEPTION, timeout: seconds })',
        'it returned at 4 s, once every upload had finished: it waited for all of them (ALL_COMPLETED, the default, or an await on each task) instead of returning at the first error at 1.5 s. Use wait(uploads, { returnWhen: FIRST_EXCEPTION, timeout: seconds })']);
    }
    expect(value.at, say(`vuelve en el primer error (1,5 s), no a los ${es(value.at)} s`, `returns at the first error (1.5 s), not at ${value.at} s`)).toBe(1.5);
    expect({ outcome: value.outcome, done: value.done, failed: value.failed, pending: value.pending }, say('el informe a los 1,5 s', 'the report at 1.5 s'))
      .toEqual({ outcome: 'first-error', done: ['A'], failed: ['B'], pending: ['C'] });
    if (!value.cRunning || value.cFinished === null) {
      expect.fail(say('C se canceló: superviseUploads solo informa, lo que sigue en marcha sigue en marcha (wait no cancela nada; no llames a cancel)',
        'C was cancelled: superviseUploads only reports, what is still running keeps running (wait cancels nothing; do not call cancel)'));
    }
    expect(value.cFinished, say('C termina sola a los 4 s', 'C finishes by itself at 4 s')).toBe(4);
  });

  test('returns at the deadline without cancelling anything', async () => {
    const { value } = await sim(() => run(async () => {
      const loop = getRunningLoop();
      const jobs = [new TrackedJob({ label: 'A', duration: 1 }), new TrackedJob({ label: 'B', duration: 3 }), new TrackedJob({ label: 'C', duration: 5, fails: 'cuota superada' })];
      const tasks = jobs.map((j) => createTask(j.run, { name: j.label }));
      const report = await superviseUploads(tasks, 2);
      const at = loop.time();
      await sleep(6);
      return { outcome: report.outcome, done: report.done, failed: report.failed, pending: report.pending.map((t) => t.getName()), at, finished: jobs.map((j) => j.finishedAt ?? j.failedAt) };
    }));
    if (value.at > 2) {
      expect.fail(say(`volvió a los ${es(value.at)} s con un plazo de 2 s: pasa el plazo a wait, wait(uploads, { returnWhen: FIRST_EXCEPTION, timeout: seconds })`,
        `it returned at ${value.at} s with a 2 s deadline: give wait the deadline, wait(uploads, { returnWhen: FIRST_EXCEPTION, timeout: seconds })`));
    }
    expect(value.at, say('vuelve al vencer el plazo (2 s)', 'returns when the deadline passes (2 s)')).toBe(2);
    expect({ outcome: value.outcome, done: value.done, failed: value.failed, pending: value.pending }, say('el informe a los 2 s', 'the report at 2 s'))
      .toEqual({ outcome: 'timeout', done: ['A'], failed: [], pending: ['B', 'C'] });
    expect(value.finished, say('B y C siguen y terminan a su hora (3 s y 5 s): el plazo de wait no cancela', 'B and C go on and end on time (3 s and 5 s): wait\'s deadline does not cancel')).toEqual([1, 3, 5]);
  });
});
