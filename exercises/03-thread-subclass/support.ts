// Seeded randomness for this exercise's tests: the same data on every run, different from the examples, so an
// answer cannot be hard-coded. (Test support, not part of the exercise.)

export { seeded, intBetween, distinctInts } from '#grader/testkit';
