// The submission as data: for each exercise, the changeable files (meta.json "files") the pull request
// changed are read from its head commit; the others come from the base checkout. Every other file the
// pull request changed is listed as tampering: it is reported, never used.
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Exercise } from '../model/course.ts';
import { sanitize } from '../sanitize.ts';
import { changedFiles, mergeBase, readBlob, type Change } from './git.ts';

/** A changeable file larger than this is not a student's exercise (and could fill the disk). */
export const MAX_SUBMISSION_FILE_BYTES = 1024 * 1024;
/** More tamper entries than this are summarised, so a huge diff cannot bloat the report. */
export const MAX_TAMPER_ENTRIES = 100;

const STATUS_WORDS: Record<string, string> = { A: 'added', M: 'changed', D: 'deleted', T: 'type changed' };

export interface Collected {
  /** Changeable files taken from the pull request's head, as repository paths. */
  fromPullRequest: string[];
  /** Exercises whose changeable files the pull request changed. */
  exercisesChanged: string[];
  /** "path (changed)" lines: files outside the changeable set, or changeable files that could not be used. */
  tampered: string[];
}

export interface CollectOptions {
  /** The base checkout (a git work tree): trusted course files. */
  repo: string;
  /** The commit graded as the base: normally HEAD of the checkout. */
  baseSha: string;
  headSha: string;
  exercises: Exercise[];
  /** Receives exercises/<NN-slug>/<file>; emptied first. */
  outDir: string;
}

function describe(change: Change, reason?: string): string {
  return sanitize(`${change.path} (${reason ?? STATUS_WORDS[change.status] ?? 'changed'})`, 300);
}

export function collectSubmission(options: CollectOptions): Collected {
  const { repo, headSha, exercises, outDir } = options;
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const base = mergeBase(repo, options.baseSha, headSha);
  const changes = new Map(changedFiles(repo, base, headSha).map((change) => [change.path, change]));

  const fromPullRequest: string[] = [];
  const exercisesChanged = new Set<string>();
  const tampered: string[] = [];
  const allowed = new Set<string>();
  for (const exercise of exercises) {
    for (const file of exercise.meta.files) {
      const path = `exercises/${exercise.key}/${file}`;
      allowed.add(path);
      const target = join(outDir, path);
      const change = changes.get(path);
      if (change === undefined) {
        // Untouched by the pull request: the base branch's copy (the stub, or work merged earlier).
        if (existsSync(join(repo, path))) {
          mkdirSync(dirname(target), { recursive: true });
          copyFileSync(join(repo, path), target);
        }
        continue;
      }
      exercisesChanged.add(exercise.key);
      if (change.status === 'D') continue; // graded as missing: the grader explains it
      const blob = readBlob(repo, headSha, path, MAX_SUBMISSION_FILE_BYTES);
      if (blob.kind === 'file') {
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, blob.content);
        fromPullRequest.push(path);
      } else if (blob.kind === 'not-a-file') {
        tampered.push(describe(change, `not a regular file (mode ${blob.mode}), not graded`));
      } else if (blob.kind === 'too-large') {
        tampered.push(describe(change, `${blob.bytes} bytes, over the ${MAX_SUBMISSION_FILE_BYTES} byte limit, not graded`));
      }
    }
  }
  for (const change of changes.values()) {
    if (!allowed.has(change.path)) tampered.push(describe(change));
  }
  tampered.sort();
  if (tampered.length > MAX_TAMPER_ENTRIES) {
    const extra = tampered.length - MAX_TAMPER_ENTRIES;
    tampered.splice(MAX_TAMPER_ENTRIES, extra, `… ${extra} more`);
  }
  return { fromPullRequest: fromPullRequest.sort(), exercisesChanged: [...exercisesChanged].sort(), tampered };
}
