// The neighbouring API that reads alike and means something else: imap's order, or when wait() returns.
import type { Candidate, Operator } from '../operator.ts';

const SWAPS: Record<string, string> = {
  imap: 'imapUnordered',
  imapUnordered: 'imap',
  FIRST_COMPLETED: 'ALL_COMPLETED',
  ALL_COMPLETED: 'FIRST_COMPLETED',
  FIRST_EXCEPTION: 'ALL_COMPLETED',
};

export const swapMode: Operator = {
  id: 'swap-mode',
  summary: 'swap imap/imapUnordered, FIRST_COMPLETED/ALL_COMPLETED, FIRST_EXCEPTION → ALL_COMPLETED',
  find(source) {
    const found: Candidate[] = [];
    for (const { node, parents } of source.nodes()) {
      if (node.type !== 'Identifier' || !Object.hasOwn(SWAPS, node.name)) continue;
      const parent = parents[parents.length - 1];
      // Only uses (a.imap(...), wait(..., FIRST_COMPLETED)), never an import or a declaration of the name.
      const use = parent?.type === 'MemberExpression' && parent.property === node
        || parent?.type === 'CallExpression' || parent?.type === 'Property' && parent.value === node;
      if (!use) continue;
      const other = SWAPS[node.name] as string;
      found.push({ at: node.start, edits: [{ start: node.start, end: node.end, text: other }], description: `${node.name} → ${other}` });
    }
    return found;
  },
};
