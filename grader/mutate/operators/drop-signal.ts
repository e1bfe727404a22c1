// A wake-up that never comes: a consumer never told to stop (one sentinel fewer), a JoinableQueue.join()
// waiting forever (a task_done() fewer), an Event never set, a Condition never notified, a Future never
// completed by the callback meant to complete it.
import { asStatement, calleeName, removeStatement, type Candidate, type Operator } from '../operator.ts';
import type { Node } from '../../syntax.ts';

function isSentinel(source: { slice(node: Node): string }, arg: Node | undefined): boolean {
  if (arg === undefined) return false;
  if (arg.type === 'Literal' && arg.value === null) return true;
  if (arg.type === 'Identifier') return arg.name === 'undefined' || /^[A-Z][A-Z0-9_]*$/.test(arg.name);
  return arg.type === 'Literal' && typeof arg.value === 'string' && /^(stop|done|fin|end|exit|quit)$/i.test(arg.value);
}

const WAKE_UPS = new Set(['taskDone', 'set', 'notify', 'notifyAll', 'setResult', 'setException']);

export const dropSignal: Operator = {
  id: 'drop-signal',
  summary: 'remove one wake-up: a sentinel put(), taskDone(), Event.set(), notify(), Future.setResult()/setException()',
  find(source) {
    const found: Candidate[] = [];
    for (const { node, parents } of source.nodes()) {
      const name = calleeName(node);
      if (node.type !== 'CallExpression') continue;
      const statement = asStatement(parents);
      if (statement === undefined) continue;
      if ((name === 'put' || name === 'putNowait' || name === 'send') && isSentinel(source, node.arguments[0] as Node | undefined)) {
        // In a loop that sends one per consumer, "one fewer" is the loop running once less.
        const loop = parents[parents.length - 1 - (parents.at(-1)?.type === 'ExpressionStatement' ? 1 : 2)];
        const bound = loop?.type === 'ForStatement' && loop.test?.type === 'BinaryExpression' && loop.test.operator === '<' ? loop.test.right : undefined;
        const edits = bound !== undefined ? [{ start: bound.start, end: bound.end, text: `(${source.slice(bound)}) - 1` }] : [removeStatement(source, statement)];
        found.push({ at: statement.start, edits, description: `one sentinel fewer: ${source.slice(node)}` });
      }
      // Event.set() takes no argument: a Map's or a proxy's set(k, v) is a write, not a wake-up.
      if (name !== undefined && WAKE_UPS.has(name) && node.callee.type === 'MemberExpression' && (name !== 'set' || node.arguments.length === 0)) {
        found.push({ at: statement.start, edits: [removeStatement(source, statement)], description: `no ${source.slice(node).split('\n')[0]}` });
      }
    }
    return found;
  },
};
