// Seeded data for exercise tests: the same on every run, different from the statement's examples, so an answer
// cannot be hard-coded. The generator is the runtime's own (mulberry32, as the schedule explorer uses).
export { seeded } from '#runtime/testing';

/** An integer in [min, max], both included. */
export function intBetween(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** `count` distinct integers in [min, max], in random order. */
export function distinctInts(random: () => number, count: number, min: number, max: number): number[] {
  const picked = new Set<number>();
  while (picked.size < count) picked.add(intBetween(random, min, max));
  return [...picked];
}
