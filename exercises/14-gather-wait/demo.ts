// Demo of exercise 14: gather with errors kept, a deadline, and the fastest of three mirrors.
import * as asyncio from '#runtime/asyncio';
import { fastestMirror, validateAll, withDeadline } from './exercise.ts';

export default async function demo(): Promise<void> {
  await asyncio.run(async () => {
    const check = async (id: string): Promise<string> => {
      await asyncio.sleep(id.length / 10);
      if (id.startsWith('x')) throw new Error(`invalid receipt ${id}`);
      return `${id} ok`;
    };
    console.log(await validateAll(['r1', 'x22', 'r333'], check));
    console.log(await withDeadline(() => asyncio.sleep(2, 'late'), 0.5));
    const mirror = (name: string, seconds: number) => async (): Promise<string> => {
      await asyncio.sleep(seconds);
      return name;
    };
    console.log(await fastestMirror([mirror('madrid', 0.3), mirror('paris', 0.1), mirror('lisboa', 0.2)]));
  });
}
