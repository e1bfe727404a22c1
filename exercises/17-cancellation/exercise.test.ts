// Visible tests for exercise 17: an upload that cleans up when cancelled and lets the cancellation through, and
// a closing window that waits for every cleanup. Virtual clock: every time is exact.
import { describe, test, expect } from 'vitest';
import { expectLesson, failLesson, rethrowIfNotImplemented, say, sim } from '#course/kit';
import { CancelledError, createTask, getRunningLoop, InvalidStateError, run, sleep, TimeoutError, waitFor } from '#runtime/asyncio';
import { FakeStorage } from './support.ts';
import { closeWindow, uploadReceipt, type WindowReport } from './exercise.ts';

const es = (x: number): string => String(x).replace('.', ',');


/** closeWindow, with the one surprising error it can raise explained. */
async function close(tasks: Parameters<typeof closeWindow>[0]): Promise<WindowReport> {
  try {
    return await closeWindow(tasks);
  } catch (error) {
    if (error instanceof InvalidStateError) {
      failLesson('missing-await', ['closeWindow leyó el resultado de una tarea que aún no había terminado (InvalidStateError): tras cancelarlas, espéralas todas con await wait(uploads) antes de preguntar cancelled(), exception() o result()',
        "closeWindow read the result of a task that had not finished yet (InvalidStateError): after cancelling them, wait for all of them with await wait(uploads) before asking cancelled(), exception() or result()"]);
    }
    if (!(error instanceof CancelledError)) throw error;
    throw new Error(say('closeWindow lanzó CancelledError: task.exception() y task.result() lanzan CancelledError en una tarea cancelada. Pregunta primero task.cancelled()',
      'closeWindow threw CancelledError: task.exception() and task.result() raise CancelledError on a cancelled task. Ask task.cancelled() first'), { cause: error });
  }
}

describe('uploadReceipt', () => {
  test('an upload writes every chunk, then commits', async () => {
    const { value, elapsed } = await sim(() => run(async () => {
      const storage = new FakeStorage();
      const writes = (): number => storage.events.filter((e) => e.op === 'write').length;
      let address: string;
      try {
        address = await uploadReceipt(storage, { id: 'R-0001', chunks: 4 });
      } catch (error) {
        rethrowIfNotImplemented(error);
        expectLesson(writes() === 4, 'wrong-count', [`uploadReceipt escribió ${writes()} trozos de un comprobante de 4 y falló (${String(error)}): el bucle va del trozo 0 al 3, chunk < receipt.chunks`,
          `uploadReceipt wrote ${writes()} chunks of a 4-chunk receipt and failed (${String(error)}): the loop goes from chunk 0 to 3, chunk < receipt.chunks`]);
        throw error;
      }
      expectLesson(writes() === 4, 'wrong-count', [`uploadReceipt escribió ${writes()} trozos de un comprobante de 4: el bucle va del trozo 0 al 3, chunk < receipt.chunks`,
        `uploadReceipt wrote ${writes()} chunks of a 4-chunk receipt: the loop goes from chunk 0 to 3, chunk < receipt.chunks`]);
      return { address, ops: storage.events.map((e) => `${e.op}${e.chunk ?? ''}@${e.at}`), partial: storage.partial() };
    }));
    expect(value.address, say('la dirección que devuelve commit', 'the address commit returns')).toBe('rcpt/R-0001');
    expect(value.ops, say('cuatro trozos de 0,5 s, uno detrás de otro, y el commit (0,1 s)',
      'four chunks of 0.5 s, one after another, then the commit (0.1 s)'))
      .toEqual(['write0@0.5', 'write1@1', 'write2@1.5', 'write3@2', 'commit@2.1']);
    expect(elapsed).toBe(2.1);
  });

  test('a chunk that fails is tried again', async () => {
    const { value } = await sim(() => run(async () => {
      const storage = new FakeStorage({ 'R-0002': [1, 1] }); // chunk 1 fails twice, then works
      const address = await uploadReceipt(storage, { id: 'R-0002', chunks: 2 });
      return { address, ops: storage.events.map((e) => `${e.op}${e.chunk ?? ''}@${e.at}`) };
    }));
    expect(value.ops, say('el trozo 1 falla dos veces (StorageError y NetworkError) y a la tercera va',
      'chunk 1 fails twice (StorageError and NetworkError) and the third try works'))
      .toEqual(['write0@0.5', 'fail1@1', 'fail1@1.5', 'write1@2', 'commit@2.1']);
    expect(value.address).toBe('rcpt/R-0002');
  });

  test('a cancelled upload removes its half-written file and ends cancelled', async () => {
    const { value } = await sim(() => run(async () => {
      const storage = new FakeStorage();
      const task = createTask(() => uploadReceipt(storage, { id: 'R-0003', chunks: 6 }));
      await sleep(1.2); // two chunks written, the third one halfway
      task.cancel();
      let raised: string;
      try {
        raised = `returned ${JSON.stringify(await task)}`;
      } catch (error) {
        rethrowIfNotImplemented(error);
        raised = error instanceof CancelledError ? 'CancelledError' : String(error);
      }
      const endedAt = getRunningLoop().time();
      await sleep(5); // long enough for a task that ignored the cancellation to show itself
      return { raised, cancelled: task.cancelled(), endedAt, events: storage.events, partial: storage.partial() };
    }));
    const writesAfter = value.events.filter((e) => e.op === 'write' && e.at > 1.2);
    if (writesAfter.length > 0) {
      failLesson('error-swallowed', [`la subida siguió escribiendo trozos después de cancelarla (a los ${writesAfter.map((e) => es(e.at)).join('; ')} s): un catch que captura cualquier error también captura CancelledError. Relánzalo: if (error instanceof CancelledError) throw error`,
        `the upload went on writing chunks after it was cancelled (at ${writesAfter.map((e) => e.at).join(', ')} s): a catch that takes any error takes CancelledError too. Re-throw it: if (error instanceof CancelledError) throw error`]);
    }
    if (!value.cancelled) {
      failLesson('error-swallowed', [`task.cancelled() es false (await task: ${value.raised}): uploadReceipt capturó CancelledError y terminó como si nada. Limpia y relánzala: la cancelación tiene que salir de uploadReceipt`,
        `task.cancelled() is false (await task: ${value.raised}): uploadReceipt caught CancelledError and ended as if nothing happened. Clean up and re-throw it: the cancellation has to leave uploadReceipt`]);
    }
    expect(value.raised, say('await task lanza CancelledError', 'await task raises CancelledError')).toBe('CancelledError');
    expect(value.partial, say('el archivo a medias debe borrarse (storage.remove) al cancelar', 'the half-written file must be removed (storage.remove) on cancel')).toEqual([]);
    expect(value.events.filter((e) => e.op === 'remove').map((e) => e.at), say('el borrado empieza en el instante de la cancelación (1,2 s) y tarda 0,2 s',
      'the removal starts the moment it is cancelled (1.2 s) and takes 0.2 s')).toEqual([1.4]);
    expect(value.endedAt, say('la tarea termina cuando ha limpiado', 'the task ends once it has cleaned up')).toBe(1.4);
  });

  test('waitFor gives up at its deadline, once the upload has cleaned up', async () => {
    const { value } = await sim(() => run(async () => {
      const loop = getRunningLoop();
      const storage = new FakeStorage();
      let outcome = 'returned';
      try {
        await waitFor(() => uploadReceipt(storage, { id: 'R-0004', chunks: 8 }), 1);
      } catch (error) {
        rethrowIfNotImplemented(error);
        outcome = error instanceof TimeoutError ? 'TimeoutError' : String(error);
      }
      return { outcome, at: loop.time(), partial: storage.partial() };
    }));
    if (value.outcome === 'returned') {
      failLesson('error-swallowed', [`waitFor no lanzó TimeoutError y volvió a los ${es(value.at)} s: la subida se tragó la cancelación y terminó como si nada. No captures CancelledError sin relanzarlo`,
        `waitFor did not raise TimeoutError and returned at ${value.at} s: the upload swallowed the cancellation and ended as if nothing happened. Do not catch CancelledError without re-throwing it`]);
    }
    expect(value.outcome).toBe('TimeoutError');
    expect(value.at, say('el plazo (1 s) más el borrado (0,2 s)', 'the deadline (1 s) plus the removal (0.2 s)')).toBe(1.2);
    expect(value.partial, say('nada a medias en el almacenamiento', 'nothing half-written left on the storage')).toEqual([]);
  });
});

describe('closeWindow', () => {
  test('closeWindow cancels what is still running and waits for every cleanup', async () => {
    const { value } = await sim(() => run(async () => {
      const loop = getRunningLoop();
      const storage = new FakeStorage();
      const tasks = [
        createTask(() => uploadReceipt(storage, { id: 'R-0010', chunks: 1 }), { name: 'R-0010' }),
        createTask(() => uploadReceipt(storage, { id: 'R-0011', chunks: 5 }), { name: 'R-0011' }),
        createTask(() => uploadReceipt(storage, { id: 'R-0012', chunks: 9 }), { name: 'R-0012' }),
      ];
      await sleep(1);
      const report = await close(tasks);
      return { report, at: loop.time(), partial: storage.partial(), committed: storage.committed() };
    }));
    const notCancelled = ['R-0011', 'R-0012'].filter((id) => value.report.uploaded.includes(`rcpt/${id}`));
    expectLesson(notCancelled.length === 0, 'missing-cancel', [`${notCancelled.join(' y ')} terminaron de subirse: closeWindow tiene que cancelar (task.cancel()) cada subida que siga en marcha antes de esperarlas`,
      `${notCancelled.join(' and ')} finished uploading: closeWindow has to cancel (task.cancel()) every upload still running before waiting for them`]);
    expect(value.report, say('R-0010 ya había terminado; las otras dos se cancelan', 'R-0010 had finished; the other two are cancelled'))
      .toEqual({ uploaded: ['rcpt/R-0010'], cancelled: ['R-0011', 'R-0012'], failed: [] });
    expect(value.partial, say('closeWindow vuelve cuando todas han borrado sus archivos a medias', 'closeWindow returns once every upload has removed its half-written file')).toEqual([]);
    expect(value.at, say('cierra a 1 s y vuelve tras el borrado de 0,2 s', 'closes at 1 s and returns after the 0.2 s removal')).toBe(1.2);
  });
});
