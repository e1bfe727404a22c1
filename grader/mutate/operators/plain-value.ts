// A plain object where shared state was needed: a child process gets a copy, so what it writes never
// reaches the parent (a Value, an Array, a Manager dict or list).
import { calleeName, type Candidate, type Operator } from '../operator.ts';

export const plainValue: Operator = {
  id: 'plain-value',
  summary: 'a plain variable in place of a Value/Array or a Manager proxy',
  find(source) {
    const found: Candidate[] = [];
    for (const { node } of source.nodes()) {
      if (node.type !== 'CallExpression' && node.type !== 'NewExpression') continue;
      const name = calleeName(node);
      const args = node.arguments;
      let text: string | undefined;
      if ((name === 'Value' || name === 'RawValue') && args.length >= 2) text = `{ value: ${source.slice(args[1] as never)} }`;
      else if ((name === 'Array' || name === 'RawArray') && node.callee.type === 'MemberExpression' && args.length >= 2) {
        text = `Array.from(${source.slice(args[1] as never)} as ArrayLike<number>)`;
      } else if (name === 'dict' && node.callee.type === 'MemberExpression' && args.length === 0) text = 'new Map()';
      else if (name === 'list' && node.callee.type === 'MemberExpression') text = args.length === 0 ? '[]' : `[...(${source.slice(args[0] as never)})]`;
      if (text === undefined) continue;
      // A proxy call is awaited (`await manager.dict()`): the plain value replaces the whole awaited call.
      found.push({ at: node.start, edits: [{ start: node.start, end: node.end, text }], description: `${source.slice(node)} → ${text}` });
    }
    return found;
  },
};
