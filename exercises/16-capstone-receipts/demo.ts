// Demo of exercise 16: a small day of 12 students, at most 3 uploads at a time, with some failures.
import { processReceipts } from './exercise.ts';
import { FakeReceiptServices, makeScenario } from './support.ts';

export default async function demo(): Promise<void> {
  const scenario = makeScenario(7, 12, { invalid: 0.15, corrupt: 0.1, undeliverable: 0.1, twice: 0.1 });
  const summary = await processReceipts(scenario.submissions, new FakeReceiptServices(scenario, 3), 3);
  console.log(summary);
}
