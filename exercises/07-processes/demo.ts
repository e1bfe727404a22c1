// Demo of exercise 07: three receipts checked in three child processes.
import { checkAll } from './exercise.ts';

export default async function demo(): Promise<void> {
  const result = await checkAll([101, 102, -7]);
  console.log(`failed: ${JSON.stringify(result.failed)}`);
}
