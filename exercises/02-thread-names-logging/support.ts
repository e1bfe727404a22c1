// Seeded randomness for this exercise's tests: the same data on every run, different from the examples, so an
// answer cannot be hard-coded; and the check for the unit's logging-format typo. (Test support, not part of the
// exercise.)
import { expect } from 'vitest';
import { say } from '#grader/testkit';

/** mulberry32: a tiny, well-mixed 32-bit PRNG. Returns floats in [0, 1). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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

/** Fails with a named message when the output shows the unit's `% (levelname)s` typo. */
export function expectNoLoggingError(output: readonly string[]): void {
  const broken = output.includes('--- Logging error ---');
  const typo = output.some((l) => l.includes("unsupported format character '('"));
  if (typo) {
    expect.fail(
      say(
        'el formato tiene la errata del tema, un espacio en «% (»: escribe %(levelname)s',
        'the format has the unit\'s typo, a space in "% (": write %(levelname)s',
      ),
    );
  }
  expect(broken, say('logging no pudo aplicar el formato (--- Logging error ---)', 'logging could not apply the format (--- Logging error ---)')).toBe(false);
}
