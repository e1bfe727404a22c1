// A daemon that should not be one (the program ends without waiting for it), a monitor that is not a daemon
// (the program never ends), or gather's returnExceptions the wrong way round (one error loses every result,
// or an error goes unnoticed).
import type { Candidate, Operator } from '../operator.ts';

const FLAGS = new Set(['daemon', 'returnExceptions']);

export const flipFlag: Operator = {
  id: 'flip-flag',
  summary: 'flip `daemon` (option, `t.daemon = …` or a parameter\'s default) or gather\'s `returnExceptions`; a flag passed through ignored',
  find(source) {
    const found: Candidate[] = [];
    for (const { node } of source.nodes()) {
      // `{ daemon }` passes the caller's choice through: the mistake is a constant in its place (the flag ignored).
      if (node.type === 'Property' && node.shorthand && node.key.type === 'Identifier' && FLAGS.has(node.key.name)) {
        const name = node.key.name;
        for (const value of [true, false]) {
          found.push({ at: node.start, edits: [{ start: node.start, end: node.end, text: `${name}: ${String(value)}` }],
            description: `${name} → ${name}: ${String(value)} (the caller's flag ignored)` });
        }
        continue;
      }
      // `function f(..., daemon = true)`: the default the wrong way round.
      if (node.type === 'AssignmentPattern' && node.left.type === 'Identifier' && FLAGS.has(node.left.name)
        && node.right.type === 'Literal' && typeof node.right.value === 'boolean') {
        found.push({ at: node.start, edits: [{ start: node.right.start, end: node.right.end, text: String(!node.right.value) }],
          description: `default ${node.left.name} = ${String(node.right.value)} → ${String(!node.right.value)}` });
        continue;
      }
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
