// Visible tests for exercise 10: the counter stays exact with several threads, and slips print whole.
import { afterEach, expect, test } from 'vitest';
import { say } from '#grader/testkit';
import * as mp from '#runtime/multiprocessing';
import { simulate } from '#runtime/testing';
import { Lock } from '#runtime/threading';
import { printAllSlips, registerAll, registerReceipt } from './exercise.ts';
import { MemoryLedger, tempPrinter } from './support.ts';

afterEach(() => {
  for (const child of mp.activeChildren()) child.terminate();
});

test('registerReceipt adds one to the ledger', async () => {
  const { value, elapsed } = await simulate(async () => {
    const ledger = new MemoryLedger(41);
    await registerReceipt(ledger, new Lock());
    return ledger.value;
  });
  expect(value, say('41 + 1', '41 + 1')).toBe(42);
  expect(elapsed, say('una lectura y una escritura: 0,02 s virtuales', 'one read and one write: 0.02 virtual seconds'))
    .toBeCloseTo(0.02, 9);
});

test('registerAll with three threads loses no receipt', async () => {
  const { value } = await simulate(async () => {
    const ledger = new MemoryLedger(0);
    await registerAll(ledger, 6, 3);
    return ledger.value;
  });
  expect(value, say('6 registros con 3 hilos: el libro debe valer 6 (¿se pierde algún incremento?)',
    '6 registrations with 3 threads: the ledger must hold 6 (is an increment lost?)')).toBe(6);
});

test('three processes print their slips without mixing lines', async () => {
  const printer = tempPrinter();
  try {
    await printAllSlips([1, 2, 3], 0.01, printer.path);
    const lines = printer.lines();
    expect(lines.length, say('tres líneas por recibo', 'three lines per slip')).toBe(9);
    for (let i = 0; i < lines.length; i += 3) {
      const id = (lines[i] as string).split(':')[0];
      expect(lines.slice(i, i + 3), say('las tres líneas de un recibo salen juntas', 'the three lines of a slip come out together'))
        .toEqual([`${id}: inicio`, `${id}: importe validado`, `${id}: fin`]);
    }
  } finally {
    printer.remove();
  }
});
