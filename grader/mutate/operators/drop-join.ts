// A join() forgotten: the caller goes on (and may return) while the threads or processes still work.
import { asStatement, calleeName, removeStatement, type Candidate, type Operator } from '../operator.ts';

export const dropJoin: Operator = {
  id: 'drop-join',
  summary: 'remove a join() (of a thread, process, pool or queue)',
  find(source) {
    const found: Candidate[] = [];
    for (const { node, parents } of source.nodes()) {
      if (node.type !== 'CallExpression' || calleeName(node) !== 'join' || node.callee.type !== 'MemberExpression') continue;
      // `names.join(', ')` is an array's join, not a wait.
      if (node.arguments.some((a) => a.type === 'Literal' && typeof a.value === 'string')) continue;
      const statement = asStatement(parents);
      if (statement === undefined) continue;
      found.push({ at: statement.start, edits: [removeStatement(source, statement)], description: `no ${source.slice(node)}` });
    }
    return found;
  },
};
