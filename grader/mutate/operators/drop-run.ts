// The unit's warning: calling the main coroutine directly instead of `asyncio.run(main())` runs it outside
// any event loop (here: not as Task-1 on a fresh loop that closes at the end).
import type { Candidate, Operator } from '../operator.ts';

export const dropRun: Operator = {
  id: 'drop-run',
  summary: 'call the main coroutine directly instead of through run()',
  find(source) {
    const found: Candidate[] = [];
    for (const { node } of source.nodes()) {
      if (node.type !== 'CallExpression' || node.callee.type !== 'Identifier' || node.callee.name !== 'run' || node.arguments.length !== 1) continue;
      const main = node.arguments[0];
      if (main?.type !== 'ArrowFunctionExpression' && main?.type !== 'FunctionExpression' && main?.type !== 'Identifier') continue;
      found.push({ at: node.start, edits: [{ start: node.start, end: node.end, text: `(${source.slice(main)})()` }], description: 'main coroutine called without run()' });
    }
    return found;
  },
};
