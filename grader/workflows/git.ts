// The git plumbing the grading job needs to read a pull request as data: fetch its head, list what it
// changed, and read single files from it. Nothing from the pull request is ever checked out or run here.
import { spawnSync } from 'node:child_process';

export class GitError extends Error {
  override name = 'GitError';
}

export function git(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): Buffer {
  const result = spawnSync('git', args, { cwd, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', ...env }, maxBuffer: 64 * 1024 * 1024 });
  if (result.error !== undefined) throw new GitError(`git ${args[0] ?? ''}: ${result.error.message}`);
  if (result.status !== 0) throw new GitError(`git ${args.join(' ')} failed (exit ${result.status ?? result.signal}): ${result.stderr.toString().trim()}`);
  return result.stdout;
}

const text = (cwd: string, args: string[], env?: NodeJS.ProcessEnv): string => git(cwd, args, env).toString('utf8').trim();

/**
 * Fetches refs/pull/N/head into a private ref and returns the commit to grade: the event's head SHA when
 * the fetch brought it (a newer push may have moved the ref; concurrency cancels this run then), else the tip.
 * The token, when given, goes to git through GIT_CONFIG_* variables: never on a command line, never in
 * .git/config, so nothing that runs later in the job finds it on disk.
 */
export function fetchPullHead(cwd: string, number: number, options: { token?: string; serverUrl?: string; expectedSha?: string | null } = {}): string {
  const env: NodeJS.ProcessEnv = {};
  if (options.token !== undefined && options.token !== '') {
    const basic = Buffer.from(`x-access-token:${options.token}`).toString('base64');
    env['GIT_CONFIG_COUNT'] = '1';
    env['GIT_CONFIG_KEY_0'] = `http.${options.serverUrl ?? 'https://github.com'}/.extraheader`;
    env['GIT_CONFIG_VALUE_0'] = `AUTHORIZATION: basic ${basic}`;
  }
  const ref = `refs/course-grader/pull-${number}`;
  git(cwd, ['fetch', '--no-tags', '--no-recurse-submodules', 'origin', `+refs/pull/${number}/head:${ref}`], env);
  const expected = options.expectedSha;
  if (expected !== undefined && expected !== null && hasCommit(cwd, expected)) return expected;
  return text(cwd, ['rev-parse', '--verify', `${ref}^{commit}`]);
}

export function hasCommit(cwd: string, sha: string): boolean {
  return spawnSync('git', ['cat-file', '-e', `${sha}^{commit}`], { cwd }).status === 0;
}

export function revParse(cwd: string, rev: string): string {
  return text(cwd, ['rev-parse', '--verify', `${rev}^{commit}`]);
}

export function mergeBase(cwd: string, a: string, b: string): string {
  return text(cwd, ['merge-base', a, b]);
}

export interface Change {
  /** git's letter: A added, M modified, D deleted, T type changed (e.g. file to symlink). */
  status: string;
  path: string;
}

/** Files changed from `from` to `to`; renames are a deletion plus an addition (both paths count). */
export function changedFiles(cwd: string, from: string, to: string): Change[] {
  const fields = git(cwd, ['diff', '--no-renames', '--no-ext-diff', '--name-status', '-z', from, to]).toString('utf8').split('\0');
  const changes: Change[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    changes.push({ status: fields[i]!.charAt(0), path: fields[i + 1]! });
  }
  return changes;
}

export type Blob = { kind: 'file'; content: Buffer } | { kind: 'missing' } | { kind: 'not-a-file'; mode: string } | { kind: 'too-large'; bytes: number };

/** One file of a commit, as bytes (`git cat-file blob <sha>:<path>`); symlinks and submodules are refused. */
export function readBlob(cwd: string, sha: string, path: string, maxBytes: number): Blob {
  const entry = git(cwd, ['ls-tree', '-z', '--full-tree', sha, '--', path]).toString('utf8').split('\0')[0] ?? '';
  const match = /^(\d+) (\w+) ([0-9a-f]+)\t/.exec(entry);
  if (match === null) return { kind: 'missing' };
  const [, mode, type, oid] = match as unknown as [string, string, string, string];
  if (type !== 'blob' || (mode !== '100644' && mode !== '100755')) return { kind: 'not-a-file', mode };
  const bytes = Number(text(cwd, ['cat-file', '-s', oid]));
  if (bytes > maxBytes) return { kind: 'too-large', bytes };
  return { kind: 'file', content: git(cwd, ['cat-file', 'blob', oid]) };
}
