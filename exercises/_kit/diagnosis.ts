// The diagnosis layer's vocabulary. A diagnosis turns the evidence of one failing test (its errors as vitest
// serialised them, the tracebacks of child processes that died meanwhile) into the student's mistake: a stable
// id, what happened and what to try in Spanish and English, and the student's own line.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { UnawaitedWait } from '#runtime/testing';

/** An error as vitest serialised it: its name, message and stack, plus its own fields (e.g. `report`). */
export interface ErrorLike {
  name?: string;
  message?: string;
  stack?: string;
  [field: string]: unknown;
}

/** What a child process printed when it died (its traceback), and its name. */
export interface ChildTraceback {
  process: string;
  text: string;
}

/** A runtime call whose Promise nobody awaited: the runtime's own record (see tapUnawaitedWaits). */
export type { UnawaitedWait };

/** A thread or process started or joined during the test, and the caller's line. */
export interface LifecycleStep {
  kind: 'start' | 'join';
  what: 'Thread' | 'Process';
  name: string;
  site?: string | null;
}

export interface Evidence {
  /** The failing test's errors, first one first. */
  errors: readonly ErrorLike[];
  /** Tracebacks printed by child processes during the test, in print order. */
  tracebacks: readonly ChildTraceback[];
  /** Runtime calls made without await during the test (threads and tasks that ended or collided in them). */
  unawaited?: readonly UnawaitedWait[];
  /** Starts and joins of threads and processes during the test, in order. */
  lifecycle?: readonly LifecycleStep[];
}

export interface Text {
  es: string;
  en: string;
}

/** One line of the student's code: `exercise.ts:24` and the code on it. */
export interface SourceLine {
  /** The file as found on disk (to read the lines around it). */
  path: string;
  file: string;
  line: number;
  code: string | null;
}

export interface Finding {
  /** What happened, in the student's terms: one sentence (a hidden test shows only the first line). */
  message: Text;
  /** What to try; also recorded as the test's hint. */
  hint: Text;
  /** Where in the student's code, when known. */
  where?: SourceLine | null;
  /** Evidence shown under the message, as printed (a trimmed traceback, the threads of a deadlock). */
  details?: string | null;
}

export interface Diagnosis {
  /** Stable id recorded with the failing test (result.json `diagnosis`): lowercase words joined by `-`. */
  id: string;
  /** It reads the children's tracebacks: tried after the others have had a look inside those tracebacks. */
  readsTracebacks?: boolean;
  /** The finding, or null when the evidence does not show this mistake. */
  diagnose(evidence: Evidence): Finding | null;
}

export function text(es: string, en: string): Text {
  return { es, en };
}

/** The first error's message ('' when there is none). */
export function firstMessage(evidence: Evidence): string {
  return evidence.errors[0]?.message ?? '';
}

/** The first error whose name (when given) and message match. */
export function findError(evidence: Evidence, message: RegExp, name?: string): ErrorLike | undefined {
  return evidence.errors.find((error) => (name === undefined || error.name === name) && message.test(error.message ?? ''));
}

/** Course files that are not the student's: tests, support, harnesses, the grader's entry. */
function isStudentFile(path: string): boolean {
  const name = basename(path);
  return /[/\\]exercises[/\\]\d+-[^/\\]+[/\\]/.test(path) && !name.endsWith('.test.ts') && !/^(support|harness|__grade__)/.test(name);
}

/** Reads line `line` (1-based) of `file`, trimmed, or null when it cannot. */
export function codeAt(file: string, line: number): string | null {
  try {
    const code = readFileSync(file, 'utf8').split('\n')[line - 1]?.trim();
    return code === undefined || code === '' ? null : code.length > 160 ? `${code.slice(0, 157)}...` : code;
  } catch {
    return null;
  }
}

/** `exercises/01-x/exercise.ts:20:45` (or an absolute path, or a file:// URL) as a source line, if it is the student's. */
export function sourceLineOf(file: string, line: number): SourceLine | null {
  const path = file.replace(/^file:\/\//, '');
  if (!isStudentFile(path.startsWith('/') ? path : `/${path}`)) return null;
  return { path, file: basename(path), line, code: codeAt(path, line) };
}

/** Every `path:line:column` in a text (stack frames, sites named in a message), in order. */
function positions(text: string): { file: string; line: number }[] {
  const found: { file: string; line: number }[] = [];
  for (const match of text.matchAll(/((?:file:\/\/)?[^\s():]*\.(?:ts|js|mts|mjs)):(\d+)(?::\d+)?/g)) {
    found.push({ file: match[1]!, line: Number(match[2]) });
  }
  return found;
}

/** The first place in the student's code that a text (a stack, a message) names. */
export function studentLine(...texts: (string | undefined)[]): SourceLine | null {
  return studentLineWhere(() => true, ...texts);
}

/** The first place in the student's code that a text names and that `accept` takes (e.g. not a helper). */
export function studentLineWhere(accept: (line: SourceLine) => boolean, ...texts: (string | undefined)[]): SourceLine | null {
  for (const text of texts) {
    if (text === undefined) continue;
    for (const position of positions(text)) {
      const line = sourceLineOf(position.file, position.line);
      if (line !== null && accept(line)) return line;
    }
  }
  return null;
}

/** Absolute paths of course files (a grading workspace is a temporary folder) shortened to the file's name. */
export function shortPaths(message: string): string {
  return message.replace(/(?:file:\/\/)?\/[^\s'"():]*[/\\]exercises[/\\][^\s'"():/\\]+[/\\]([^\s'"():/\\]+)/g, '$1');
}

/**
 * The student's lines of a stack's synchronous part, innermost first ("at async" frames, the callers that were
 * awaiting, are left out): the last one is where the student's code made the call that led here.
 */
export function studentFrames(stack: string | undefined): SourceLine[] {
  const lines: SourceLine[] = [];
  for (const frame of (stack ?? '').split('\n').slice(1)) {
    if (/^\s*at async /.test(frame)) continue;
    const line = studentLine(frame);
    if (line !== null) lines.push(line);
  }
  return lines;
}

/** The rendered message: what happened and what to try, then the student's line, then the evidence. */
export function render(finding: Finding, lang: 'es' | 'en'): string {
  const lines = [`${finding.message[lang]} ${finding.hint[lang]}`];
  const where = finding.where;
  if (where !== null && where !== undefined) {
    lines.push(`  ${where.file}:${where.line}${where.code === null ? '' : `  │ ${where.code}`}`);
  }
  if (finding.details !== null && finding.details !== undefined && finding.details !== '') lines.push(finding.details);
  return lines.join('\n');
}
