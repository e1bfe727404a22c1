// An exception swallowed: a catch that re-raised now returns quietly, and a try/finally gains a catch-all,
// the way a CancelledError or a worker's error disappears in real code.
import type { Candidate, Operator } from '../operator.ts';
import type { Node } from '../../syntax.ts';

function throws(node: Node): boolean {
  if (node.type === 'ThrowStatement') return true;
  if (node.type.includes('Function')) return false;
  return Object.values(node).some((value) => (Array.isArray(value) ? value : [value])
    .some((child) => typeof child === 'object' && child !== null && typeof (child as Node).type === 'string' && throws(child as Node)));
}

export const swallow: Operator = {
  id: 'swallow',
  summary: 'swallow an exception (`catch {}`)',
  find(source) {
    const found: Candidate[] = [];
    for (const { node } of source.nodes()) {
      if (node.type !== 'TryStatement') continue;
      if (node.handler !== null && throws(node.handler.body)) {
        found.push({ at: node.handler.start, edits: [{ start: node.handler.body.start, end: node.handler.body.end, text: '{}' }],
          description: 'the catch no longer re-raises' });
      } else if (node.handler === null && node.finalizer !== null) {
        found.push({ at: node.start, edits: [{ start: node.block.end, end: node.block.end, text: ' catch { /* swallowed */ }' }],
          description: 'a catch-all before the finally' });
      }
    }
    return found;
  },
};
