// Seeded randomness for this exercise's tests: the same data on every run, different from the examples, so an
// answer cannot be hard-coded. (Test support, not part of the exercise.)

export { seeded, intBetween, distinctInts } from '#grader/testkit';

/**
 * A stub's "not implemented" error thrown inside a thread only reaches the output (threads report their errors,
 * as in Python): raise it in the test so the student reads it first.
 */
export function raiseStubError(output: readonly string[]): void {
  const line = output.find((l) => l.includes('Not implemented yet'));
  if (line !== undefined) throw new Error(line.replace(/^\s*Error: /, ''));
}
