// Best-effort source hint for the "pass a function" error: finds the user's call `api(...)` from the stack,
// reads the argument text from the source file, and suggests the thunk form, e.g.
// gather(() => factorial('A', 2)), or for a spread list gather(...ids.map((id) => () => check(id))). The hint
// must compile when pasted back: a spread that is not a map gets no hint. Any failure just means no hint.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** runtime/: frames in the runtime's own code (not its tests) are skipped. */
const RUNTIME_DIR = fileURLToPath(new URL('../', import.meta.url));

/** The first stack frame outside this directory and node internals: file, line (1-based), column (1-based). */
function userFrame(stack: string): { file: string; line: number; column: number } | null {
  for (const raw of stack.split('\n').slice(1)) {
    const m = /\(?((?:file:\/\/)?\/[^():]+):(\d+):(\d+)\)?\s*$/.exec(raw.trim());
    if (m === null) continue;
    const file = m[1]!.startsWith('file://') ? fileURLToPath(m[1]!) : m[1]!;
    if ((file.startsWith(RUNTIME_DIR) && !file.endsWith('.test.ts')) || file.includes('/node_modules/')) continue;
    return { file, line: Number(m[2]), column: Number(m[3]) };
  }
  return null;
}

/** Splits the text after `api(` into its top-level arguments (strings, brackets and templates respected). */
function splitArguments(text: string): string[] | null {
  const args: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote !== null) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) {
        args.push(text.slice(start, i).trim());
        return args.filter((a, k) => a !== '' || k < args.length - 1);
      }
      depth--;
    } else if (c === ',' && depth === 0) {
      args.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  return null;
}

/** Drops a trailing type assertion (`p as any`): the hint shows the expression only. */
function withoutAssertion(text: string): string {
  return text.replace(/ as [\w<>[\]., |]+$/, '');
}

/**
 * The thunk form of one argument's text: `f(x)` -> `() => f(x)`; a spread map `...ids.map((id) => f(id))` ->
 * `...ids.map((id) => () => f(id))` (each element becomes a function); any other spread -> null.
 */
export function thunkOf(arg: string): string | null {
  const text = withoutAssertion(arg.replace(/\s+/g, ' ').trim());
  if (!text.startsWith('...')) return text === '' ? null : `() => ${text}`;
  const map = /^\.\.\.(.+)\.map\(\s*(\([^()]*\)|[\w$]+)\s*=>\s*(.+)\)$/.exec(text);
  if (map === null) return null;
  const body = withoutAssertion(map[3]!.trim());
  if (body.startsWith('() =>') || body.startsWith('{')) return null;
  return `...${map[1]}.map(${map[2]} => () => ${body})`;
}

/** The thunk form of the index-th argument of the user's call `api(...)` (see thunkOf), or null. */
export function thunkHint(api: string, index: number, stack: string | undefined): string | null {
  try {
    const frame = stack === undefined ? null : userFrame(stack);
    if (frame === null) return null;
    const lines = readFileSync(frame.file, 'utf8').split('\n');
    const tail = [lines[frame.line - 1]?.slice(Math.max(0, frame.column - 1 - api.length - 8)) ?? '', ...lines.slice(frame.line, frame.line + 20)].join('\n');
    const at = tail.indexOf(`${api}(`);
    if (at < 0) return null;
    const args = splitArguments(tail.slice(at + api.length + 1));
    // A spread fills every index from its own on: the argument at `index` may be the last spread before it.
    const list = args ?? [];
    const spread = list.findIndex((a) => a.startsWith('...'));
    const arg = spread >= 0 && spread <= index ? list[spread] : list[index];
    if (arg === undefined || arg.length > 120) return null;
    return thunkOf(arg);
  } catch {
    return null;
  }
}
