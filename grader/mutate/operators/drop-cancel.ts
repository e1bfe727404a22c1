// Survivors left running: the cancel() of a task, a Timer or a future goes, so what should stop does not.
import { asStatement, calleeName, removeStatement, type Candidate, type Operator } from '../operator.ts';

export const dropCancel: Operator = {
  id: 'drop-cancel',
  summary: 'remove a cancel() call',
  find(source) {
    const found: Candidate[] = [];
    for (const { node, parents } of source.nodes()) {
      if (node.type !== 'CallExpression' || calleeName(node) !== 'cancel' || node.callee.type !== 'MemberExpression') continue;
      const statement = asStatement(parents);
      if (statement === undefined) continue;
      found.push({ at: statement.start, edits: [removeStatement(source, statement)], description: `no ${source.slice(node)}` });
    }
    return found;
  },
};
