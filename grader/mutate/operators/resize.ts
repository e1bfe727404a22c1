// The wrong size for what limits concurrency: a Semaphore that lets one too many (or one too few) in, a
// pool with a worker more or less than the statement asks for.
import type { Node } from '../../syntax.ts';
import { calleeName, type Candidate, type Operator } from '../operator.ts';

const SIZED = new Set(['Semaphore', 'BoundedSemaphore', 'Pool', 'ThreadPool', 'ThreadPoolExecutor', 'Barrier']);
/** The size given as an option: `new ThreadPoolExecutor({ maxWorkers: n })`, `new Pool({ processes: n })`. */
const SIZE_KEYS = new Set(['maxWorkers', 'processes']);

/** The size option of an options object, and whether it is written `{ maxWorkers }` (shorthand). */
function sizeOption(options: Node): { key: string; value: Node; whole: Node; shorthand: boolean } | undefined {
  if (options.type !== 'ObjectExpression') return undefined;
  for (const property of options.properties) {
    if (property.type !== 'Property' || property.computed || property.key.type !== 'Identifier' || !SIZE_KEYS.has(property.key.name)) continue;
    return { key: property.key.name, value: property.value as Node, whole: property as Node, shorthand: property.shorthand };
  }
  return undefined;
}

export const resize: Operator = {
  id: 'resize',
  summary: 'widen or narrow a Semaphore, Barrier or pool size by one (also given as { maxWorkers } or { processes })',
  find(source) {
    const found: Candidate[] = [];
    for (const { node } of source.nodes()) {
      const name = calleeName(node);
      if (name === undefined || !SIZED.has(name) || (node.type !== 'NewExpression' && node.type !== 'CallExpression')) continue;
      const first = node.arguments[0];
      if (first === undefined || first.type === 'SpreadElement') continue;
      const option = first.type === 'ObjectExpression' ? sizeOption(first as Node) : undefined;
      if (first.type === 'ObjectExpression' && option === undefined) continue;
      const size = option?.value ?? (first as Node);
      const text = source.slice(size);
      for (const [delta, word] of [[1, 'widen'], [-1, 'narrow']] as const) {
        const replacement = size.type === 'Literal' && typeof size.value === 'number' ? String(size.value + delta) : `(${text}) ${delta > 0 ? '+' : '-'} 1`;
        if (replacement === '0') continue;
        // `{ maxWorkers }` becomes `{ maxWorkers: (maxWorkers) + 1 }`: the shorthand property is rewritten whole.
        const edit = option?.shorthand === true
          ? { start: option.whole.start, end: option.whole.end, text: `${option.key}: ${replacement}` }
          : { start: size.start, end: size.end, text: replacement };
        const shown = option === undefined ? `${name}(${text})` : `${name}({ ${option.key}: ${text} })`;
        found.push({ at: size.start, edits: [edit], description: `${word} ${shown} to ${replacement}` });
      }
    }
    return found;
  },
};
