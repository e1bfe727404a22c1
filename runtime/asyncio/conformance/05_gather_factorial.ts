import { gather, sleep } from '#runtime/asyncio';
import { print, t } from './twin.ts';

async function factorial(name: string, number: number): Promise<number> {
  let f = 1;
  for (let i = 2; i <= number; i++) {
    print(`Task ${name}: Compute factorial(${i})...`);
    await sleep(1);
    f *= i;
  }
  print(`Task ${name}: factorial(${number}) = ${f}`);
  return f;
}

export async function main(): Promise<number[]> {
  const results = await gather(
    () => factorial('A', 2),
    () => factorial('B', 3),
    () => factorial('C', 4),
  );
  print(results, t());
  return results;
}
