// Demo of exercise 01 (`npm run exercise -- 01`, `-- 01 --virtual`): the unit's three students, one thread each.
import { attachAll } from './exercise.ts';

export default async function demo(): Promise<void> {
  await attachAll([1, 2, 3]);
}
