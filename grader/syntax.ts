// Parsing a course file with oxc (`rolldown/utils`), the parser Vite uses to transform it for the test run:
// shared by the static gate (what a submission may do) and the mutation tool (where a mistake can be planted).
import type { Node, Program } from '@oxc-project/types';
import { parseSync } from 'rolldown/utils';

export type { Node, Program };

export interface Parsed {
  program: Program;
  errors: { message: string; start: number | undefined }[];
}

export function parse(text: string, file: string): Parsed {
  // The extension picks the dialect (.ts, .tsx, .js...); anything else is read as TypeScript.
  const lang = /\.(ts|mts|cts)$/.test(file) ? 'ts' : /\.tsx$/.test(file) ? 'tsx' : /\.(js|mjs|cjs)$/.test(file) ? 'js' : 'ts';
  const result = parseSync(file, text, { lang, sourceType: 'module' });
  return { program: result.program, errors: result.errors.map((error) => ({ message: error.message, start: error.labels[0]?.start })) };
}

/** 1-based line of a UTF-16 offset (oxc's spans are UTF-16 offsets, like JavaScript strings). */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) line += 1;
  return line;
}

export function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** The child nodes of an AST node, in source order. */
export function childrenOf(node: Node): Node[] {
  const found: Node[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'parent') continue;
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) found.push(item);
    } else if (isNode(value)) {
      found.push(value);
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
