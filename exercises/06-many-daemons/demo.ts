// Demo of exercise 06: several daemon counters, joined through enumerate() except the main thread.
import { joinAllButMain, startCounters } from './exercise.ts';

export default async function demo(): Promise<void> {
  startCounters([0.2, 0.3, 0.5], 3);
  const reports = await joinAllButMain();
  console.log(`joined ${reports.length} threads`);
}
