// Python-style tracebacks and caller lookup from V8 stacks: the frame that called logging (for %(lineno)d,
// %(funcName)s, %(pathname)s), "Traceback (most recent call last):" for exceptions, "Stack (most recent call
// last):" for stackInfo, and the "Call stack:" of a logging error.
import { readFileSync } from 'node:fs';
import { basename, dirname, extname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Frame {
  /** Python's co_name: the function's own name, '<anonymous>' when it has none. */
  functionName: string;
  /** Absolute path of the source file. */
  path: string;
  line: number;
}

const LOGGING_DIR = dirname(fileURLToPath(import.meta.url));
const RUNTIME_DIR = resolve(LOGGING_DIR, '..');
const FRAME = /^\s*at (?:(.*?) \()?(.*?):(\d+):(\d+)\)?$/;

function functionName(raw: string | undefined): string {
  if (raw === undefined || raw === '') return '<anonymous>';
  const name = raw.replace(/^async /, '').replace(/^new /, '').replace(/ \[as [^\]]+\]$/, '');
  if (name === 'Object.<anonymous>' || name === '<anonymous>') return '<module>';
  const last = name.slice(name.lastIndexOf('.') + 1);
  return last === '' ? '<anonymous>' : last;
}

/** The frames of a V8 stack that point into a file, innermost first. */
export function parseFrames(stack: string | undefined): Frame[] {
  const frames: Frame[] = [];
  for (const text of (stack ?? '').split('\n')) {
    const match = FRAME.exec(text);
    if (match === null) continue;
    let path = match[2]!;
    if (path.startsWith('node:') || path === '<anonymous>' || path.startsWith('native')) continue;
    if (path.startsWith('file://')) path = fileURLToPath(path);
    frames.push({ functionName: functionName(match[1]), path, line: Number(match[3]) });
  }
  return frames;
}

/** Frames in the runtime itself (not its tests) or in dependencies, which a student does not need to see. */
export function isInternal(frame: Frame): boolean {
  if (/[/\\]node_modules[/\\]/.test(frame.path)) return true;
  return frame.path.startsWith(RUNTIME_DIR) && !/\.test\.ts$/.test(frame.path);
}

function isLoggingFrame(frame: Frame): boolean {
  return frame.path.startsWith(LOGGING_DIR) && !/\.test\.ts$/.test(frame.path);
}

/**
 * The calling stack as V8 captured it. Capturing is cheap; turning it into text (source-mapped under tsx and
 * vitest, ~10 us a frame) happens only if someone reads it: see callerFramesOf.
 */
export interface CapturedStack {
  stack?: string;
}

export function captureStack(frames: number): CapturedStack {
  const holder: CapturedStack = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = frames;
  Error.captureStackTrace(holder, captureStack);
  Error.stackTraceLimit = limit;
  return holder;
}

/** The captured stack, innermost first, from the first frame outside logging (then `skip` more). */
export function callerFramesOf(captured: CapturedStack, skip = 0): Frame[] {
  const frames = parseFrames(captured.stack);
  const first = frames.findIndex((f) => !isLoggingFrame(f));
  return first < 0 ? [] : frames.slice(first + skip);
}

/** The caller's stack now, innermost first, from the first frame outside logging. */
export function callerFrames(skip = 0): Frame[] {
  return callerFramesOf(captureStack(40), skip);
}

/** Python's (filename, module) for a path: "worker.ts" and "worker". */
export function fileParts(path: string): { filename: string; module: string } {
  const filename = basename(path);
  return { filename, module: filename.slice(0, filename.length - extname(filename).length) };
}

const sources = new Map<string, string[] | null>();

function sourceLine(path: string, line: number): string | null {
  let lines = sources.get(path);
  if (lines === undefined) {
    try {
      lines = readFileSync(path, 'utf8').split('\n');
    } catch {
      lines = null;
    }
    sources.set(path, lines);
  }
  const text = lines?.[line - 1]?.trim();
  return text === undefined || text === '' ? null : text;
}

/** `  File "x.ts", line 3, in worker` plus the source line, outermost frame first (innermost given first). */
export function formatFrames(innermostFirst: readonly Frame[]): string {
  const out: string[] = [];
  for (const frame of [...innermostFirst].reverse()) {
    out.push(`  File "${relative(process.cwd(), frame.path)}", line ${frame.line}, in ${frame.functionName}`);
    const source = sourceLine(frame.path, frame.line);
    if (source !== null) out.push(`    ${source}`);
  }
  return out.join('\n');
}

/** The user's frames of a stack (all frames when none are the user's). */
export function userFrames(frames: readonly Frame[]): Frame[] {
  const mine = frames.filter((f) => !isInternal(f));
  return mine.length > 0 ? mine : [...frames];
}

/** "ValueError: boom", as the last line of a Python traceback. */
export function exceptionLine(error: unknown): string {
  if (error instanceof Error) return error.message === '' ? error.name : `${error.name}: ${error.message}`;
  return `${typeof error}: ${String(error)}`;
}

/** Python's traceback.format_exception text (without the final newline) for a thrown value. */
export function formatException(error: unknown): string {
  if (error === true || error === null || error === undefined) return 'NoneType: None';
  const frames = error instanceof Error ? userFrames(parseFrames(error.stack)) : [];
  const body = formatFrames(frames);
  return `Traceback (most recent call last):\n${body === '' ? '' : `${body}\n`}${exceptionLine(error)}`;
}
