// Visible tests for exercise 14: the basic behaviour of the three functions, on the virtual clock.
import { describe, test, expect } from 'vitest';
import { getRunningLoop, run, sleep } from '#runtime/asyncio';
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
    const { value } = await sim(() => run(async () => {
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
      return { winner, returnedAt, stillRunning };
    }));
    expect(value.winner, say('gana el espejo más rápido', 'the fastest mirror wins')).toBe('lima:ok');
    expect(value.returnedAt, say('vuelve en cuanto gana el primero (1 s)', 'returns as soon as the first one wins (1 s)')).toBe(1);
    expectLesson(value.stillRunning.length === 0, 'missing-cancel', [`subidas que seguían en marcha al volver (${value.stillRunning.join(', ')}): cancela las pendientes y espéralas`,
      `uploads still running on return (${value.stillRunning.join(', ')}): cancel the pending ones and wait for them`]);
  });
});
