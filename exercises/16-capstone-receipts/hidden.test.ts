// Hidden tests for exercise 16: random days from fixed seeds (sizes, limits, failures, double clicks), the
// storage limit, exactly-once processing, isolated and reported failures, the timing band and the optimum,
// early returns, bad input. Threads and asyncio solutions are judged by the same evidence.
import { describe, test, expect } from 'vitest';
import { DeadlockError } from '#runtime/testing';
import { say } from '#grader/testkit';
import { makeScenario, rng, type Scenario } from './support.ts';
import { diagnose, failWith, expectedSummary, isNotImplemented, minimumTime, runDay, summaryProblem, timingProblem } from './harness.ts';
import { processReceipts } from './exercise.ts';

async function checkDay(scenario: Scenario, limit: number): Promise<void> {
  const day = await runDay(processReceipts, scenario, limit);
  const problem = diagnose(day, scenario, limit);
  if (problem !== null) failWith(problem);
  if (!day.outcome.ok) return;
  const expected = expectedSummary(scenario);
  const mismatch = summaryProblem(day.outcome.summary, expected);
  if (mismatch !== null) expect.fail(mismatch);
  expect(day.outcome.summary, say('el resumen del día', 'the day\'s summary')).toEqual(expected);
  const timing = timingProblem(day, scenario, limit);
  if (timing !== null) expect.fail(timing);
}

describe('random days (hidden)', () => {
  for (const seed of [16_101, 16_102, 16_103]) {
    const next = rng(seed);
    const students = 100 + Math.floor(next() * 200);
    const limit = 3 + Math.floor(next() * 28);
    test(`random day, seed ${seed}: ${students} students, ${limit} uploads at a time`, async () => {
      await checkDay(makeScenario(seed, students, { invalid: 0.08, corrupt: 0.04, undeliverable: 0.04, twice: 0.05 }), limit);
    });
  }

  test('a bad day: a third of the receipts fail somewhere, and nobody else notices', async () => {
    await checkDay(makeScenario(16_110, 120, { invalid: 0.15, corrupt: 0.1, undeliverable: 0.1, twice: 0.02 }), 8);
  });

  test('many double clicks: every receipt processed exactly once, repeats listed once', async () => {
    await checkDay(makeScenario(16_111, 80, { invalid: 0.05, corrupt: 0, undeliverable: 0, twice: 0.4 }), 10);
  });

  test('a storage that takes one upload at a time', async () => {
    const scenario = makeScenario(16_112, 9, { invalid: 0.2, corrupt: 0.1, undeliverable: 0, twice: 0 });
    const day = await runDay(processReceipts, scenario, 1);
    const problem = diagnose(day, scenario, 1);
    if (problem !== null) failWith(problem);
    const { lower, upper } = minimumTime(scenario, 1);
    expect(day.elapsed, say(`con límite 1 las subidas van de una en una: entre ${lower} y ${String(upper).replace('.', ',')} s`, `with limit 1 the uploads go one by one: between ${lower} and ${upper} s`))
      .toBeGreaterThanOrEqual(lower);
    expect(day.elapsed).toBeLessThanOrEqual(upper * 1.5);
  });
});

describe('interleavings (hidden)', () => {
  test('the same day under three random schedules gives the same exact summary', async () => {
    // Everything that finishes at the same virtual instant may run in any order: a summary built in the order
    // things finish, or state shared across an await without care, shows up here.
    const scenario = makeScenario(16_140, 60, { invalid: 0.2, corrupt: 0.1, undeliverable: 0.1, twice: 0.1 });
    const expected = expectedSummary(scenario);
    for (const seed of [1, 2, 3]) {
      const day = await runDay(processReceipts, scenario, 6, 6, seed);
      const problem = diagnose(day, scenario, 6);
      if (problem !== null) failWith(problem, [`con el orden aleatorio ${seed}: `, `with random order ${seed}: `]);
      if (!day.outcome.ok) return;
      const mismatch = summaryProblem(day.outcome.summary, expected);
      if (mismatch !== null) expect.fail(say(`con el orden aleatorio ${seed}: ${mismatch}`, `with random order ${seed}: ${mismatch}`));
      expect(day.outcome.summary, say(`el resumen con el orden aleatorio ${seed}`, `the summary with random order ${seed}`)).toEqual(expected);
    }
  });
});

describe('the fastest possible pipeline (hidden)', () => {
  test('limiting only the uploads reaches the minimum time exactly', async () => {
    const scenario = makeScenario(16_120, 300, { invalid: 0.05, corrupt: 0.02, undeliverable: 0.02, twice: 0.02 });
    const day = await runDay(processReceipts, scenario, 20);
    const problem = diagnose(day, scenario, 20);
    if (problem !== null) failWith(problem);
    const { lower, upper } = minimumTime(scenario, 20);
    if (day.elapsed > upper + 1e-6) {
      expect.fail(say(`tardó ${String(day.elapsed).replace('.', ',')} s; el mínimo es ${lower}-${String(upper).replace('.', ',')} s. Se llega limitando SOLO la subida: recibir, validar y notificar no esperan a nadie`,
        `it took ${day.elapsed} s; the minimum is ${lower}-${upper} s. It is reached by bounding ONLY the upload: receiving, validating and notifying wait for nobody`));
    }
    expect(day.elapsed).toBeGreaterThanOrEqual(lower);
  });
});

describe('bad input (hidden)', () => {
  test('maxConcurrentUploads that is not an integer >= 1 throws RangeError before calling any service', async () => {
    const scenario = makeScenario(16_130, 5);
    for (const bad of [0, -1, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      let day;
      try {
        day = await runDay(processReceipts, scenario, 5, bad);
      } catch (error) {
        if (error instanceof DeadlockError) {
          expect.fail(say(`con maxConcurrentUploads = ${bad} tu programa se queda esperando para siempre (un Semaphore(${bad}) no deja pasar a nadie): comprueba el argumento y lanza RangeError antes de nada`,
            `with maxConcurrentUploads = ${bad} your program waits forever (a Semaphore(${bad}) lets nobody through): check the argument and throw RangeError first`));
        }
        throw error;
      }
      if (day.outcome.ok) {
        expect.fail(say(`processReceipts(…, ${bad}) debe lanzar RangeError y devolvió un resumen`, `processReceipts(…, ${bad}) must throw RangeError and returned a summary`));
      }
      expect(day.outcome.error, say(`processReceipts(…, ${bad}) debe lanzar RangeError`, `processReceipts(…, ${bad}) must throw RangeError`)).toBeInstanceOf(RangeError);
      expect(day.calls.length, say(`con maxConcurrentUploads = ${bad} no se debe llamar a ningún servicio`, `with maxConcurrentUploads = ${bad} no service may be called`)).toBe(0);
    }
  });

  test('an empty list returns an empty summary at once', async () => {
    const scenario: Scenario = { submissions: [], invalid: new Map(), corrupt: new Map(), undeliverable: new Map() };
    const day = await runDay(processReceipts, scenario, 4);
    if (!day.outcome.ok) {
      const e = day.outcome.error;
      if (isNotImplemented(e)) throw e;
      expect.fail(say(`con una lista vacía processReceipts lanzó ${String(e)}`, `with an empty list processReceipts threw ${String(e)}`));
    }
    expect(day.outcome.summary, say('resumen vacío', 'empty summary')).toEqual({ received: 0, notified: 0, failures: [], duplicates: [] });
    expect(day.elapsed, say('sin envíos no se espera nada', 'with no submissions nothing is awaited')).toBe(0);
  });
});
