// Visible tests for exercise 14: the basic behaviour of the three functions, on the virtual clock.
import { describe, test, expect } from 'vitest';
import { allTasks, currentTask, getRunningLoop, run, sleep } from '#runtime/asyncio';
import { tapUnawaitedWaits, type UnawaitedWait } from '#runtime/testing';
import { expectLesson, failLesson, say, sim } from '#course/kit';
import { fakeValidator, TrackedUpload, ValidationError } from './support.ts';
import { fastestMirror, validateAll, withDeadline } from './exercise.ts';

describe('gather, waitFor, wait', () => {
  test('validateAll reports every receipt, failures included, in the order given', async () => {
    const { value, elapsed } = await sim(() => run(async () => {
      const { validate } = fakeValidator({
        'R-1': { after: 0.3, code: 'valid' },
        'R-2': { after: 0.1, fail: 'importe incorrecto' },
        'R-3': { after: 0.2, code: 'valid' },
      });
      try {
        return await validateAll(['R-1', 'R-2', 'R-3'], validate);
      } catch (error) {
        if (error instanceof ValidationError) return error;
        throw error;
      }
    }));
    if (value instanceof ValidationError) {
      failLesson('failure-not-isolated', [`validateAll lanzó "${value.message}": el fallo de R-2 paró todo el lote. Usa gather con returnExceptions: true`,
        `validateAll threw "${value.message}": R-2's failure stopped the whole batch. Use gather with returnExceptions: true`]);
    }
    // results[i] of a Promise is undefined: every receipt "valid" with no value is gather's result read unawaited.
    expectLesson(!value.every((o) => o.ok && o.value === undefined), 'missing-await', [
      'validateAll dio todos los comprobantes por válidos y sin valor (undefined): leyó los resultados antes de que gather terminara. gather devuelve una promesa: const results = await gather(...)',
      'validateAll reported every receipt as valid with no value (undefined): it read the results before gather had finished. gather returns a promise: const results = await gather(...)']);
    if (value[1]?.ok === true) {
      failLesson('error-swallowed', ['R-2 falló ("importe incorrecto") y el informe dice que fue bien: el error se ha perdido',
        'R-2 failed ("importe incorrecto") and the report says it went fine: the error was swallowed']);
    }
    expect(value.map((o) => [o.id, o.ok]), say('un resultado por comprobante, en el orden de ids', 'one outcome per receipt, in the order of ids'))
      .toEqual([['R-1', true], ['R-2', false], ['R-3', true]]);
    const failed = value[1]!;
    if (failed.ok) return;
    expect(failed.error, say('el error de R-2', 'the error of R-2')).toBeInstanceOf(ValidationError);
    expect(failed.error.message).toBe('importe incorrecto');
    if (Math.abs(elapsed - 0.6) < 1e-9) {
      failLesson('not-concurrent', ['tardó 0,6 s, la suma de las tres validaciones: se hicieron una detrás de otra. Lánzalas a la vez con gather',
        'it took 0.6 s, the sum of the three validations: they ran one after another. Launch them at once with gather']);
    }
    expect(elapsed, say('las validaciones van a la vez: tarda la más lenta (0,3 s)', 'validations run at once: the slowest one (0.3 s)')).toBe(0.3);
  });

  test('withDeadline returns the value when the operation finishes in time', async () => {
    const { value, elapsed } = await sim(() => run(async () => {
      const upload = new TrackedUpload({ label: 'store', duration: 1, result: 'rcpt/0001' });
      return withDeadline(upload.run, 2);
    }));
    const result: unknown = value?.status === 'done' ? value.value : undefined;
    expectLesson(!(result instanceof Promise), 'missing-await', [
      'withDeadline devolvió { status: \'done\', value: <una Promise> }: guardó la promesa de waitFor sin esperarla. Escribe value: await waitFor(operation, seconds), dentro del try para que su TimeoutError llegue al catch',
      'withDeadline returned { status: \'done\', value: <a Promise> }: it stored waitFor\'s promise without waiting for it. Write value: await waitFor(operation, seconds), inside the try so that its TimeoutError reaches the catch']);
    expect(value, say('resultado a tiempo', 'result in time')).toEqual({ status: 'done', value: 'rcpt/0001' });
    expect(elapsed, say('no hay que esperar al plazo si la operación termina antes', 'no need to wait for the deadline if the operation ends first')).toBe(1);
  });

  test('withDeadline cancels a slow operation and waits for its cleanup', async () => {
    const { value } = await sim(() => run(async () => {
      const loop = getRunningLoop();
      const t0 = loop.time();
      const upload = new TrackedUpload({ label: 'store', duration: 5, cleanup: 0.25 });
      const result = await withDeadline(upload.run, 1);
      const returnedAt = loop.time() - t0;
      const runningOnReturn = upload.running;
      await sleep(10); // long enough for a leaked upload to show itself
      return { result, returnedAt, runningOnReturn, cancelledAt: upload.cancelledAt, cleanedAt: upload.cleanedAt };
    }));
    // Cancelled at the deadline means waitFor raised TimeoutError; returning nothing then means a catch dropped it.
    expectLesson(value.result !== undefined || value.cancelledAt === null, 'error-swallowed', [
      'withDeadline no devolvió nada (undefined) al vencer el plazo: waitFor canceló la subida y lanzó TimeoutError, y tu catch se lo tragó. En el catch, devuelve { status: \'timeout\' } si es un TimeoutError y relanza cualquier otro error (throw error)',
      'withDeadline returned nothing (undefined) when the deadline passed: waitFor cancelled the upload and raised TimeoutError, and your catch swallowed it. In the catch, return { status: \'timeout\' } for a TimeoutError and rethrow any other error (throw error)']);
    expect(value.result, say('resultado con plazo vencido', 'result past the deadline')).toEqual({ status: 'timeout' });
    if (value.cancelledAt === null) {
      expect.fail(say('la subida no se canceló nunca: siguió corriendo tras el plazo. waitFor la cancela por ti; wait() o una carrera con sleep, no',
        'the upload was never cancelled: it kept running after the deadline. waitFor cancels it for you; wait() or a race against sleep do not'));
    }
    if (value.runningOnReturn) {
      expect.fail(say(`withDeadline volvió a los ${String(value.returnedAt).replace('.', ',')} s con la subida aún sin terminar de cancelarse: espera a que termine su limpieza (sus finally)`,
        `withDeadline returned at ${value.returnedAt} s with the upload not yet done cancelling: wait for its cleanup (its finally blocks) to finish`));
    }
    expect(value.cancelledAt, say('la subida debe cancelarse justo en el plazo (1 s)', 'the upload must be cancelled right at the deadline (1 s)')).toBe(1);
    expect(value.cleanedAt, say('la limpieza (0,25 s) debe terminar antes de volver', 'the cleanup (0.25 s) must finish before returning')).toBe(1.25);
    expect(value.returnedAt, say('withDeadline vuelve cuando la subida cancelada ha limpiado', 'withDeadline returns once the cancelled upload has cleaned up')).toBe(1.25);
  });

  test('fastestMirror keeps the first upload that succeeds and cancels the rest', async () => {
    // Waits the main task left pending when it ended: the sign of a wait() whose promise nobody awaited.
    const unawaited: UnawaitedWait[] = [];
    const stop = tapUnawaitedWaits((wait) => void unawaited.push(wait));
    let race;
    try {
      race = await sim(() => run(async () => {
        const loop = getRunningLoop();
        const t0 = loop.time();
        const mirrors = [
          new TrackedUpload({ label: 'madrid', duration: 3 }),
          new TrackedUpload({ label: 'lima', duration: 1 }),
          new TrackedUpload({ label: 'bogota', duration: 2 }),
        ];
        const winner = await fastestMirror(mirrors.map((m) => m.run));
        const returnedAt = loop.time() - t0;
        const stillRunning = mirrors.filter((m) => m.running).map((m) => m.label);
        const cancelled = mirrors.filter((m) => m.cancelledAt !== null).map((m) => m.label);
        // A cancel() reaches its task at the task's next step: count the requests too (Python's Task.cancelling()).
        const me = currentTask();
        const cancelRequested = [...allTasks()].filter((task) => task !== me && task.cancelling() > 0).length;
        return { winner, returnedAt, stillRunning, cancelled, cancelRequested };
      }));
    } catch (error) {
      if (error instanceof TypeError && /of undefined/.test(error.message) && unawaited.some((wait) => wait.kind === 'ended')) {
        failLesson('missing-await', [
          `fastestMirror falló con «${error.message}» y terminó dejando una espera pendiente: wait() devuelve una promesa, y sin await lo que desestructuras de ella es undefined. Escribe const { done, pending } = await wait(remaining, { returnWhen: FIRST_COMPLETED })`,
          `fastestMirror failed with "${error.message}" and ended with a wait still pending: wait() returns a promise, and without await what you destructure from it is undefined. Write const { done, pending } = await wait(remaining, { returnWhen: FIRST_COMPLETED })`]);
      }
      throw error;
    } finally {
      stop();
    }
    const { value } = race;
    const at = String(value.returnedAt).replace('.', ',');
    expectLesson(value.winner === 'lima:ok' || value.returnedAt < 3 || value.cancelled.length > 0, 'waits-for-all', [
      `fastestMirror volvió a los ${at} s, cuando ya habían terminado todas las subidas, con ${value.winner} (la primera de la lista, no la primera en terminar): wait() esperó a todas. Pídele que vuelva con la primera: wait(remaining, { returnWhen: FIRST_COMPLETED })`,
      `fastestMirror returned at ${value.returnedAt} s, when every upload had finished, with ${value.winner} (the first of the list, not the first to finish): wait() waited for all of them. Ask it to return at the first: wait(remaining, { returnWhen: FIRST_COMPLETED })`]);
    expect(value.winner, say('gana el espejo más rápido', 'the fastest mirror wins')).toBe('lima:ok');
    expectLesson(value.returnedAt === 1 || value.cancelled.length > 0, 'missing-cancel', [
      `fastestMirror volvió a los ${at} s: esperó a que madrid y bogota terminaran en vez de cancelarlas. Cuando gana una, cancela las pendientes (task.cancel()) y espera solo a que terminen de cancelarse`,
      `fastestMirror returned at ${value.returnedAt} s: it waited for madrid and bogota to finish instead of cancelling them. Once one wins, cancel the pending ones (task.cancel()) and wait only for their cancellation to complete`]);
    expect(value.returnedAt, say('vuelve en cuanto gana el primero (1 s)', 'returns as soon as the first one wins (1 s)')).toBe(1);
    const running = value.stillRunning.join(', ');
    const cancelledRunning = value.stillRunning.length > 0 && (value.cancelRequested > 0 || value.stillRunning.some((label) => value.cancelled.includes(label)));
    // Cancelled, still cancelling on return, and the main task ended with a wait pending: wait(pending) unawaited.
    expectLesson(!cancelledRunning || !unawaited.some((wait) => wait.kind === 'ended'), 'missing-await', [
      `fastestMirror canceló ${running} pero volvió antes de que terminaran de cancelarse, dejando sin esperar la promesa de wait(pending). Escribe await wait(pending) después de cancelarlas`,
      `fastestMirror cancelled ${running} but returned before their cancellation completed, leaving the promise of wait(pending) unawaited. Write await wait(pending) after cancelling them`]);
    expectLesson(cancelledRunning || value.stillRunning.length === 0, 'missing-cancel', [`subidas que seguían en marcha al volver sin que nadie las cancelara (${running}): cancela las pendientes y espéralas`,
      `uploads still running on return, never cancelled (${running}): cancel the pending ones and wait for them`]);
    if (cancelledRunning) {
      expect.fail(say(`fastestMirror canceló ${running} pero volvió antes de que terminaran de cancelarse: espéralas con await wait(pending)`,
        `fastestMirror cancelled ${running} but returned before their cancellation completed: wait for them with await wait(pending)`));
    }
  });
});
