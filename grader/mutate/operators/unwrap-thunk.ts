// Python passes coroutine objects (`gather(f(1), f(2))`); here they are thunks (`gather(() => f(1), …)`).
// Writing the Python form starts each coroutine at once, outside any task: the classic porting mistake.
import { calleeName, type Candidate, type Operator } from '../operator.ts';

const TAKES_THUNKS = new Set(['createTask', 'gather', 'waitFor', 'shield', 'ensureFuture', 'toThread']);

export const unwrapThunk: Operator = {
  id: 'unwrap-thunk',
  summary: 'pass a running coroutine instead of a thunk (`gather(f(1))` for `gather(() => f(1))`)',
  find(source) {
    const found: Candidate[] = [];
    for (const { node } of source.nodes()) {
      const name = calleeName(node);
      if (node.type !== 'CallExpression' || name === undefined || !TAKES_THUNKS.has(name)) continue;
      for (const arg of node.arguments) {
        if (arg.type !== 'ArrowFunctionExpression' || arg.params.length > 0 || !arg.expression || arg.body.type !== 'CallExpression') continue;
        found.push({ at: arg.start, edits: [{ start: arg.start, end: arg.end, text: source.slice(arg.body) }],
          description: `${name}(${source.slice(arg.body)}) — a running coroutine, not a thunk` });
      }
    }
    return found;
  },
};
