// The classic bug of this course: a blocking call without `await` returns a Promise at once, so the thread
// goes on before the join, the lock, the sleep or the queue item it meant to wait for.
import type { Operator } from '../operator.ts';


export const dropAwait: Operator = {
  id: 'drop-await',
  summary: 'drop an `await` (of join, acquire, sleep, get/put, wait, a proxy call, a task or the student\'s own coroutine)',
  find(source) {
    const found = [];
    for (const { node } of source.nodes()) {
      if (node.type !== 'AwaitExpression') continue;
      // Any awaited call, task or future: each forgotten await is a realistic mistake of its own.
      const awaited = node.argument.type === 'CallExpression' || node.argument.type === 'Identifier' || node.argument.type === 'MemberExpression';
      if (!awaited) continue;
      found.push({
        at: node.start,
        edits: [{ start: node.start, end: node.argument.start, text: '' }],
        description: `no await on ${source.slice(node.argument).split('\n')[0]}`,
      });
    }
    return found;
  },
};
