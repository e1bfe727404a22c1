// Demo of exercise 11: a Value and an Array changed by a child process, and a shared counter.
import { countInProcesses, negateInChild } from './exercise.ts';

export default async function demo(): Promise<void> {
  console.log(await negateInChild([1, 2, 3]));
  console.log(`counter: ${await countInProcesses(3, 100)} (expected 300)`);
}
