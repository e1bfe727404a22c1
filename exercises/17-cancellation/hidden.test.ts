// Hidden tests for exercise 17: random uploads, failures and cancellation instants from fixed seeds; a cancelled
// upload stops at once, cleans up, and ends cancelled; a closing window leaves nothing running. Virtual clock.
import { describe, test, expect } from 'vitest';
import { expectLesson, rethrowIfNotImplemented, say, seeded, sim } from '#course/kit';
import { CancelledError, createTask, getRunningLoop, run, sleep, type Task } from '#runtime/asyncio';
import {
  ATTEMPTS_PER_CHUNK, CHUNK_SECONDS, COMMIT_SECONDS, FakeStorage, NetworkError, REMOVE_SECONDS, StorageError,
  type FailurePlan, type StorageEvent,
} from './support.ts';
import { closeWindow, uploadReceipt, type WindowReport } from './exercise.ts';

const r6 = (x: number): number => Math.round(x * 1e6) / 1e6;
const es = (x: number): string => String(r6(x)).replace('.', ',');


/** What an upload should do, computed from the plan: the events and the end time. */
function expectedRun(id: string, chunks: number, plan: number[]): { events: string[]; end: number; fails: boolean } {
  const left = [...plan];
  const events: string[] = [];
  let t = 0;
  for (let chunk = 0; chunk < chunks; chunk++) {
    for (let attempt = 1; ; attempt++) {
      t = r6(t + CHUNK_SECONDS);
      const k = left.indexOf(chunk);
      if (k < 0) {
        events.push(`write${chunk}@${t}`);
        break;
      }
      left.splice(k, 1);
      events.push(`fail${chunk}@${t}`);
      if (attempt === ATTEMPTS_PER_CHUNK) {
        t = r6(t + REMOVE_SECONDS);
        events.push(`remove@${t}`);
        return { events, end: t, fails: true };
      }
    }
  }
  t = r6(t + COMMIT_SECONDS);
  events.push(`commit@${t}`);
  void id;
  return { events, end: t, fails: false };
}

/** closeWindow, with the one surprising error it can raise explained. */
async function close(tasks: Parameters<typeof closeWindow>[0]): Promise<WindowReport> {
  try {
    return await closeWindow(tasks);
  } catch (error) {
    if (!(error instanceof CancelledError)) throw error;
    throw new Error(say('closeWindow lanzó CancelledError: task.exception() y task.result() lanzan CancelledError en una tarea cancelada. Pregunta primero task.cancelled()',
      'closeWindow threw CancelledError: task.exception() and task.result() raise CancelledError on a cancelled task. Ask task.cancelled() first'), { cause: error });
  }
}

const show = (events: StorageEvent[]): string[] => events.map((e) => `${e.op}${e.chunk ?? ''}@${e.at}`);

describe('uploadReceipt (hidden)', () => {
  for (const seed of [1701, 1702, 1703, 1704]) {
    test(`random failures, seed ${seed}: every failed chunk retried, errors after ${ATTEMPTS_PER_CHUNK} tries`, async () => {
      const next = seeded(seed);
      const chunks = 2 + Math.floor(next() * 5);
      const plan: number[] = [];
      for (let c = 0; c < chunks; c++) {
        const failures = next() < 0.5 ? 0 : 1 + Math.floor(next() * 3); // 0..3 failures of this chunk
        for (let k = 0; k < failures; k++) plan.push(c);
      }
      const id = `R-${seed}`;
      const want = expectedRun(id, chunks, plan);
      const { value } = await sim(() => run(async () => {
        const storage = new FakeStorage({ [id]: plan } as FailurePlan);
        let outcome: { ok: true; value: string } | { ok: false; error: unknown };
        try {
          outcome = { ok: true, value: await uploadReceipt(storage, { id, chunks }) };
        } catch (error) {
          rethrowIfNotImplemented(error);
          outcome = { ok: false, error };
        }
        return { outcome, events: show(storage.events), at: r6(getRunningLoop().time()), partial: storage.partial() };
      }));
      expect(value.events, say(`lo que hizo el almacenamiento (trozos ${chunks}, fallos planeados en los trozos [${plan.join(', ')}]); cada trozo se intenta como mucho ${ATTEMPTS_PER_CHUNK} veces`,
        `what the storage did (${chunks} chunks, failures planned on chunks [${plan.join(', ')}]); each chunk is tried at most ${ATTEMPTS_PER_CHUNK} times`)).toEqual(want.events);
      if (want.fails) {
        if (value.outcome.ok) expect.fail(say('un trozo falló 3 veces: uploadReceipt debe lanzar el último error, no devolver nada', 'a chunk failed 3 times: uploadReceipt must throw the last error, not return'));
        const error = value.outcome.error;
        expect(error instanceof StorageError || error instanceof NetworkError, say('el error que lanzó el almacenamiento, tal cual', 'the error the storage threw, as it was')).toBe(true);
        expect(value.partial, say('tras rendirse, el archivo a medias se borra', 'after giving up, the half-written file is removed')).toEqual([]);
      } else {
        expect(value.outcome, say('la dirección del comprobante', 'the receipt address')).toEqual({ ok: true, value: `rcpt/${id}` });
      }
      expect(value.at, say('tiempo total', 'total time')).toBe(want.end);
    });
  }

  for (const seed of [1711, 1712, 1713]) {
    test(`cancelled at a random instant, seed ${seed}: stops at once, cleans up, ends cancelled`, async () => {
      const next = seeded(seed);
      const chunks = 3 + Math.floor(next() * 6);
      const plan = Array.from({ length: chunks }, (_, c) => c).filter(() => next() < 0.4); // some chunks fail once
      const cancelAt = r6(0.05 + Math.floor(next() * (chunks * 4)) / 8);
      const { value } = await sim(() => run(async () => {
        const storage = new FakeStorage({ 'R-X': plan });
        const task = createTask(() => uploadReceipt(storage, { id: 'R-X', chunks }));
        await sleep(cancelAt);
        const wasDone = task.done();
        task.cancel();
        let raised: string;
        try {
          raised = `returned ${JSON.stringify(await task)}`;
        } catch (error) {
          rethrowIfNotImplemented(error);
          raised = error instanceof CancelledError ? 'CancelledError' : `${(error as Error).name}`;
        }
        const endedAt = r6(getRunningLoop().time());
        await sleep(chunks * 2); // a task that ignored the cancellation would keep writing meanwhile
        return { wasDone, raised, cancelled: task.cancelled(), endedAt, events: storage.events, partial: storage.partial(), committed: storage.committed() };
      }));
      if (value.wasDone) return; // (never with these seeds: the upload takes longer than cancelAt)
      const late = value.events.filter((e) => (e.op === 'write' || e.op === 'fail' || e.op === 'commit') && e.at > cancelAt);
      if (late.length > 0) {
        expect.fail(say(`cancelada a los ${es(cancelAt)} s, la subida siguió trabajando (${show(late).join(', ')}): un catch que reintenta "cualquier error" también reintenta CancelledError. Déjalo pasar: if (error instanceof CancelledError) throw error`,
          `cancelled at ${cancelAt} s, the upload kept working (${show(late).join(', ')}): a catch that retries "any error" retries CancelledError too. Let it through: if (error instanceof CancelledError) throw error`));
      }
      if (!value.cancelled) {
        expect.fail(say(`task.cancelled() es false: uploadReceipt capturó CancelledError y terminó normalmente (await task dio: ${value.raised}). Quien cancela necesita ver la cancelación: relánzala después de limpiar`,
          `task.cancelled() is false: uploadReceipt caught CancelledError and ended normally (await task gave: ${value.raised}). Whoever cancels needs to see the cancellation: re-throw it after cleaning up`));
      }
      expect(value.partial, say('el archivo a medias se borra al cancelar', 'the half-written file is removed on cancel')).toEqual([]);
      expect(value.committed, say('una subida cancelada no se guarda', 'a cancelled upload is not stored')).toEqual([]);
      expect(value.endedAt, say(`cancelada a los ${es(cancelAt)} s + 0,2 s de borrado`, `cancelled at ${cancelAt} s + 0.2 s of removal`)).toBe(r6(cancelAt + REMOVE_SECONDS));
    });
  }

  test('cancelled during the commit: nothing stored, the file removed', async () => {
    const { value } = await sim(() => run(async () => {
      const storage = new FakeStorage();
      const task = createTask(() => uploadReceipt(storage, { id: 'R-C', chunks: 2 }));
      await sleep(1.05); // both chunks written at 1 s; the commit ends at 1.1 s
      task.cancel();
      try {
        await task;
      } catch (error) {
        rethrowIfNotImplemented(error);
      }
      return { cancelled: task.cancelled(), partial: storage.partial(), committed: storage.committed(), at: r6(getRunningLoop().time()) };
    }));
    expect(value.committed, say('cancelada durante el commit: no se guarda', 'cancelled during the commit: not stored')).toEqual([]);
    expectLesson(value.partial.length === 0 || !value.cancelled, 'missing-await', ['cancelada durante el commit, la subida no se guardó y su archivo a medias se quedó: ¿esperas el commit con await antes de darlo por guardado? Sin await, stored = true llega antes de que el commit termine y el finally ya no borra',
      'cancelled during the commit, the upload was not stored and its half-written file stayed: do you await the commit before counting it as stored? Without await, stored = true comes before the commit ends and the finally no longer removes it']);
    expect(value.partial, say('y el archivo a medias se borra', 'and the half-written file is removed')).toEqual([]);
    expect(value.cancelled, say('la tarea termina cancelada', 'the task ends cancelled')).toBe(true);
    expect(value.at).toBe(1.25);
  });

  test('a finished upload leaves no removal behind', async () => {
    const { value } = await sim(() => run(async () => {
      const storage = new FakeStorage();
      await uploadReceipt(storage, { id: 'R-F', chunks: 1 });
      await sleep(1);
      return show(storage.events);
    }));
    expect(value, say('una subida que termina bien no borra su comprobante', 'an upload that ends well does not remove its receipt')).toEqual(['write0@0.5', 'commit@0.6']);
  });
});

describe('closeWindow (hidden)', () => {
  for (const seed of [1721, 1722, 1723]) {
    test(`a random window, seed ${seed}: every upload reported once, nothing left running`, async () => {
      const next = seeded(seed);
      const count = 5 + Math.floor(next() * 6);
      const receipts = Array.from({ length: count }, (_, i) => ({ id: `R-${seed}-${i}`, chunks: 1 + Math.floor(next() * 6) }));
      const plan: FailurePlan = {};
      for (const r of receipts) if (next() < 0.3) plan[r.id] = [0, 0, 0]; // fails for good at 1.5 s + 0.2 s
      const closeAt = [1, 1.25, 1.75, 2, 2.25, 2.5, 2.75][Math.floor(next() * 7)]!; // never while a failed upload removes its file (1.5-1.7 s)
      const { value } = await sim(() => run(async () => {
        const loop = getRunningLoop();
        const storage = new FakeStorage(plan);
        const tasks: Task<string>[] = receipts.map((r) => createTask(() => uploadReceipt(storage, r), { name: r.id }));
        await sleep(closeAt);
        const report = await close(tasks);
        const returnedAt = r6(loop.time());
        const runningOnReturn = tasks.filter((t) => !t.done()).map((t) => t.getName());
        const eventsBefore = storage.events.length;
        await sleep(20);
        return { report, returnedAt, runningOnReturn, partial: storage.partial(), laterEvents: storage.events.length - eventsBefore };
      }));
      const want = { uploaded: [] as string[], cancelled: [] as string[], failed: [] as string[] };
      let end = closeAt;
      for (const r of receipts) {
        const run1 = expectedRun(r.id, r.chunks, plan[r.id] ?? []);
        if (run1.end <= closeAt) (run1.fails ? want.failed : want.uploaded).push(run1.fails ? r.id : `rcpt/${r.id}`);
        else if (run1.fails && r6(run1.end - REMOVE_SECONDS) <= closeAt) {
          want.failed.push(r.id); // already removing its file when the window closed
          end = Math.max(end, run1.end);
        } else {
          want.cancelled.push(r.id);
          end = Math.max(end, r6(closeAt + REMOVE_SECONDS));
        }
      }
      if (value.runningOnReturn.length > 0) {
        expect.fail(say(`closeWindow volvió con subidas aún en marcha (${value.runningOnReturn.join(', ')}): cancel() solo lo pide; espera a que terminen (wait o gather con returnExceptions)`,
          `closeWindow returned with uploads still running (${value.runningOnReturn.join(', ')}): cancel() only asks; wait for them to finish (wait, or gather with returnExceptions)`));
      }
      expect(value.report, say('cada subida en su lista, en el orden de las tareas', 'each upload in its list, in the order of the tasks')).toEqual(want);
      expect(value.partial, say('ningún archivo a medias al volver', 'no half-written file on return')).toEqual([]);
      expect(value.laterEvents, say('después de closeWindow el almacenamiento no hace nada más', 'after closeWindow the storage does nothing more')).toBe(0);
      expect(value.returnedAt, say('closeWindow vuelve cuando termina la última limpieza', 'closeWindow returns when the last cleanup ends')).toBe(r6(end));
    });
  }

  test('closing an empty window, or one where everything is done, returns at once', async () => {
    const { value } = await sim(() => run(async () => {
      const loop = getRunningLoop();
      const empty = await close([]);
      const storage = new FakeStorage();
      const tasks = [createTask(() => uploadReceipt(storage, { id: 'R-A', chunks: 1 }), { name: 'R-A' })];
      await sleep(1);
      const t0 = loop.time();
      const done = await close(tasks);
      return { empty, done, waited: r6(loop.time() - t0) };
    }));
    expect(value.empty, say('sin subidas, informe vacío', 'no uploads, an empty report')).toEqual({ uploaded: [], cancelled: [], failed: [] });
    expect(value.done).toEqual({ uploaded: ['rcpt/R-A'], cancelled: [], failed: [] });
    expect(value.waited, say('nada que cancelar: vuelve sin esperar', 'nothing to cancel: returns without waiting')).toBe(0);
  });
});
