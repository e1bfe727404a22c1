// Type-checking shim: the grader copies only exercise.ts; next to the tests it imports the real support.ts.
export * from '../../exercises/10-locks/support.ts';
