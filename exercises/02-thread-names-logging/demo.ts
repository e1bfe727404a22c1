// Demo of exercise 02: the unit's named threads writing through logging.
import { configureLogging, runNamed } from './exercise.ts';

export default async function demo(): Promise<void> {
  configureLogging();
  await runNamed(['Worker', null, 'Servicio'], 0.5);
}
