// Hidden tests for exercise 19: random batches and supervisions from fixed seeds; the first error by time wins,
// survivors are cancelled and awaited; wait's report at the first error or the deadline, with nothing cancelled;
// an empty list and bad deadlines. Virtual clock.
import { describe, test, expect } from 'vitest';
import { say, seeded, sim } from '#course/kit';
import { createTask, getRunningLoop, run, sleep } from '#runtime/asyncio';
import { FraudError, TrackedJob, validatorOf } from './support.ts';
import { superviseUploads, validateBatch } from './exercise.ts';

const r6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/** Distinct durations (in eighths of a second), so that no two jobs end at the same instant. */
function durations(seed: number, count: number): number[] {
  const next = seeded(seed);
  const picked = new Set<number>();
  while (picked.size < count) picked.add(1 + Math.floor(next() * 40));
  return [...picked].map((k) => k / 8);
}

describe('validateBatch (hidden)', () => {
  for (const seed of [1901, 1902, 1903, 1904]) {
    test(`a random batch with forgeries, seed ${seed}: the earliest one is thrown, the rest stopped`, async () => {
      const next = seeded(seed + 100);
      const count = 6 + Math.floor(next() * 6);
      const times = durations(seed, count);
      const spec = times.map((duration, i) => ({ id: `R-${seed}-${i}`, duration, fails: next() < 0.3 ? `firma falsa ${i}` : undefined }));
      if (spec.every((s) => s.fails === undefined)) spec[count - 1]!.fails = 'firma falsa final';
      const first = [...spec].filter((s) => s.fails !== undefined).sort((a, b) => a.duration - b.duration)[0]!;
      const cleanup = 0.125;
      const { value } = await sim(() => run(async () => {
        const loop = getRunningLoop();
        const jobs = new Map(spec.map((s) => [s.id, new TrackedJob({ label: s.id, duration: s.duration, cleanup, kind: 'validation', ...(s.fails !== undefined ? { fails: s.fails } : {}) })]));
        let thrown: unknown = null;
        try {
          await validateBatch(spec.map((s) => s.id), validatorOf(jobs).validate);
        } catch (error) {
          if (error instanceof Error && error.message.includes('Not implemented yet')) throw error;
          thrown = error;
        }
        const returnedAt = r6(loop.time());
        const running = [...jobs.values()].filter((j) => j.running).map((j) => j.label);
        await sleep(10);
        const late = [...jobs.values()].filter((j) => (j.finishedAt ?? j.failedAt ?? 0) > first.duration).map((j) => j.label);
        return { thrown, returnedAt, running, late };
      }));
      if (!(value.thrown instanceof FraudError)) expect.fail(say(`validateBatch debía lanzar el FraudError de ${first.id}, y dio: ${String(value.thrown)}`, `validateBatch should throw ${first.id}'s FraudError, and gave: ${String(value.thrown)}`));
      expect(value.thrown.message, say('el error que llegó primero en el tiempo (no el primero de la lista)', 'the error that came first in time (not the first in the list)')).toBe(first.fails);
      if (value.late.length > 0) {
        expect.fail(say(`tras el primer error (${String(first.duration).replace('.', ',')} s), ${value.late.length} validación(es) siguieron hasta el final: cancela a las supervivientes`,
          `after the first error (${first.duration} s), ${value.late.length} validation(s) went on to the end: cancel the survivors`));
      }
      expect(value.running, say('ninguna validación en marcha al volver', 'no validation running on return')).toEqual([]);
      expect(value.returnedAt, say('vuelve en el primer error más la limpieza de las canceladas (0,125 s)', 'returns at the first error plus the cancelled ones\' cleanup (0.125 s)')).toBe(r6(first.duration + cleanup));
    });
  }

  test('a random clean batch returns every code in order, in the time of the slowest', async () => {
    const times = durations(1910, 9);
    const ids = times.map((_, i) => `R-${i}`);
    const { value, elapsed } = await sim(() => run(() => {
      const jobs = new Map(ids.map((id, i) => [id, new TrackedJob({ label: id, duration: times[i]!, kind: 'validation' })]));
      return validateBatch(ids, validatorOf(jobs).validate);
    }));
    expect(value).toEqual(ids.map((id) => `V-${id}`));
    expect(r6(elapsed), say('todas a la vez', 'all at once')).toBe(Math.max(...times));
  });

  test('an empty batch returns [] at once', async () => {
    const { value, elapsed } = await sim(() => run(() => validateBatch([], validatorOf(new Map()).validate)));
    expect(value).toEqual([]);
    expect(elapsed).toBe(0);
  });
});

describe('superviseUploads (hidden)', () => {
  for (const seed of [1921, 1922, 1923, 1924, 1925]) {
    test(`random uploads and deadline, seed ${seed}: the report, and nothing cancelled`, async () => {
      const next = seeded(seed + 100);
      const count = 4 + Math.floor(next() * 6);
      const times = durations(seed, count);
      const spec = times.map((duration, i) => ({ name: `U${i}`, duration, fails: next() < 0.25 ? `cuota ${i}` : undefined }));
      const seconds = r6((1 + Math.floor(next() * 40)) / 8 + 1 / 16); // never equal to a job's end
      const firstError = Math.min(...spec.filter((s) => s.fails !== undefined).map((s) => s.duration));
      const lastEnd = Math.max(...times);
      const at = Math.min(firstError, seconds, lastEnd);
      const want = {
        outcome: firstError <= at ? 'first-error' : lastEnd <= at ? 'all-done' : 'timeout',
        done: spec.filter((s) => s.duration <= at && s.fails === undefined).map((s) => s.name),
        failed: spec.filter((s) => s.duration <= at && s.fails !== undefined).map((s) => s.name),
        pending: spec.filter((s) => s.duration > at).map((s) => s.name),
      };
      const { value } = await sim(() => run(async () => {
        const loop = getRunningLoop();
        const jobs = spec.map((s) => new TrackedJob({ label: s.name, duration: s.duration, ...(s.fails !== undefined ? { fails: s.fails } : {}) }));
        const tasks = jobs.map((j) => createTask(j.run, { name: j.label }));
        const report = await superviseUploads(tasks, seconds);
        const returnedAt = r6(loop.time());
        await sleep(10);
        const cancelled = jobs.filter((j) => j.cancelledAt !== null).map((j) => j.label);
        for (const t of tasks) if (t.done() && !t.cancelled()) t.exception(); // retrieved: no warning at the end
        return { report: { outcome: report.outcome, done: report.done, failed: report.failed, pending: report.pending.map((t) => t.getName()) }, returnedAt, cancelled };
      }));
      expect(value.returnedAt, say('vuelve en el primer error, al vencer el plazo o cuando terminan todas, lo que llegue antes', 'returns at the first error, at the deadline or when all are done, whichever comes first')).toBe(r6(at));
      expect(value.report, say('el informe, en el orden de las subidas', 'the report, in the order of the uploads')).toEqual(want);
      expect(value.cancelled, say('superviseUploads no cancela nada: lo pendiente sigue en marcha', 'superviseUploads cancels nothing: what is pending keeps running')).toEqual([]);
    });
  }

  test('an empty list is all done at once; a bad deadline throws RangeError', async () => {
    const { value } = await sim(() => run(async () => {
      const loop = getRunningLoop();
      let empty: unknown;
      try {
        empty = await superviseUploads([], 1);
      } catch (error) {
        empty = `${(error as Error).name}: ${(error as Error).message}`;
      }
      const at = loop.time();
      const errors: string[] = [];
      for (const seconds of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
        try {
          await superviseUploads([], seconds);
          errors.push('returned');
        } catch (error) {
          errors.push(error instanceof RangeError ? 'RangeError' : String(error));
        }
      }
      return { empty, at, errors };
    }));
    if (typeof value.empty === 'string') {
      expect.fail(say(`superviseUploads([]) lanzó ${value.empty}: wait() no acepta una lista vacía; sin subidas, devuelve { outcome: 'all-done', ... } sin llamar a wait`,
        `superviseUploads([]) threw ${value.empty}: wait() does not accept an empty list; with no uploads, return { outcome: 'all-done', ... } without calling wait`));
    }
    expect(value.empty).toEqual({ outcome: 'all-done', done: [], failed: [], pending: [] });
    expect(value.at).toBe(0);
    expect(value.errors, say('-1, NaN e Infinity lanzan RangeError', '-1, NaN and Infinity throw RangeError')).toEqual(['RangeError', 'RangeError', 'RangeError']);
  });
});
