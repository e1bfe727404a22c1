// A student's work as data: their commit is fetched into one scratch bare repository (no checkout, no
// hooks, nothing of theirs runs), the changeable files are read from it blob by blob, and every other
// file that differs from the student template is listed as tampering. Comparing with the template
// commit, not with the repository's first commit, keeps a rewritten history from hiding an edit.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Exercise } from '../model/course.ts';
import { sanitize } from '../sanitize.ts';
import { changedFiles, git, hasCommit, readBlob } from '../workflows/git.ts';
import { MAX_SUBMISSION_FILE_BYTES, MAX_TAMPER_ENTRIES } from '../workflows/collect.ts';

export interface Remote {
  /** A URL git can fetch (https://github.com/owner/name.git, file:///…, or a path to a clone). */
  url: string;
  /** For https remotes: sent as an HTTP header through GIT_CONFIG_* variables, never on disk. */
  token?: string;
}

export function initScratch(dir: string): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  git(dir, ['init', '-q', '--bare']);
  return dir;
}

function authEnv(remote: Remote): NodeJS.ProcessEnv {
  if (remote.token === undefined || remote.token === '' || !/^https?:/.test(remote.url)) return {};
  const origin = new URL(remote.url).origin;
  return {
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: `http.${origin}/.extraheader`,
    GIT_CONFIG_VALUE_0: `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${remote.token}`).toString('base64')}`,
  };
}

/**
 * Brings `sha` (reachable from `ref`, or named directly: GitHub serves any commit of the repository by
 * its id, which covers a commit a later force push left behind) into the scratch repository under
 * refs/class/<name>. Returns the commit id, or undefined when the remote does not have it.
 */
export function fetchCommit(scratch: string, remote: Remote, name: string, ref: string | null, sha: string | null): string | undefined {
  const env = authEnv(remote);
  const target = `refs/class/${name}`;
  const fetch = (source: string): boolean => {
    try {
      git(scratch, ['fetch', '-q', '--no-tags', '--no-recurse-submodules', remote.url, `+${source}:${target}`], env);
      return true;
    } catch {
      return false;
    }
  };
  if (ref !== null) fetch(ref);
  if (sha !== null) {
    if (!hasCommit(scratch, sha) && !fetch(sha)) return undefined;
    git(scratch, ['update-ref', target, sha]);
    return sha;
  }
  return hasCommit(scratch, target) ? git(scratch, ['rev-parse', target]).toString().trim() : undefined;
}

export interface Extracted {
  /** Changeable files found (repository paths). */
  files: string[];
  /** "path (changed)" lines: files outside the changeable set that differ from the template. */
  tampered: string[];
}

/** Writes exercises/<NN-slug>/<file> for every changeable file of `sha` into outDir. */
export function extractSubmission(scratch: string, sha: string, exercises: Exercise[], outDir: string, templateSha: string | null): Extracted {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const allowed = new Set<string>();
  const files: string[] = [];
  const tampered: string[] = [];
  for (const exercise of exercises) {
    for (const file of exercise.meta.files) {
      const path = `exercises/${exercise.key}/${file}`;
      allowed.add(path);
      const blob = readBlob(scratch, sha, path, MAX_SUBMISSION_FILE_BYTES);
      if (blob.kind === 'file') {
        mkdirSync(dirname(join(outDir, path)), { recursive: true });
        writeFileSync(join(outDir, path), blob.content);
        files.push(path);
      } else if (blob.kind === 'not-a-file') {
        tampered.push(sanitize(`${path} (not a regular file, mode ${blob.mode}, not graded)`, 300));
      } else if (blob.kind === 'too-large') {
        tampered.push(sanitize(`${path} (${blob.bytes} bytes, over the ${MAX_SUBMISSION_FILE_BYTES} byte limit, not graded)`, 300));
      }
    }
  }
  if (templateSha !== null) {
    const words: Record<string, string> = { A: 'added', M: 'changed', D: 'deleted', T: 'type changed' };
    for (const change of changedFiles(scratch, templateSha, sha)) {
      if (!allowed.has(change.path)) tampered.push(sanitize(`${change.path} (${words[change.status] ?? 'changed'})`, 300));
    }
  }
  tampered.sort();
  if (tampered.length > MAX_TAMPER_ENTRIES) tampered.splice(MAX_TAMPER_ENTRIES, tampered.length - MAX_TAMPER_ENTRIES, `… ${tampered.length - MAX_TAMPER_ENTRIES} more`);
  return { files: files.sort(), tampered };
}
