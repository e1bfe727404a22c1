import { defineConfig } from 'vitest/config';

// The project's own tests: runtime, grader, scripts. Exercise tests are run by the grader
// with its own configuration (grader/), never from here.
/** Checks too slow for `npm run verify` (see vitest.slow.config.ts). */
export const SLOW_TESTS = ['tests/isolation/hangs.test.ts'];

export default defineConfig({
  test: {
    include: ['runtime/**/*.test.ts', 'grader/**/*.test.ts', 'tests/**/*.test.ts'],
    // Slow end-to-end checks (each hung test waits out its deadline): `npm run test:slow`, its own CI job.
    exclude: ['**/node_modules/**', ...SLOW_TESTS],
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // `npm run verify -- --coverage` (CI): thresholds a little below what the suites reach on Node 20.
    coverage: {
      provider: 'v8',
      include: ['runtime/**', 'grader/**'],
      exclude: ['**/*.test.ts', '**/fixtures/**', '**/conformance/**'],
      thresholds: { statements: 75, branches: 68, functions: 75, lines: 78 },
    },
  },
});
