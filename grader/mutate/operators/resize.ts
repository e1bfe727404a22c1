// The wrong size for what limits concurrency: a Semaphore that lets one too many (or one too few) in, a
// pool with a worker more or less than the statement asks for.
import { calleeName, type Candidate, type Operator } from '../operator.ts';

const SIZED = new Set(['Semaphore', 'BoundedSemaphore', 'Pool', 'ThreadPool', 'ThreadPoolExecutor', 'Barrier']);

export const resize: Operator = {
  id: 'resize',
  summary: 'widen or narrow a Semaphore, Barrier or pool size by one',
  find(source) {
    const found: Candidate[] = [];
    for (const { node } of source.nodes()) {
      const name = calleeName(node);
      if (name === undefined || !SIZED.has(name) || (node.type !== 'NewExpression' && node.type !== 'CallExpression')) continue;
      const size = node.arguments[0];
      if (size === undefined || size.type === 'SpreadElement' || size.type === 'ObjectExpression') continue;
      const text = source.slice(size);
      for (const [delta, word] of [[1, 'widen'], [-1, 'narrow']] as const) {
        const replacement = size.type === 'Literal' && typeof size.value === 'number' ? String(size.value + delta) : `(${text}) ${delta > 0 ? '+' : '-'} 1`;
        if (replacement === '0') continue;
        found.push({ at: size.start, edits: [{ start: size.start, end: size.end, text: replacement }], description: `${word} ${name}(${text}) to ${replacement}` });
      }
    }
    return found;
  },
};
