// The repository the grader lives in: its runtime/, node_modules/, package.json and grader/testkit.ts are
// what every grading run uses, whichever course folder it grades.
// The only module that asks where it lives (grader/start.mjs bundles the CLI elsewhere and pins this value).
import { join, resolve } from 'node:path';

export const TOOL_ROOT = resolve(import.meta.dirname, '..');

/** grader/run/: the files the vitest process loads by path (vitest-main.mjs, reporter.ts). */
export const RUN_DIR = join(TOOL_ROOT, 'grader', 'run');
