// From a reference solution to its mutants: every operator proposes mistakes in every changeable file, each
// becomes one numbered mutant (a full copy of the files with one mistake planted) with a stable id and a diff.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '../syntax.ts';
import { Source, type Candidate, type Edit, type Operator } from './operator.ts';
import { OPERATORS } from './operators/index.ts';

export interface Mutant {
  /** `<operator>@<file>:<line>`, with `#2`, `#3`... when one operator plants several mistakes on one line. */
  id: string;
  operator: string;
  file: string;
  line: number;
  description: string;
  /** The changeable files with the mistake planted (file name → text). */
  files: Record<string, string>;
  diff: string;
}

export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  for (let i = 1; i < sorted.length; i++) {
    if ((sorted[i] as Edit).end > (sorted[i - 1] as Edit).start) throw new Error('overlapping edits');
  }
  let out = text;
  for (const edit of sorted) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

/** The changed lines of a mutant as `-`/`+` lines with their line numbers (edits are local: a short hunk). */
export function lineDiff(before: string, after: string): string {
  const a = before.split('\n');
  const b = after.split('\n');
  // Edits that keep the line count (a name swapped and its import added) get one hunk per changed run.
  if (a.length === b.length) {
    const hunks: string[] = [];
    for (let i = 0; i < a.length; i++) {
      if (a[i] === b[i]) continue;
      let end = i;
      while (end < a.length && a[end] !== b[end]) end++;
      hunks.push(`@@ line ${i + 1}`, ...a.slice(i, end).map((line) => `- ${line}`), ...b.slice(i, end).map((line) => `+ ${line}`));
      i = end;
    }
    if (hunks.length > 0) return hunks.join('\n');
  }
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const removed = a.slice(head, a.length - tail).map((line) => `- ${line}`);
  const added = b.slice(head, b.length - tail).map((line) => `+ ${line}`);
  return [`@@ line ${head + 1}`, ...removed, ...added].join('\n');
}

export function mutantsOfFile(file: string, text: string, operators: readonly Operator[] = OPERATORS): Mutant[] {
  const source = new Source(text, file);
  const mutants: Mutant[] = [];
  const seen = new Map<string, number>();
  for (const operator of operators) {
    for (const candidate of operator.find(source)) {
      const mutated = plant(text, candidate);
      // A mistake must still be a program the student could have written: one that no longer parses is dropped.
      if (mutated === undefined || mutated === text || parse(mutated, file).errors.length > 0) continue;
      const line = source.line(candidate.at);
      const base = `${operator.id}@${file}:${line}`;
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      mutants.push({
        id: n === 1 ? base : `${base}#${n}`, operator: operator.id, file, line, description: candidate.description,
        files: { [file]: mutated }, diff: lineDiff(text, mutated),
      });
    }
  }
  return mutants;
}

function plant(text: string, candidate: Candidate): string | undefined {
  try {
    return applyEdits(text, candidate.edits);
  } catch {
    return undefined;
  }
}

/** Every mutant of a solution folder's changeable files; the other files of each mutant are the originals. */
export function mutantsOfSolution(dir: string, files: readonly string[], operators: readonly Operator[] = OPERATORS): Mutant[] {
  const originals = Object.fromEntries(files.map((file) => [file, readFileSync(join(dir, file), 'utf8')]));
  return files.flatMap((file) => mutantsOfFile(file, originals[file] as string, operators)
    .map((mutant) => ({ ...mutant, files: { ...originals, ...mutant.files } })));
}
