// The neighbouring API that reads alike and means something else: imap's order, or when wait() returns.
import type { Candidate, Edit, Operator, Source } from '../operator.ts';

const SWAPS: Record<string, string> = {
  imap: 'imapUnordered',
  imapUnordered: 'imap',
  FIRST_COMPLETED: 'ALL_COMPLETED',
  ALL_COMPLETED: 'FIRST_COMPLETED',
  FIRST_EXCEPTION: 'ALL_COMPLETED',
};

/**
 * A student who writes `ALL_COMPLETED` imports it: the edit that adds `other` beside the named import of
 * `name` (`import { FIRST_COMPLETED, … }`), or none when `other` is already in scope or `name` is not imported
 * by name. Without it the mutant would die of a ReferenceError, a mistake nobody makes.
 */
function importEdit(source: Source, name: string, other: string): Edit | null {
  let beside: { end: number } | null = null;
  for (const statement of source.program.body) {
    if (statement.type !== 'ImportDeclaration') continue;
    for (const specifier of statement.specifiers ?? []) {
      if (specifier.local.name === other) return null;
      if (specifier.type === 'ImportSpecifier' && specifier.local.name === name && source.slice(specifier) === name) beside = specifier;
    }
  }
  return beside === null ? null : { start: beside.end, end: beside.end, text: `, ${other}` };
}

export const swapMode: Operator = {
  id: 'swap-mode',
  summary: 'swap imap/imapUnordered, FIRST_COMPLETED/ALL_COMPLETED, FIRST_EXCEPTION → ALL_COMPLETED',
  find(source) {
    const found: Candidate[] = [];
    for (const { node, parents } of source.nodes()) {
      if (node.type !== 'Identifier' || !Object.hasOwn(SWAPS, node.name)) continue;
      const parent = parents[parents.length - 1];
      // Only uses (a.imap(...), wait(..., FIRST_COMPLETED)), never an import or a declaration of the name.
      const member = parent?.type === 'MemberExpression' && parent.property === node;
      const use = member || parent?.type === 'CallExpression' || parent?.type === 'Property' && parent.value === node;
      if (!use) continue;
      const other = SWAPS[node.name] as string;
      const edits: Edit[] = [{ start: node.start, end: node.end, text: other }];
      const added = member ? null : importEdit(source, node.name, other);
      if (added !== null) edits.push(added);
      found.push({ at: node.start, edits, description: `${node.name} → ${other}` });
    }
    return found;
  },
};
