// Demo of exercise 09: producers and consumers through Queues, questions to a server through a Pipe, then one
// tally per batch through one-way pipes.
import { askServer, collectTallies, runQueues } from './exercise.ts';

export default async function demo(): Promise<void> {
  const validated = await runQueues([[1, 2, 3], [4, 5]], 2);
  console.log(`${validated.length} tickets validated`);
  console.log(await askServer([7, 8]));
  console.log(await collectTallies([[1, 13, 26], [4, 5]]));
}
