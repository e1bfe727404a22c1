// The lifecycle mistakes of the unit: run() called instead of start() (the work runs in the caller, no new
// thread), or a start() forgotten (the thread never runs; its join() raises).
import { asStatement, calleeName, removeStatement, type Candidate, type Operator } from '../operator.ts';

export const startRun: Operator = {
  id: 'start-run',
  summary: 'call run() instead of start(), or forget the start()',
  find(source) {
    const found: Candidate[] = [];
    for (const { node, parents } of source.nodes()) {
      if (node.type !== 'CallExpression' || calleeName(node) !== 'start' || node.callee.type !== 'MemberExpression' || node.arguments.length > 0) continue;
      const property = node.callee.property;
      found.push({ at: node.start, edits: [{ start: property.start, end: property.end, text: 'run' }], description: `${source.slice(node)} → run()` });
      const statement = asStatement(parents);
      if (statement !== undefined) found.push({ at: node.start, edits: [removeStatement(source, statement)], description: `no ${source.slice(node)}` });
    }
    return found;
  },
};
