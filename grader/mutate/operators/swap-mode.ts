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
    // The names a named import brings in, with the span of their specifier: a swapped-in name the file does not
    // import yet is added beside the one it replaces, as a student making this mistake would (else the mutant
    // would die of a ReferenceError, not of the mistake).
    const imported = new Map<string, { end: number }>();
    for (const { node } of source.nodes()) {
      if (node.type === 'ImportSpecifier' && node.local.type === 'Identifier') imported.set(node.local.name, node);
    }
    for (const { node, parents } of source.nodes()) {
      if (node.type !== 'Identifier' || !Object.hasOwn(SWAPS, node.name)) continue;
      const parent = parents[parents.length - 1];
      // Only uses (a.imap(...), wait(..., FIRST_COMPLETED)), never an import or a declaration of the name.
      const use = parent?.type === 'MemberExpression' && parent.property === node
        || parent?.type === 'CallExpression' || parent?.type === 'Property' && parent.value === node;
      if (!use) continue;
      const other = SWAPS[node.name] as string;
      const edits = [{ start: node.start, end: node.end, text: other }];
      const beside = imported.get(node.name);
      if (beside !== undefined && !imported.has(other)) edits.push({ start: beside.end, end: beside.end, text: `, ${other}` });
      found.push({ at: node.start, edits, description: `${node.name} → ${other}` });
    }
    return found;
  },
};
