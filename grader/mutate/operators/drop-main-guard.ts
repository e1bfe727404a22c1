// No main guard: the program's top-level code runs again in every child process that imports the module
// (Python's missing `if __name__ == '__main__':`).
import type { Candidate, Operator } from '../operator.ts';

export const dropMainGuard: Operator = {
  id: 'drop-main-guard',
  summary: 'remove the main guard around the top-level program',
  find(source) {
    const found: Candidate[] = [];
    for (const statement of source.program.body) {
      if (statement.type !== 'IfStatement' || statement.alternate !== null) continue;
      const test = source.slice(statement.test);
      if (!/import\.meta|MainProcess|isMain|__main__|argv\[1\]/.test(test)) continue;
      found.push({ at: statement.start, edits: [{ start: statement.start, end: statement.consequent.start, text: '' }],
        description: `no main guard (${test.slice(0, 60)})` });
    }
    return found;
  },
};
