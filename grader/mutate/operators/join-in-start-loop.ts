// "Start all, then join" turned into start+join in one loop: every thread or process runs alone, one
// after another, and the program takes the sum of the jobs instead of the longest.
import { calleeName, removeStatement, type Candidate, type Operator } from '../operator.ts';
import type { Node } from '../../syntax.ts';

function loopVariable(loop: Node): string | undefined {
  if (loop.type !== 'ForOfStatement' || loop.left.type !== 'VariableDeclaration') return undefined;
  const id = loop.left.declarations[0]?.id;
  return id?.type === 'Identifier' ? id.name : undefined;
}

/** The only statement of a loop body: `x` in `for (...) x;` or `for (...) { x; }`. */
function soleStatement(loop: Node): Node | undefined {
  if (loop.type !== 'ForOfStatement') return undefined;
  const body = loop.body;
  if (body.type === 'BlockStatement') return body.body.length === 1 ? body.body[0] : undefined;
  return body;
}

function callOf(statement: Node | undefined): Node | undefined {
  if (statement?.type !== 'ExpressionStatement') return undefined;
  const expression = statement.expression;
  return expression.type === 'AwaitExpression' ? expression.argument : expression;
}

export const joinInStartLoop: Operator = {
  id: 'join-in-start-loop',
  summary: 'join each thread/process inside the loop that starts it (no overlap)',
  find(source) {
    const found: Candidate[] = [];
    for (const { node } of source.nodes()) {
      if (node.type !== 'BlockStatement' && node.type !== 'Program') continue;
      const body = node.body as Node[];
      for (let i = 0; i + 1 < body.length; i++) {
        const starts = body[i] as Node;
        const joins = body[i + 1] as Node;
        const startVar = loopVariable(starts);
        const joinVar = loopVariable(joins);
        const startCall = callOf(soleStatement(starts));
        const joinCall = callOf(soleStatement(joins));
        if (startVar === undefined || joinVar === undefined || startCall === undefined || joinCall === undefined) continue;
        if (calleeName(startCall) !== 'start' || calleeName(joinCall) !== 'join') continue;
        if (starts.type !== 'ForOfStatement' || joins.type !== 'ForOfStatement' || source.slice(starts.right) !== source.slice(joins.right)) continue;
        const startStatement = soleStatement(starts) as Node;
        found.push({
          at: starts.start,
          edits: [
            { start: startStatement.start, end: startStatement.end, text: `{ ${source.slice(startStatement)} await ${startVar}.join(); }` },
            removeStatement(source, joins),
          ],
          description: `join ${startVar} inside the loop that starts it`,
        });
      }
    }
    return found;
  },
};
