// The vitest main process of a grading run (plain JS: it starts without a TypeScript loader). It starts
// vitest through its Node API with the inline options the grader passes as argv[2] (JSON), instead of the
// CLI with a config file: no config file to find and bundle, and nothing run-specific in the key of the
// module cache below. The reporter (reporter.ts, loaded by vitest) reads the channel key from stdin.
import { startVitest } from 'vitest/node';

/**
 * @typedef {object} Launch
 * @property {Record<string, unknown>} test vitest's options
 * @property {Record<string, unknown>} vite Vite overrides
 * @property {{ dir: string, only: string, never: string } | undefined} moduleCache cache transformed modules
 *   whose path starts with `only` and not with `never` in `dir` across runs (the student loop only)
 */

/** @type {Launch} */
const launch = JSON.parse(process.argv[2] ?? '{}');
const { test, vite, moduleCache } = launch;

/**
 * Vitest's file-system module cache, limited to the trusted course modules (runtime, grader): the student's
 * file, the tests and the entry file live in a fresh workspace each run and would only pile up.
 */
function moduleCachePlugin() {
  if (moduleCache === undefined) return [];
  return [{
    name: 'course-grader:module-cache-scope',
    /** @param {{ experimental_defineCacheKeyGenerator: (generator: (context: { id: string }) => string | false | undefined) => void }} context */
    configureVitest(context) {
      context.experimental_defineCacheKeyGenerator(({ id }) => (id.startsWith(moduleCache.only) && !id.startsWith(moduleCache.never) ? undefined : false));
    },
  }];
}

try {
  const options = { config: false, ...test };
  if (moduleCache !== undefined) options.experimental = { fsModuleCache: true, fsModuleCachePath: moduleCache.dir };
  const vitest = await startVitest('test', [], options, { ...vite, plugins: moduleCachePlugin() });
  // As `vitest run` does: close, and exit even if a worker or handle is left hanging.
  await vitest.exit();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
  process.exit();
}
