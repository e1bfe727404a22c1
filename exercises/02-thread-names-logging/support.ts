// Seeded randomness for this exercise's tests: the same data on every run, different from the examples, so an
// answer cannot be hard-coded; and the check for the unit's logging-format typo. (Test support, not part of the
// exercise.)
import { expect } from 'vitest';
import { say } from '#grader/testkit';

export { seeded, intBetween, distinctInts } from '#grader/testkit';

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
