// What a mutation operator is: it reads one parsed source file and proposes realistic concurrency mistakes
// as text edits at node spans (the parser's UTF-16 offsets), so the mutant keeps the rest of the file intact.
import { childrenOf, lineAt, parse, type Node, type Program } from '../syntax.ts';

export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** One planted mistake, before it is numbered. */
export interface Candidate {
  /** Where it is (its line is reported and keys the mutant id). */
  at: number;
  edits: Edit[];
  /** What the mistake is, in an author's words (English: the tool is for course authors). */
  description: string;
}

export interface Operator {
  id: string;
  /** One line: the classic mistake this operator plants. */
  summary: string;
  find(source: Source): Candidate[];
}

export class Source {
  readonly program: Program;
  readonly text: string;
  readonly file: string;
  constructor(text: string, file: string) {
    this.text = text;
    this.file = file;
    const parsed = parse(text, file);
    if (parsed.errors.length > 0) throw new Error(`${file}: cannot parse: ${parsed.errors[0]?.message ?? ''}`);
    this.program = parsed.program;
  }

  slice(node: { start: number; end: number }): string {
    return this.text.slice(node.start, node.end);
  }

  line(offset: number): number {
    return lineAt(this.text, offset);
  }

  /** Every node with its ancestors (nearest last), in source order. */
  *nodes(): Generator<{ node: Node; parents: readonly Node[] }> {
    const stack: { node: Node; parents: Node[] }[] = [{ node: this.program as unknown as Node, parents: [] }];
    while (stack.length > 0) {
      const { node, parents } = stack.pop() as { node: Node; parents: Node[] };
      yield { node, parents };
      const children = childrenOf(node);
      for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i] as Node, parents: [...parents, node] });
    }
  }
}

/** The name a call is made by: `sleep(1)` → sleep, `t.join()` → join, `mp.Value(...)` → Value. */
export function calleeName(node: Node): string | undefined {
  if (node.type === 'ChainExpression') return calleeName(node.expression as Node);
  if (node.type !== 'CallExpression' && node.type !== 'NewExpression') return undefined;
  const callee = node.callee;
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier') return callee.property.name;
  return undefined;
}

/** The object a method is called on, as source text: `t.join()` → "t"; undefined for a plain call. */
export function receiverText(source: Source, node: Node): string | undefined {
  if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression') return undefined;
  return source.slice(node.callee.object);
}

/** The statement an expression stands as, from its ancestors, when it is a whole statement (`await t.join();`). */
export function asStatement(parents: readonly Node[]): Node | undefined {
  for (let i = parents.length - 1; i >= 0; i--) {
    const parent = parents[i] as Node;
    if (parent.type === 'ExpressionStatement') return parent;
    if (parent.type !== 'AwaitExpression' && parent.type !== 'ParenthesizedExpression' && parent.type !== 'ChainExpression') return undefined;
  }
  return undefined;
}

/**
 * Removes a whole statement, with its indentation and line break when it has a line of its own; a statement
 * that is the body of an `if`/`for` on the same line becomes an empty block, so the program still parses.
 */
export function removeStatement(source: Source, node: { start: number; end: number }): Edit {
  const { text } = source;
  let start = node.start;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  const ownLine = start === 0 || text[start - 1] === '\n';
  if (ownLine && text[node.end] === '\n') return { start, end: node.end + 1, text: '' };
  return { start: node.start, end: node.end, text: ownLine ? '' : '{}' };
}
