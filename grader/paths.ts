// The repository the grader lives in: its runtime/, node_modules/, package.json and grader/testkit.ts are
// what every grading run uses, whichever course folder it grades.
import { resolve } from 'node:path';

export const TOOL_ROOT = resolve(import.meta.dirname, '..');
