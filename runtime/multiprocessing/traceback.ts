// Python-style tracebacks for errors raised in a child process, so a failing target prints what CPython prints:
//   Process Process-1:
//   Traceback (most recent call last):
//     File "/path/to/module.ts", line 3, in f
//   ValueError: boom
// JS stacks list the newest frame first; Python lists it last. Node internals and this runtime's own frames
// are left out (CPython shows its bootstrap frames, which tell a student nothing).
import { fileURLToPath } from 'node:url';
import { isRuntimeInternal } from './paths.ts';

interface Frame {
  file: string;
  line: string;
  fn: string;
}

const framePattern = /^\s*at (?:async )?(?:(.*?) \()?(.*?):(\d+):\d+\)?$/;

function parseFrames(stack: string): Frame[] {
  const frames: Frame[] = [];
  for (const raw of stack.split('\n')) {
    const m = framePattern.exec(raw);
    if (m === null) continue;
    let file = m[2] ?? '';
    if (file.startsWith('file://')) {
      try {
        file = fileURLToPath(file);
      } catch {
        // keep the URL as is
      }
    }
    if (file.startsWith('node:') || file.includes('/node_modules/') || isRuntimeInternal(file)) continue;
    if (file.includes('/.cache/concurrency-mp/')) continue;
    const fn = (m[1] ?? '<module>').replace(/^async /, '').replace(/^Object\./, '').replace(/^new /, '');
    frames.push({ file, line: m[3] ?? '?', fn: fn === '' ? '<module>' : fn });
  }
  return frames.reverse();
}

/** The first line of Python's exception display: "ValueError: boom", or just "ValueError" with no message. */
export function errorSummary(error: unknown): string {
  if (error instanceof Error) return error.message === '' ? error.name : `${error.name}: ${error.message}`;
  return `Error: ${String(error)}`;
}

/** Python's `traceback.format_exc()` for a JS error. */
export function formatTraceback(error: unknown, seen = new Set<unknown>()): string {
  seen.add(error);
  const frames = error instanceof Error && typeof error.stack === 'string' ? parseFrames(error.stack) : [];
  let text = 'Traceback (most recent call last):\n';
  // Python's `raise ... from cause`: the cause's traceback first.
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause !== undefined && cause !== null && !seen.has(cause)) {
    text = `${formatTraceback(cause, seen)}\nThe above exception was the direct cause of the following exception:\n\n${text}`;
  }
  for (const f of frames) text += `  File "${f.file}", line ${f.line}, in ${f.fn}\n`;
  return `${text}${errorSummary(error)}\n`;
}
