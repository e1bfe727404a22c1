// A daemon that should not be one (the program ends without waiting for it), a monitor that is not a daemon
// (the program never ends), or gather's returnExceptions the wrong way round (one error loses every result,
// or an error goes unnoticed).
import type { Candidate, Operator } from '../operator.ts';

const FLAGS = new Set(['daemon', 'returnExceptions']);

export const flipFlag: Operator = {
  id: 'flip-flag',
  summary: 'flip `daemon` (option or `t.daemon = …`) or gather\'s `returnExceptions`',
  find(source) {
    const found: Candidate[] = [];
    for (const { node } of source.nodes()) {
      const literal = node.type === 'Property' && !node.computed && node.key.type === 'Identifier' && FLAGS.has(node.key.name) ? node.value
        : node.type === 'AssignmentExpression' && node.left.type === 'MemberExpression' && !node.left.computed
          && node.left.property.type === 'Identifier' && FLAGS.has(node.left.property.name) ? node.right : undefined;
      if (literal?.type !== 'Literal' || typeof literal.value !== 'boolean') continue;
      found.push({ at: node.start, edits: [{ start: literal.start, end: literal.end, text: String(!literal.value) }],
        description: `${source.slice(node).split(/[:=]/)[0]?.trim() ?? ''} ${String(literal.value)} → ${String(!literal.value)}` });
    }
    return found;
  },
};
