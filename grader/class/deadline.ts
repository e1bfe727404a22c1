// Which commit counts: the last one *pushed* before the deadline, by GitHub's record of the push (the
// repository activity API), never the commit date, which the student's own clock and `git commit
// --date` set. The late policy decides what a push after the deadline is worth.
import type { LatePolicy } from './config.ts';

/**
 * One entry of GET /repos/{owner}/{repo}/activity ("List repository activities",
 * docs.github.com/en/rest/repos/repos#list-repository-activities): the fields this module reads.
 */
export interface Activity {
  before: string;
  after: string;
  ref: string;
  timestamp: string;
  activity_type: string;
  actor: { login: string } | null;
}

/** Activity types that leave a commit at the tip of a branch. */
const TIP_TYPES = new Set(['push', 'force_push', 'branch_creation', 'pr_merge', 'merge_queue_merge']);
const ZERO = /^0+$/;
/** A commit id as GitHub writes it (it reaches git's command line). */
const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
const DAY_MS = 86_400_000;

export type Choice =
  | { kind: 'graded'; sha: string; ref: string; pushedAt: string; late: boolean; daysLate: number; penaltyPercent: number }
  | { kind: 'missing'; reason: string };

export interface ChooseOptions {
  deadline: Date | null;
  late: LatePolicy;
  /** Only pushes to this ref (refs/heads/<branch>) count; null: any branch. */
  ref: string | null;
  ignoreActors: string[];
}

export function daysLate(pushedAt: Date, deadline: Date): number {
  return Math.max(0, Math.ceil((pushedAt.getTime() - deadline.getTime()) / DAY_MS));
}

export function chooseCommit(activities: Activity[], options: ChooseOptions): Choice {
  const ignored = new Set(options.ignoreActors.map((login) => login.toLowerCase()));
  const pushes = activities
    .filter((a) => TIP_TYPES.has(a.activity_type) && SHA.test(a.after) && !ZERO.test(a.after) && a.ref.startsWith('refs/heads/'))
    .filter((a) => options.ref === null || a.ref === options.ref)
    .filter((a) => !ignored.has((a.actor?.login ?? '').toLowerCase()))
    .map((a) => ({ ...a, time: new Date(a.timestamp) }))
    .filter((a) => !Number.isNaN(a.time.getTime()))
    .sort((a, b) => a.time.getTime() - b.time.getTime());
  const where = options.ref === null ? '' : ` to ${options.ref.replace('refs/heads/', '')}`;
  if (pushes.length === 0) return { kind: 'missing', reason: `nothing pushed${where}` };
  const { deadline, late } = options;
  const graded = (push: (typeof pushes)[number]): Choice => {
    const days = deadline === null ? 0 : daysLate(push.time, deadline);
    const penalty = late.policy === 'penalty' ? Math.min(100, days * late.percentPerDay) : 0;
    return { kind: 'graded', sha: push.after, ref: push.ref, pushedAt: push.time.toISOString(), late: days > 0, daysLate: days, penaltyPercent: penalty };
  };
  if (deadline === null || late.policy === 'none') return graded(pushes.at(-1)!);
  const limit = late.policy === 'cutoff' ? deadline.getTime()
    : late.maxDays === null ? Number.POSITIVE_INFINITY : deadline.getTime() + late.maxDays * DAY_MS;
  const counted = pushes.filter((p) => p.time.getTime() <= limit);
  if (counted.length === 0) {
    return { kind: 'missing', reason: late.policy === 'cutoff' ? `nothing pushed${where} before the deadline` : `nothing pushed${where} within ${late.maxDays} days after the deadline` };
  }
  return graded(counted.at(-1)!);
}

/** The total after the late penalty (a percentage of the points earned), rounded to cents. */
export function applyPenalty(score: number, penaltyPercent: number): number {
  return Math.round(score * (100 - penaltyPercent)) / 100;
}
