// The class roster, in the three shapes an instructor has at hand:
// - GitHub Classroom's assignment export ("Download grades"): github_username, roster_identifier,
//   student_repository_url, … (one row per accepted assignment: the repository is in the file);
// - GitHub Classroom's roster export (Students tab → Download): identifier, github_username, github_id,
//   name — no repositories, so a pattern such as "my-org/concurrency-{username}" names them;
// - a plain CSV: student, repository (owner/name or a URL), and optionally path (a clone on disk).
import { CsvError, parseCsv, records } from './csv.ts';

export interface RosterEntry {
  /** Stable id used for artifacts and folders: the row number, zero-padded (r001, r002, …). */
  id: string;
  /** How the gradebook names the student: the roster identifier, else the GitHub username. */
  student: string;
  /** owner/name on GitHub; '' when the roster does not know it yet (the student never accepted). */
  repository: string;
  /** A clone on disk (local grading), when the roster names one. */
  path?: string;
  /** Why this student cannot be graded, when the roster alone says so. */
  problem?: string;
}

export type RosterFormat = 'classroom-assignment' | 'classroom-roster' | 'plain';

export class RosterError extends Error {
  override name = 'RosterError';
}

const REPOSITORY = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9._-]{1,100}$/;

/** owner/name from "owner/name", "https://github.com/owner/name(.git)" or "git@github.com:owner/name.git". */
export function repositoryName(value: string): string | undefined {
  const text = value.trim().replace(/\.git$/, '').replace(/\/+$/, '');
  const match = /^(?:https?:\/\/[^/]+\/|git@[^:]+:)?([^/\s]+\/[^/\s]+)$/.exec(text);
  const name = match?.[1];
  return name !== undefined && REPOSITORY.test(name) && !name.endsWith('.') ? name : undefined;
}

export function rosterFormat(header: string[]): RosterFormat {
  if (header.includes('github_username') && header.includes('student_repository_url')) return 'classroom-assignment';
  if (header.includes('github_username') && header.includes('identifier')) return 'classroom-roster';
  if (header.includes('student') && header.includes('repository')) return 'plain';
  throw new RosterError(`unknown roster columns (${header.join(', ') || 'empty file'}): use GitHub Classroom's assignment or roster export, or a CSV with the columns student,repository[,path]`);
}

export interface RosterOptions {
  /** For the Classroom roster export: "owner/prefix-{username}". */
  repositoryPattern?: string;
}

export function parseRoster(text: string, options: RosterOptions = {}): { format: RosterFormat; entries: RosterEntry[] } {
  let rows: string[][];
  try {
    rows = parseCsv(text);
  } catch (error) {
    throw new RosterError(`roster: ${(error as CsvError).message}`);
  }
  const { header, records: list } = records(rows);
  const format = rosterFormat(header);
  if (format === 'classroom-roster' && options.repositoryPattern === undefined) {
    throw new RosterError('this is a GitHub Classroom roster export, which names no repositories: set "repositoryPattern" in the class configuration (e.g. "my-org/concurrency-{username}"), or use the assignment\'s grades export');
  }
  const seen = new Map<string, number>();
  const entries = list.map((record, index): RosterEntry => {
    const id = `r${String(index + 1).padStart(3, '0')}`;
    const line = index + 2;
    if (format === 'plain') {
      const repository = repositoryName(record['repository'] ?? '');
      const entry: RosterEntry = { id, student: record['student'] || `line ${line}`, repository: repository ?? '' };
      if (record['path']) entry.path = record['path'];
      if (repository === undefined && entry.path === undefined) entry.problem = `line ${line}: "${record['repository'] ?? ''}" is not a repository (owner/name or its URL)`;
      return entry;
    }
    const username = record['github_username'] ?? '';
    const student = (format === 'classroom-roster' ? record['identifier'] : record['roster_identifier']) || username || `line ${line}`;
    if (username === '') return { id, student, repository: '', problem: 'no GitHub account linked to this roster entry yet' };
    const raw = format === 'classroom-assignment' ? record['student_repository_url'] ?? '' : options.repositoryPattern!.replaceAll('{username}', username);
    const repository = repositoryName(raw);
    if (repository === undefined) return { id, student, repository: '', problem: raw === '' ? 'the assignment was not accepted (no repository)' : `line ${line}: "${raw}" is not a repository` };
    return { id, student, repository };
  });
  for (const entry of entries) {
    if (entry.repository === '') continue;
    const key = entry.repository.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) throw new RosterError(`roster: ${entry.repository} appears twice (lines ${first + 2} and ${entries.indexOf(entry) + 2}); each repository is graded once`);
    seen.set(key, entries.indexOf(entry));
  }
  return { format, entries };
}
