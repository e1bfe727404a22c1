// Demo of exercise 10: many threads register receipts in one ledger under a lock (cerrojo).
import { registerAll } from './exercise.ts';
import { MemoryLedger } from './support.ts';

export default async function demo(): Promise<void> {
  const ledger = new MemoryLedger(0, 0.01);
  await registerAll(ledger, 20, 4);
  console.log(`ledger: ${ledger.value} (expected 20)`);
}
