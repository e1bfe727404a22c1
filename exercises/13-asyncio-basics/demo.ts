// Demo of exercise 13: the unit's say_after, sequential and then concurrent, inside asyncio.run.
import { main } from './exercise.ts';

export default async function demo(): Promise<void> {
  await main([{ delay: 1, what: 'hello' }, { delay: 2, what: 'world' }]);
}
