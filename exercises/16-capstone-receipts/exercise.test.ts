// Visible tests for exercise 16: a small day with every kind of failure, and the real 3,000-student day.
import { describe, test, expect } from 'vitest';
import { say } from '#grader/testkit';
import { makeScenario } from './support.ts';
import { diagnose, failWith, expectedSummary, minimumTime, runDay, summaryProblem, timingProblem } from './harness.ts';
import { processReceipts } from './exercise.ts';

describe('the receipts system', () => {
  test('a small day: 40 students, 5 uploads at a time, failures reported', async () => {
    const scenario = makeScenario(16_000, 40, { invalid: 0.1, corrupt: 0.05, undeliverable: 0.05, twice: 0.05 });
    const day = await runDay(processReceipts, scenario, 5);
    const problem = diagnose(day, scenario, 5);
    if (problem !== null) failWith(problem);
    if (!day.outcome.ok) return;
    const mismatch = summaryProblem(day.outcome.summary, expectedSummary(scenario));
    if (mismatch !== null) expect.fail(mismatch);
    expect(day.outcome.summary, say('el resumen del día', 'the day\'s summary')).toEqual(expectedSummary(scenario));
    const timing = timingProblem(day, scenario, 5);
    if (timing !== null) expect.fail(timing);
  });

  test('3,000 students with 100 uploads at a time take about a minute, not 8,100 s', async () => {
    const scenario = makeScenario(16_001, 3000);
    const day = await runDay(processReceipts, scenario, 100);
    const problem = diagnose(day, scenario, 100);
    if (problem !== null) failWith(problem);
    const timing = timingProblem(day, scenario, 100);
    if (timing !== null) expect.fail(timing);
    if (!day.outcome.ok) return;
    const expected = expectedSummary(scenario);
    expect(day.outcome.summary.received, say('comprobantes distintos recibidos', 'distinct receipts received')).toBe(expected.received);
    expect(day.outcome.summary.notified, say('comprobantes guardados y notificados', 'receipts stored and notified')).toBe(expected.notified);
    const { upper } = minimumTime(scenario, 100);
    expect(day.elapsed, say(`tiempo total (el mínimo posible es ${String(upper).replace('.', ',')} s)`, `total time (the minimum possible is ${upper} s)`))
      .toBeLessThanOrEqual(upper * 1.5);
  });
});
