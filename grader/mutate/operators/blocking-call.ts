// Exercise 18's own mistake: a blocking function called on the event loop's thread instead of being handed to
// a worker thread — `toThread(ocr.scan, id)` written as `ocr.scan(id)`, `loop.runInExecutor(ex, f, x)` as `f(x)`.
// While it runs, no other task of the loop can make progress.
import type { Node } from '../../syntax.ts';
import { calleeName, type Candidate, type Operator } from '../operator.ts';

/** Where the function handed to a worker thread sits among the call's arguments. */
const HANDED = new Map([['toThread', 0], ['runInExecutor', 1]]);

export const blockingCall: Operator = {
  id: 'blocking-call',
  summary: 'call a blocking function on the event loop instead of through toThread/runInExecutor',
  find(source) {
    const found: Candidate[] = [];
    for (const { node } of source.nodes()) {
      const name = calleeName(node);
      const at = name === undefined ? undefined : HANDED.get(name);
      if (at === undefined || node.type !== 'CallExpression') continue;
      const args = node.arguments as Node[];
      const fn = args[at];
      if (fn === undefined || args.some((a) => a.type === 'SpreadElement')) continue;
      const rest = args.slice(at + 1).map((a) => source.slice(a)).join(', ');
      const fnText = source.slice(fn);
      // An arrow or function expression must be wrapped to be called; a name or member call reads as written.
      const callee = fn.type === 'Identifier' || fn.type === 'MemberExpression' ? fnText : `(${fnText})`;
      const text = `${callee}(${rest})`;
      found.push({
        at: node.start,
        edits: [{ start: node.start, end: node.end, text }],
        description: `${source.slice(node.callee as Node)}(…) → ${text}: the blocking call runs on the event loop's thread`,
      });
    }
    return found;
  },
};
