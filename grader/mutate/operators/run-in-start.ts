// The subclass mistake the unit's lifecycle section warns about: the work written in start() instead of
// run(), so it runs in whoever calls start() and no new thread ever does it.
import type { Candidate, Operator } from '../operator.ts';
import type { Node } from '../../syntax.ts';

function methodName(member: Node): string | undefined {
  return member.type === 'MethodDefinition' && !member.computed && member.key.type === 'Identifier' ? member.key.name : undefined;
}

export const runInStart: Operator = {
  id: 'run-in-start',
  summary: 'a Thread/Process subclass that does its work in start() instead of run()',
  find(source) {
    const found: Candidate[] = [];
    for (const { node } of source.nodes()) {
      if ((node.type !== 'ClassDeclaration' && node.type !== 'ClassExpression') || node.superClass === null) continue;
      const members = node.body.body as Node[];
      if (members.some((m) => methodName(m) === 'start')) continue;
      const run = members.find((m) => methodName(m) === 'run');
      if (run?.type !== 'MethodDefinition') continue;
      found.push({ at: run.start, edits: [{ start: run.key.start, end: run.key.end, text: 'start' }], description: 'the work is in start(), not run()' });
    }
    return found;
  },
};
