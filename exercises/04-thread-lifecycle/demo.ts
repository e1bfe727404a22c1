// Demo of exercise 04: a TrackedThread that sleeps, then waits for an Event, through its life states.
import { Event } from '#runtime/threading';
import { TrackedThread, blockedSleep, blockedWait } from './exercise.ts';

export default async function demo(): Promise<void> {
  const ready = new Event();
  const thread = new TrackedThread({
    name: 'rastreador',
    target: async () => {
      await blockedSleep(0.5);
      await blockedWait(ready, 2);
    },
  });
  console.log(`before start: ${thread.state}`);
  thread.start();
  await blockedSleep(1);
  console.log(`after 1 s: ${thread.state}`);
  ready.set();
  await thread.join();
  console.log(`after join: ${thread.state}`);
}
