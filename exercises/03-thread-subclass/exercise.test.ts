// Visible tests for exercise 03: run them with `npm test -- 03`. Virtual clock: storing takes 2 s of simulated
// time and no real time.
import { describe, test, expect } from 'vitest';
import { expectLesson, say } from '#course/kit';
import { simulate } from '#runtime/testing';
import { Thread } from '#runtime/threading';
import { ReceiptUploader, storeReceipt, uploadAll } from './exercise.ts';

describe('03 · subclase de Thread', () => {
  test('storeReceipt takes 2 s', async () => {
    const run = await simulate(() => storeReceipt('matricula.pdf'));
    expect(run.elapsed, say('guardar un comprobante tarda 2 s: sleep(2)', 'storing one receipt takes 2 s: sleep(2)')).toBe(2);
  });

  test('an uploader is a Thread named upload-<student>, not started yet', async () => {
    const run = await simulate(() => {
      const u = new ReceiptUploader('ana', ['a.pdf']);
      return { isThread: u instanceof Thread, name: u.name, student: u.student, uploaded: [...u.uploaded], alive: u.isAlive() };
    });
    expect(run.value.isThread, say('ReceiptUploader debe extender Thread', 'ReceiptUploader must extend Thread')).toBe(true);
    expect(run.value.name, say('el hilo se llama upload-<estudiante>', 'the thread is named upload-<student>')).toBe('upload-ana');
    expect(run.value.student).toBe('ana');
    expect(run.value.uploaded, say('antes de arrancar no ha guardado nada', 'before starting it has stored nothing')).toEqual([]);
    expect(run.value.alive, say('un hilo sin arrancar no está vivo', 'a thread that has not started is not alive')).toBe(false);
  });

  test('an uploader stores its receipts in order, 2 s each', async () => {
    const run = await simulate(async () => {
      const u = new ReceiptUploader('ana', ['matricula.pdf', 'tasas.pdf', 'seguro.pdf']);
      u.start();
      await u.join();
      return u.uploaded;
    });
    expect(run.value, say('uploaded lista los comprobantes en orden', 'uploaded lists the receipts in order'))
      .toEqual(['matricula.pdf', 'tasas.pdf', 'seguro.pdf']);
    expect(run.elapsed, say('tres comprobantes de un estudiante, uno tras otro: 6 s', "one student's three receipts, one after another: 6 s"))
      .toBe(6);
  });

  test('uploadAll stores two students at the same time', async () => {
    const run = await simulate(async () => {
      const all = await uploadAll({ ana: ['a1.pdf', 'a2.pdf'], luis: ['l1.pdf'] });
      const alive = all.filter((u) => u.isAlive()).map((u) => u.student);
      return { uploaded: all.map((u) => [u.student, [...u.uploaded]]), alive };
    });
    expectLesson(run.value.alive.length === 0, 'missing-join', [
      `el hilo de ${run.value.alive.join(' y ')} seguía subiendo cuando uploadAll volvió: después de arrancarlos todos, espera a cada uno con await uploader.join()`,
      `the thread of ${run.value.alive.join(' and ')} was still uploading when uploadAll returned: after starting them all, wait for each one with await uploader.join()`]);
    expect(run.value.uploaded, say('lo que subió cada estudiante, en el orden de las claves', 'what each student uploaded, in key order')).toEqual([
      ['ana', ['a1.pdf', 'a2.pdf']],
      ['luis', ['l1.pdf']],
    ]);
    expect(run.elapsed, say('ana (4 s) y luis (2 s) a la vez: 4 s en total', 'ana (4 s) and luis (2 s) at once: 4 s in total')).toBe(4);
  });
});
