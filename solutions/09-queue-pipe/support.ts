// Type-checking shim: the grader copies only exercise.ts; next to the tests it imports the real support.ts.
export * from '../../exercises/09-queue-pipe/support.ts';
