// Demo of exercise 20: three till processes add their receipts to one Manager dict of faculty totals; with one
// shared manager.Lock() no receipt is lost.
import { collectAll } from './exercise.ts';
import { newAudit, type Receipt } from './support.ts';

export default async function demo(): Promise<void> {
  const tills: Receipt[][] = [
    [['Derecho', 1000], ['Medicina', 250], ['Derecho', 500]],
    [['Derecho', 700], ['Ingeniería', 300]],
    [['Medicina', 400], ['Derecho', 100]],
  ];
  const totals = await collectAll(tills, newAudit());
  for (const [faculty, cents] of [...totals].sort()) console.log(`${faculty}: ${(cents / 100).toFixed(2)} €`);
}
