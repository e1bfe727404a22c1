import { defineConfig } from 'vitest/config';
import { SLOW_TESTS } from './vitest.config.ts';

// `npm run test:slow`: the end-to-end checks left out of `npm run verify` for time (one-mistake hang variants of
// the exercises, graded through the grader: every hung test waits out its exercise's deadline).
export default defineConfig({
  test: { include: SLOW_TESTS, pool: 'forks', testTimeout: 20_000, hookTimeout: 20_000 },
});
