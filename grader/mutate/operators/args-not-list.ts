// The unit's own bug, `Timer(3, f, args=("Hola mundo!"))`: one argument passed bare instead of in a list,
// so the target receives its characters (or nothing it can use) instead of the one value.
import type { Candidate, Operator } from '../operator.ts';

export const argsNotList: Operator = {
  id: 'args-not-list',
  summary: 'pass a single argument bare instead of in a list (`args: x` for `args: [x]`)',
  find(source) {
    const found: Candidate[] = [];
    for (const { node } of source.nodes()) {
      if (node.type !== 'Property' || node.computed || node.key.type !== 'Identifier' || node.key.name !== 'args') continue;
      const list = node.value;
      if (list.type !== 'ArrayExpression' || list.elements.length !== 1 || list.elements[0] === null || list.elements[0]?.type === 'SpreadElement') continue;
      const only = list.elements[0] as { start: number; end: number };
      found.push({ at: node.start, edits: [{ start: list.start, end: list.end, text: source.slice(only) }],
        description: `args: ${source.slice(only)} — not a list` });
    }
    return found;
  },
};
