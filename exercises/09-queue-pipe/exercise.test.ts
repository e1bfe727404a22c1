// Visible tests for exercise 09: the queue pipeline, the pipe conversation and the one-way tally pipes, basic cases.
import { afterEach, expect, test } from 'vitest';
import { say } from '#grader/testkit';
import * as mp from '#runtime/multiprocessing';
import { recordLifecycle } from '#runtime/testing';
import { askServer, collectTallies, runQueues } from './exercise.ts';
import { pipeMistake, tallyEndsProblem } from './support.ts';

afterEach(() => {
  for (const child of mp.activeChildren()) child.terminate();
});

test('runQueues validates every receipt of every batch', async () => {
  const results = await runQueues([[1, 2], [26, 4]], 2);
  const sorted = [...results].sort((a, b) => a.studentId - b.studentId);
  expect(sorted.map((r) => [r.studentId, r.valid]), say('cada comprobante una vez, con su validez (26 es múltiplo de 13)',
    'every receipt once, with its validity (26 is a multiple of 13)')).toEqual([[1, true], [2, true], [4, true], [26, false]]);
  for (const r of results) {
    expect(r.by, say('by: el nombre del proceso consumidor que lo validó (no MainProcess)',
      'by: the name of the consumer process that checked it (not MainProcess)')).not.toBe('MainProcess');
  }
});

test('askServer gets one answer per student, in order', async () => {
  expect(await askServer([5, 13, 8]), say('una respuesta por id, en el orden de ids', 'one answer per id, in the order of ids'))
    .toEqual([{ studentId: 5, valid: true }, { studentId: 13, valid: false }, { studentId: 8, valid: true }]);
});

test('runQueues needs at least one consumer', async () => {
  await expect(runQueues([[1]], 0), say('con 0 consumidores, RangeError', 'with 0 consumers, RangeError'))
    .rejects.toThrow(RangeError);
});

test('collectTallies gets one tally per batch, each through its own one-way pipe', async () => {
  const { value: tallies, events } = await recordLifecycle(async () => {
    try {
      return await collectTallies([[1, 2, 13], [4]]);
    } catch (error) {
      const mistake = pipeMistake(error);
      if (mistake !== null) expect.fail(say(...mistake));
      throw error;
    }
  });
  const ends = tallyEndsProblem(events);
  if (ends !== null) expect.fail(say(...ends));
  expect(tallies, say('un Tally por lote, en el orden de los lotes (13 no es válido)', 'one Tally per batch, in batch order (13 is not valid)'))
    .toEqual([{ batch: 0, receipts: 3, valid: 2 }, { batch: 1, receipts: 1, valid: 1 }]);
});
