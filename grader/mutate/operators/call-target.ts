// The unit's own warning: `Thread(target=worker(i))` calls the worker right away, in the creating thread,
// and hands its result to the thread as the target.
import type { Candidate, Operator } from '../operator.ts';
import type { Node } from '../../syntax.ts';

function property(object: Node, name: string): Node | undefined {
  if (object.type !== 'ObjectExpression') return undefined;
  return object.properties.find((p) => p.type === 'Property' && !p.computed && p.key.type === 'Identifier' && p.key.name === name) as Node | undefined;
}

export const callTarget: Operator = {
  id: 'call-target',
  summary: 'call the target instead of passing it (`target: worker(x)`)',
  find(source) {
    const found: Candidate[] = [];
    for (const { node } of source.nodes()) {
      if (node.type !== 'NewExpression') continue;
      const options = node.arguments.find((a) => a.type === 'ObjectExpression') as Node | undefined;
      if (options === undefined) continue;
      const target = property(options, 'target');
      if (target?.type !== 'Property' || target.value.type !== 'Identifier' && target.value.type !== 'MemberExpression') continue;
      const args = property(options, 'args');
      const list = args?.type === 'Property' && args.value.type === 'ArrayExpression' ? source.slice(args.value).slice(1, -1) : '';
      found.push({
        at: target.start,
        edits: [{ start: target.value.start, end: target.value.end, text: `${source.slice(target.value)}(${list})` }],
        description: `target: ${source.slice(target.value)}(${list}) — called in the creating thread`,
      });
    }
    return found;
  },
};
