// Hidden tests for exercise 14: random batches, deadlines and races from a fixed seed; every error kept,
// cancellation at the deadline with cleanup awaited, no task left behind, bad input. Virtual clock.
import { describe, test, expect } from 'vitest';
import { say, seeded as rng } from '#grader/testkit';
import { allTasks, getRunningLoop, run, sleep } from '#runtime/asyncio';
import { failLesson, sim, rethrowIfNotImplemented } from '#course/kit';
import { fakeValidator, TrackedUpload, UploadError, ValidationError, type Verdict } from './support.ts';
import { fastestMirror, validateAll, withDeadline, type Outcome } from './exercise.ts';

const r6 = (x: number): number => Math.round(x * 1e6) / 1e6;

async function capture<T>(fn: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    rethrowIfNotImplemented(error);
    return { ok: false, error };
  }
}

// ---------------------------------------------------------------------------------------------------------
// validateAll

function batch(seed: number, size: number): Record<string, Verdict> {
  const next = rng(seed);
  const table: Record<string, Verdict> = {};
  const reasons = ['importe incorrecto', 'comprobante ilegible', 'fecha fuera de plazo', 'banco desconocido'];
  for (let i = 0; i < size; i++) {
    const id = `R-${String(Math.floor(next() * 90000) + 10000)}`;
    const after = (1 + Math.floor(next() * 20)) / 10;
    table[id] = next() < 0.3
      ? { after, fail: `${reasons[Math.floor(next() * reasons.length)]} (${id})` }
      : { after, code: `V-${Math.floor(next() * 1e6)}` };
  }
  return table;
}

describe('validateAll (hidden)', () => {
  for (const seed of [1401, 1402, 1403]) {
    test(`a random batch keeps every error with its receipt, seed ${seed}`, async () => {
      const table = batch(seed, 12 + (seed % 7));
      const ids = Object.keys(table);
      const { value, elapsed } = await sim(() => run(async () => {
        const { validate } = fakeValidator(table);
        const thrown = new Map<string, unknown>();
        const tracked = async (id: string): Promise<string> => {
          try {
            return await validate(id);
          } catch (error) {
            thrown.set(id, error);
            throw error;
          }
        };
        const report = await capture(() => validateAll(ids, tracked));
        return { report, thrown };
      }));
      const { report, thrown } = value;
      if (!report.ok) {
        const e = report.error as Error;
        expect.fail(say(`validateAll lanzó ${e.name}: "${e.message}". Un comprobante malo ha parado todo el lote: usa gather con returnExceptions: true`,
          `validateAll threw ${e.name}: "${e.message}". One bad receipt stopped the whole batch: use gather with returnExceptions: true`));
      }
      const outcomes: Outcome[] = report.value;
      expect(outcomes.map((o) => o.id), say('un resultado por comprobante, en el orden de ids', 'one outcome per receipt, in the order of ids')).toEqual(ids);
      for (const o of outcomes) {
        const verdict = table[o.id]!;
        if ('fail' in verdict) {
          if (o.ok) {
            expect.fail(say(`${o.id} falló con "${verdict.fail}" pero tu informe dice ok: el error se ha perdido (con returnExceptions los errores llegan como valores: compruébalo con instanceof Error)`,
              `${o.id} failed with "${verdict.fail}" but your report says ok: the error was swallowed (with returnExceptions errors come back as values: check with instanceof Error)`));
          }
          expect(o.error, say(`${o.id}: el informe debe llevar el mismo objeto Error que lanzó la validación`, `${o.id}: the report must carry the very Error the validation threw`))
            .toBe(thrown.get(o.id));
        } else {
          expect(o, say(`${o.id} es válido`, `${o.id} is valid`)).toEqual({ id: o.id, ok: true, value: verdict.code });
        }
      }
      const slowest = Math.max(...Object.values(table).map((v) => v.after));
      const total = r6(Object.values(table).reduce((s, v) => s + v.after, 0));
      if (r6(elapsed) === total) {
        expect.fail(say(`tardó ${String(total).replace('.', ',')} s, la suma de todas las validaciones: se hicieron una detrás de otra. Lánzalas todas a la vez con gather`,
          `it took ${total} s, the sum of all validations: they ran one after another. Launch them all at once with gather`));
      }
      expect(r6(elapsed), say('todas a la vez: tarda la validación más lenta', 'all at once: the slowest validation')).toBe(slowest);
    });
  }

  test('a batch where everything fails still returns a full report', async () => {
    const table: Record<string, Verdict> = {
      'R-9': { after: 0.4, fail: 'ilegible' }, 'R-8': { after: 0.2, fail: 'duplicado' }, 'R-7': { after: 0.3, fail: 'sin firma' },
    };
    const { value } = await sim(() => run(() => capture(() => validateAll(Object.keys(table), fakeValidator(table).validate))));
    if (!value.ok) expect.fail(say('validateAll no debe lanzar aunque fallen todos', 'validateAll must not throw even if all fail'));
    expect(value.value.map((o) => (o.ok ? 'ok' : o.error.message)), say('motivos en el orden de ids', 'reasons in the order of ids'))
      .toEqual(['ilegible', 'duplicado', 'sin firma']);
    expect(value.value.every((o) => !o.ok && o.error instanceof ValidationError)).toBe(true);
  });

  test('an empty batch returns [] at once', async () => {
    const { value, elapsed } = await sim(() => run(() => validateAll([], fakeValidator({}).validate)));
    expect(value).toEqual([]);
    expect(elapsed, say('un lote vacío no espera nada', 'an empty batch waits for nothing')).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------------------
// withDeadline

interface DeadlineRun {
  outcome: { ok: true; value: unknown } | { ok: false; error: unknown };
  returnedAt: number;
  upload: { startedAt: number | null; finishedAt: number | null; cancelledAt: number | null; cleanedAt: number | null };
  runningOnReturn: boolean;
  finishedLater: boolean;
}

async function deadlineRun(duration: number, seconds: number, cleanup: number, fails?: string): Promise<DeadlineRun> {
  const { value } = await sim(() => run(async () => {
    const loop = getRunningLoop();
    const t0 = loop.time();
    const upload = new TrackedUpload({ label: 'store', duration, cleanup, ...(fails !== undefined ? { fails } : {}) });
    const outcome = await capture(() => withDeadline(upload.run, seconds));
    const returnedAt = r6(loop.time() - t0);
    const runningOnReturn = upload.running;
    await sleep(duration + cleanup + 1); // long enough for a leaked upload to finish on its own
    const { startedAt, finishedAt, cancelledAt, cleanedAt } = upload;
    return { outcome, returnedAt, upload: { startedAt, finishedAt, cancelledAt, cleanedAt }, runningOnReturn, finishedLater: finishedAt !== null && finishedAt > returnedAt };
  }));
  return value;
}

describe('withDeadline (hidden)', () => {
  const next = rng(1410);
  const cases = Array.from({ length: 6 }, (_, i) => {
    const duration = (2 + Math.floor(next() * 30)) / 4;
    const seconds = (1 + Math.floor(next() * 30)) / 4 + 0.125; // never equal to duration: no tie
    const cleanup = Math.floor(next() * 4) / 8;
    return { i, duration, seconds, cleanup };
  });
  for (const { i, duration, seconds, cleanup } of cases) {
    test(`random deadline ${i + 1}: ${duration} s of work against ${seconds} s`, async () => {
      const r = await deadlineRun(duration, seconds, cleanup);
      if (!r.outcome.ok) expect.fail(say(`withDeadline lanzó ${String(r.outcome.error)}: un plazo vencido se devuelve como { status: 'timeout' }, no como excepción`,
        `withDeadline threw ${String(r.outcome.error)}: a missed deadline is returned as { status: 'timeout' }, not thrown`));
      if (duration < seconds) {
        expect(r.outcome.value, say('terminó a tiempo', 'it finished in time')).toEqual({ status: 'done', value: 'store:ok' });
        expect(r.returnedAt, say('vuelve en cuanto termina la operación', 'returns as soon as the operation ends')).toBe(duration);
        return;
      }
      expect(r.outcome.value, say('plazo vencido', 'deadline missed')).toEqual({ status: 'timeout' });
      if (r.upload.cancelledAt === null) {
        expect.fail(say(`la subida no se canceló: siguió corriendo tras el plazo${r.finishedLater ? ` y terminó a los ${String(r.upload.finishedAt).replace('.', ',')} s` : ''}. waitFor la cancela por ti; wait() o una carrera con sleep, no`,
          `the upload was never cancelled: it kept running after the deadline${r.finishedLater ? ` and finished at ${r.upload.finishedAt} s` : ''}. waitFor cancels it for you; wait() or a race against sleep do not`));
      }
      expect(r.upload.cancelledAt, say('la subida se cancela justo en el plazo', 'the upload is cancelled right at the deadline')).toBe(seconds);
      if (r.runningOnReturn) {
        expect.fail(say(`withDeadline volvió a los ${String(r.returnedAt).replace('.', ',')} s con la subida aún limpiando: espera a que la cancelación termine (sus finally) antes de volver`,
          `withDeadline returned at ${r.returnedAt} s with the upload still cleaning up: wait for the cancellation to finish (its finally blocks) before returning`));
      }
      expect(r.returnedAt, say('vuelve al terminar la limpieza', 'returns when the cleanup ends')).toBe(r6(seconds + cleanup));
    });
  }

  test('an operation that fails before the deadline propagates its own error, not a timeout', async () => {
    const r = await deadlineRun(0.5, 3, 0, 'espejo lleno');
    if (r.outcome.ok) {
      failLesson('error-swallowed', [`withDeadline devolvió ${JSON.stringify(r.outcome.value)} cuando la subida falló con UploadError: tu catch se tragó el error de la operación. Un error no es un timeout: devuelve { status: 'timeout' } solo para TimeoutError y relanza los demás (throw error)`,
        `withDeadline returned ${JSON.stringify(r.outcome.value)} when the upload failed with UploadError: your catch swallowed the operation's error. An error is not a timeout: return { status: 'timeout' } only for TimeoutError and rethrow the others (throw error)`]);
    }
    expect(r.outcome.error, say('el error de la operación, tal cual', 'the operation\'s error, unchanged')).toBeInstanceOf(UploadError);
    expect(r.returnedAt, say('falla en cuanto falla la operación', 'fails as soon as the operation fails')).toBe(0.5);
  });

  test('negative or non-finite seconds throw RangeError and never start the operation', async () => {
    for (const bad of [-1, -0.25, Number.NaN, Number.POSITIVE_INFINITY]) {
      const { value } = await sim(() => run(async () => {
        let calls = 0;
        const outcome = await capture(() => withDeadline(async () => {
          calls += 1;
          await sleep(1);
          return 'x';
        }, bad));
        await sleep(0);
        return { outcome, calls };
      }));
      expect(value.outcome.ok, say(`withDeadline(op, ${bad}) debe lanzar`, `withDeadline(op, ${bad}) must throw`)).toBe(false);
      if (!value.outcome.ok) {
        expect(value.outcome.error, say(`withDeadline(op, ${bad}) debe lanzar RangeError`, `withDeadline(op, ${bad}) must throw RangeError`)).toBeInstanceOf(RangeError);
      }
      expect(value.calls, say(`con seconds = ${bad} la operación no debe llegar a empezar`, `with seconds = ${bad} the operation must never start`)).toBe(0);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------
// fastestMirror

interface MirrorSpec { label: string; duration: number; cleanup: number; fails?: string }
interface RaceRun {
  outcome: { ok: true; value: unknown } | { ok: false; error: unknown };
  returnedAt: number;
  runningOnReturn: string[];
  finishedLater: string[];
  tasksOnReturn: number;
}

async function race(specs: readonly MirrorSpec[]): Promise<RaceRun> {
  const { value } = await sim(() => run(async () => {
    const loop = getRunningLoop();
    const t0 = loop.time();
    const uploads = specs.map((s) => new TrackedUpload({ label: s.label, duration: s.duration, cleanup: s.cleanup, ...(s.fails !== undefined ? { fails: s.fails } : {}) }));
    const outcome = await capture(() => fastestMirror(uploads.map((u) => u.run)));
    const returnedAt = r6(loop.time() - t0);
    const runningOnReturn = uploads.filter((u) => u.running).map((u) => u.label);
    const tasksOnReturn = allTasks().size;
    await sleep(Math.max(...specs.map((s) => s.duration + s.cleanup)) + 1);
    const finishedLater = uploads.filter((u) => u.finishedAt !== null && u.finishedAt > returnedAt).map((u) => u.label);
    return { outcome, returnedAt, runningOnReturn, finishedLater, tasksOnReturn };
  }));
  return value;
}

function leakProblem(r: RaceRun): string | null {
  if (r.runningOnReturn.length > 0 || r.finishedLater.length > 0) {
    const names = [...new Set([...r.runningOnReturn, ...r.finishedLater])].join(', ');
    return say(`cuando fastestMirror volvió, seguían vivas las subidas de ${names}: cancela las tareas pendientes y espera a que terminen de cancelarse`,
      `when fastestMirror returned, the uploads to ${names} were still alive: cancel the pending tasks and wait until their cancellation completes`);
  }
  if (r.tasksOnReturn > 1) {
    return say(`cuando fastestMirror volvió quedaban ${r.tasksOnReturn - 1} tareas vivas además de la principal: tareas fugadas`,
      `when fastestMirror returned there were ${r.tasksOnReturn - 1} live tasks besides the main one: leaked tasks`);
  }
  return null;
}

const CITIES = ['madrid', 'lima', 'bogota', 'quito', 'santiago', 'mexico', 'caracas', 'montevideo'];

describe('fastestMirror (hidden)', () => {
  for (const seed of [1421, 1422, 1423]) {
    test(`a random race of mirrors, some failing, seed ${seed}`, async () => {
      const next = rng(seed);
      const n = 3 + Math.floor(next() * 5);
      const durations = new Set<number>();
      while (durations.size < n) durations.add((1 + Math.floor(next() * 40)) / 8);
      const specs: MirrorSpec[] = [...durations].map((duration, i) => ({
        label: CITIES[i]!, duration, cleanup: Math.floor(next() * 3) / 8,
        ...(next() < 0.35 ? { fails: `${CITIES[i]} sin espacio` } : {}),
      }));
      // make sure the very first to finish fails, so "take whatever finishes first" is caught
      const fastest = [...specs].sort((a, b) => a.duration - b.duration)[0]!;
      fastest.fails = `${fastest.label} sin espacio`;
      if (specs.every((s) => s.fails !== undefined)) delete specs[specs.length - 1]!.fails;
      const winner = [...specs].filter((s) => s.fails === undefined).sort((a, b) => a.duration - b.duration)[0]!;
      const losers = specs.filter((s) => s.duration > winner.duration);
      const r = await race(specs);
      if (!r.outcome.ok) {
        const e = r.outcome.error as Error;
        expect.fail(say(`fastestMirror lanzó ${e.name}: "${e.message}" aunque ${winner.label} terminó bien a los ${String(winner.duration).replace('.', ',')} s. Que el primero en terminar falle no decide la carrera: sigue esperando a los pendientes`,
          `fastestMirror threw ${e.name}: "${e.message}" although ${winner.label} succeeded at ${winner.duration} s. The first to finish failing does not decide the race: keep waiting for the pending ones`));
      }
      expect(r.outcome.value, say('gana la primera subida que termina BIEN', 'the first upload that SUCCEEDS wins')).toBe(`${winner.label}:ok`);
      const problem = leakProblem(r);
      if (problem !== null) expect.fail(problem);
      const cleanup = Math.max(0, ...losers.map((s) => s.cleanup));
      expect(r.returnedAt, say('vuelve al ganar + lo que tarden en limpiar las canceladas', 'returns at the win + the time the cancelled ones take to clean up'))
        .toBe(r6(winner.duration + cleanup));
    });
  }

  test('when every mirror fails, an AggregateError lists the errors in the order of mirrors', async () => {
    const specs: MirrorSpec[] = [
      { label: 'madrid', duration: 2, cleanup: 0, fails: 'madrid caído' },
      { label: 'lima', duration: 0.5, cleanup: 0, fails: 'lima lleno' },
      { label: 'quito', duration: 1, cleanup: 0, fails: 'quito sin permiso' },
    ];
    const r = await race(specs);
    if (r.outcome.ok) expect.fail(say(`fastestMirror devolvió ${String(r.outcome.value)} aunque fallaron todos`, `fastestMirror returned ${String(r.outcome.value)} although all failed`));
    const error = r.outcome.error;
    // wait() of an empty set: the loop went round once more after the last mirror had failed.
    if (error instanceof Error && error.message === 'Set of Tasks/Futures is empty.') {
      failLesson('wrong-count', [
        `fastestMirror llamó a wait() una vez más sin ningún espejo pendiente (${error.name}: ${error.message}): el bucle da una vuelta de más. Sigue solo mientras quede alguno, while (remaining.size > 0), y al salir lanza el AggregateError`,
        `fastestMirror called wait() once more with no mirror pending (${error.name}: ${error.message}): the loop goes round once too often. Keep going only while one is left, while (remaining.size > 0), and after the loop throw the AggregateError`]);
    }
    expect(error, say('si fallan todos, AggregateError', 'if all fail, AggregateError')).toBeInstanceOf(AggregateError);
    const agg = error as AggregateError;
    expect(agg.message).toBe('all mirrors failed');
    expect(agg.errors.map((e: Error) => e.message), say('errores en el orden de mirrors, no en el de llegada', 'errors in the order of mirrors, not of arrival'))
      .toEqual(['madrid caído', 'lima lleno', 'quito sin permiso']);
    expect(r.returnedAt, say('hay que esperar al último en fallar', 'it must wait for the last one to fail')).toBe(2);
  });

  test('a single successful mirror, and cancelled losers that take time to clean up', async () => {
    const r = await race([
      { label: 'madrid', duration: 4, cleanup: 0.5 },
      { label: 'lima', duration: 1.5, cleanup: 0 },
      { label: 'quito', duration: 6, cleanup: 0.75 },
    ]);
    if (!r.outcome.ok) expect.fail(String(r.outcome.error));
    const problem = leakProblem(r);
    if (problem !== null) expect.fail(problem);
    expect(r.outcome.value).toBe('lima:ok');
    expect(r.returnedAt, say('1,5 s + la limpieza más larga de las canceladas (0,75 s)', '1.5 s + the longest cleanup of the cancelled ones (0.75 s)')).toBe(2.25);
  });

  test('no mirrors is a RangeError', async () => {
    const { value } = await sim(() => run(() => capture(() => fastestMirror([]))));
    expect(value.ok, say('fastestMirror([]) debe lanzar', 'fastestMirror([]) must throw')).toBe(false);
    if (!value.ok) expect(value.error, say('fastestMirror([]) debe lanzar RangeError', 'fastestMirror([]) must throw RangeError')).toBeInstanceOf(RangeError);
  });
});
