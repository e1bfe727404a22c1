// One too many or one too few: a loop bound (for or while), so one student, sentinel or receipt is skipped or
// doubled.
import type { Candidate, Operator } from '../operator.ts';

const FLIP: Record<string, string> = { '<': '<=', '<=': '<', '>': '>=', '>=': '>' };

export const offByOne: Operator = {
  id: 'off-by-one',
  summary: 'an off-by-one in a loop bound (`<` ↔ `<=`)',
  find(source) {
    const found: Candidate[] = [];
    for (const { node } of source.nodes()) {
      if ((node.type !== 'ForStatement' && node.type !== 'WhileStatement') || node.test?.type !== 'BinaryExpression') continue;
      const test = node.test;
      const flipped = FLIP[test.operator];
      if (flipped === undefined) continue;
      const at = source.text.indexOf(test.operator, test.left.end);
      found.push({ at: test.start, edits: [{ start: at, end: at + test.operator.length, text: flipped }],
        description: `${source.slice(test)} → ${test.operator} becomes ${flipped}` });
    }
    return found;
  },
};
