// The plan of one class grading: for each roster entry (or each open pull request), which commit counts
// and why, its changeable files extracted as data, its tamper list, and the chunks the matrix grades.
// Written by the only job that holds the token; the grading jobs read it and nothing else.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Exercise } from '../model/course.ts';
import { planChunks } from './chunks.ts';
import { parseDeadline, type ClassConfig } from './config.ts';
import { chooseCommit } from './deadline.ts';
import { getRepository, listActivities, listOpenPullRequests, type Api } from './github.ts';
import type { RosterEntry } from './roster.ts';
import { extractSubmission, fetchCommit, initScratch, type Remote } from './submission.ts';

export const PLAN_VERSION = 1;

export type EntryStatus = 'planned' | 'missing';

export interface PlannedEntry {
  id: string;
  student: string;
  repository: string;
  /** The ref graded (refs/heads/…), when known. */
  ref: string | null;
  pullRequest: number | null;
  commit: string | null;
  /** GitHub's push time of that commit (ISO 8601); null when unknown (local clones). */
  pushedAt: string | null;
  /** null when push times are unknown. */
  late: boolean | null;
  daysLate: number;
  penaltyPercent: number;
  status: EntryStatus;
  /** Why it is missing. */
  reason: string | null;
  tampered: string[];
}

export interface Plan {
  version: typeof PLAN_VERSION;
  assignment: string;
  mode: ClassConfig['mode'];
  deadline: string | null;
  late: ClassConfig['late'];
  lang: ClassConfig['lang'];
  exercises: { key: string; points: number }[];
  templateCommit: string | null;
  chunkSize: number;
  chunks: string[][];
  entries: PlannedEntry[];
}

export interface PlanSources {
  /** REST API for push times and pull requests; undefined for local clones (no push times). */
  api?: Api;
  /** Where repositories are fetched from: `${serverUrl}/${owner}/${name}.git`. */
  serverUrl: string;
  token?: string;
  /** Local grading: a clone folder per entry (entry.path, or this folder + repository name). */
  clones?: string;
  /** A template clone/URL (local), overriding config.template. */
  templateUrl?: string;
}

export interface PlanOptions {
  config: ClassConfig;
  entries: RosterEntry[];
  exercises: Exercise[];
  sources: PlanSources;
  /** Receives plan.json and submissions/<id>/. */
  outDir: string;
  /** Scratch bare repository (deleted and re-made). */
  scratch: string;
  onEntry?: (entry: PlannedEntry) => void;
}

export function submissionDir(planDir: string, id: string): string {
  return join(planDir, 'submissions', id);
}

function remoteOf(sources: PlanSources, entry: RosterEntry): Remote {
  // A roster's path column names clones on an instructor's disk: only local grading reads it.
  if (sources.api === undefined && (sources.clones !== undefined || entry.path !== undefined)) {
    return { url: entry.path ?? join(sources.clones!, entry.repository.split('/')[1] ?? entry.repository) };
  }
  return { url: `${sources.serverUrl}/${entry.repository}.git`, token: sources.token };
}

const blank = (entry: RosterEntry): PlannedEntry => ({
  id: entry.id, student: entry.student, repository: entry.repository, ref: null, pullRequest: null, commit: null, pushedAt: null,
  late: null, daysLate: 0, penaltyPercent: 0, status: 'missing', reason: entry.problem ?? null, tampered: [],
});

/** Which commits to grade for one roster entry: one (students mode) or one per open pull request. */
async function targets(options: PlanOptions, entry: RosterEntry): Promise<PlannedEntry[]> {
  const { config, sources } = options;
  const base = blank(entry);
  if (entry.problem !== undefined) return [base];
  const local = sources.api === undefined;
  if (local) {
    const remote = remoteOf(sources, entry);
    if (!existsSync(remote.url)) return [{ ...base, reason: `no clone at ${remote.url}` }];
    return [{ ...base, ref: config.branch === null ? 'HEAD' : `refs/heads/${config.branch}`, status: 'planned' }];
  }
  const api = sources.api!;
  const repo = await getRepository(api, entry.repository);
  if (repo === null) return [{ ...base, reason: `repository ${entry.repository} not found (or the token cannot read it)` }];
  const deadline = config.deadline === null ? null : parseDeadline(config.deadline);
  const choose = async (ref: string | null): Promise<Partial<PlannedEntry>> => {
    const choice = chooseCommit(await listActivities(api, entry.repository, ref), { deadline, late: config.late, ref, ignoreActors: config.ignoreActors });
    if (choice.kind === 'missing') return { status: 'missing', reason: choice.reason, ref };
    return { status: 'planned', ref: choice.ref, commit: choice.sha, pushedAt: choice.pushedAt, late: deadline === null ? false : choice.late, daysLate: choice.daysLate, penaltyPercent: choice.penaltyPercent };
  };
  if (config.mode === 'pull-requests') {
    const pulls = (await listOpenPullRequests(api, entry.repository)).filter((pr) => pr.head.repo?.full_name === entry.repository);
    if (pulls.length === 0) return [{ ...base, reason: 'no open pull request' }];
    return Promise.all(pulls.sort((a, b) => a.number - b.number).map(async (pr) => ({ ...base, id: `${entry.id}-pr${pr.number}`, pullRequest: pr.number, ...(await choose(`refs/heads/${pr.head.ref}`)) })));
  }
  return [{ ...base, ...(await choose(config.branch === null ? null : `refs/heads/${config.branch}`)) }];
}

async function mapLimited<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  }));
  return results;
}

export async function planClass(options: PlanOptions): Promise<Plan> {
  const { config, sources, exercises, outDir } = options;
  mkdirSync(outDir, { recursive: true });
  const scratch = initScratch(options.scratch);
  let templateCommit: string | null = null;
  const templateUrl = sources.templateUrl ?? (config.template === null ? undefined : `${sources.serverUrl}/${config.template.repository}.git`);
  if (templateUrl !== undefined) {
    const ref = sources.templateUrl !== undefined ? 'HEAD' : `refs/heads/${config.template!.ref}`;
    templateCommit = fetchCommit(scratch, { url: templateUrl, token: sources.token }, 'template', ref, null) ?? null;
    if (templateCommit === null) throw new Error(`cannot fetch the student template ${templateUrl} (${ref}): check "template" in the class configuration and the token's access`);
  }
  // API calls for many students at once (they wait on the network); git fetches one after another below.
  const pairs = (await mapLimited(options.entries, 8, async (roster) => (await targets(options, roster)).map((entry) => ({ roster, entry })))).flat();
  const planned = pairs.map((pair) => pair.entry);
  for (const { roster: rosterEntry, entry } of pairs) {
    if (entry.status === 'planned') {
      const sha = fetchCommit(scratch, remoteOf(sources, rosterEntry), entry.id, entry.ref, entry.commit);
      if (sha === undefined) {
        Object.assign(entry, { status: 'missing', reason: entry.commit === null ? `nothing to grade at ${entry.ref}` : `commit ${entry.commit.slice(0, 12)} could not be fetched` });
      } else {
        entry.commit = sha;
        entry.tampered = extractSubmission(scratch, sha, exercises, submissionDir(outDir, entry.id), templateCommit).tampered;
      }
    }
    options.onEntry?.(entry);
  }
  const gradable = planned.filter((entry) => entry.status === 'planned').map((entry) => entry.id);
  const { size, chunks } = planChunks(gradable, config.chunkSize);
  const plan: Plan = {
    version: PLAN_VERSION, assignment: config.assignment, mode: config.mode, deadline: config.deadline, late: config.late, lang: config.lang,
    exercises: exercises.map((exercise) => ({ key: exercise.key, points: exercise.meta.points })), templateCommit,
    chunkSize: size, chunks, entries: planned,
  };
  writeFileSync(join(outDir, 'plan.json'), `${JSON.stringify(plan, null, 2)}\n`);
  return plan;
}

export function readPlan(planDir: string): Plan {
  const path = join(planDir, 'plan.json');
  if (!existsSync(path)) throw new Error(`${path} not found: the plan job did not run or its artifact was not downloaded`);
  const plan = JSON.parse(readFileSync(path, 'utf8')) as Plan;
  if (plan.version !== PLAN_VERSION) throw new Error(`${path}: plan version ${String(plan.version)}, expected ${PLAN_VERSION}`);
  return plan;
}
