// Demo of exercise 12: one process per faculty adds its totals through a Manager's dict and list.
import { tallyAll } from './exercise.ts';

export default async function demo(): Promise<void> {
  const { totals, log } = await tallyAll({ ciencias: [1000, 2500], letras: [700], derecho: [300, 300, 400] }, 'EUR');
  console.log(totals);
  console.log(log);
}
