// The gradebook: one row per graded target (student, or student and pull request), the same columns
// whether the class was graded on GitHub Actions or on a laptop, plus a Markdown summary.
import { round2, type GradeResult } from '../result.ts';
import { toCsv } from './csv.ts';
import { applyPenalty } from './deadline.ts';
import type { Plan, PlannedEntry } from './plan.ts';

/**
 * graded: a result with no tampering and no grading error; tampered: files outside the exercises changed
 * (graded with the trusted copies); error: the grader reported an error for this submission; missing:
 * nothing to grade (no repository, no push, cut off by the deadline); not-graded: the grading job failed
 * (re-run the failed jobs).
 */
export type RowStatus = 'graded' | 'tampered' | 'error' | 'missing' | 'not-graded';

export interface Row {
  entry: PlannedEntry;
  status: RowStatus;
  /** Points before the late penalty; null when nothing was graded. */
  raw: number | null;
  total: number | null;
  maxTotal: number;
  perExercise: Record<string, number | null>;
  note: string;
}

export function buildRow(plan: Plan, entry: PlannedEntry, outcome: { result?: GradeResult; failure?: string } | undefined): Row {
  const maxTotal = round2(plan.exercises.reduce((sum, exercise) => sum + exercise.points, 0));
  const empty = Object.fromEntries(plan.exercises.map((exercise) => [exercise.key, null]));
  if (entry.status === 'missing') return { entry, status: 'missing', raw: null, total: null, maxTotal, perExercise: empty, note: entry.reason ?? '' };
  const result = outcome?.result;
  if (result === undefined) {
    return { entry, status: 'not-graded', raw: null, total: null, maxTotal, perExercise: empty, note: outcome?.failure ?? 'its chunk produced no result (re-run the failed jobs)' };
  }
  const perExercise = { ...empty, ...Object.fromEntries(result.exercises.map((exercise) => [exercise.key, exercise.score])) };
  const status: RowStatus = result.tamper.changed.length > 0 ? 'tampered' : result.status === 'error' ? 'error' : 'graded';
  const notes = [
    ...(result.tamper.changed.length > 0 ? [`changed outside the exercises: ${result.tamper.changed.slice(0, 3).join('; ')}${result.tamper.changed.length > 3 ? ` (+${result.tamper.changed.length - 3})` : ''}`] : []),
    ...result.errors.slice(0, 2),
    ...(entry.penaltyPercent > 0 ? [`late penalty ${entry.penaltyPercent} %`] : []),
  ];
  return { entry, status, raw: result.score, total: applyPenalty(result.score, entry.penaltyPercent), maxTotal, perExercise, note: notes.join(' | ') };
}

export function gradebookCsv(plan: Plan, rows: Row[]): string {
  const header = ['student', 'repository', 'pull_request', 'ref', 'commit', 'pushed_at', 'total', 'max_total', ...plan.exercises.map((e) => e.key), 'status', 'late', 'days_late', 'penalty_percent', 'note'];
  const body = rows.map((row) => [
    row.entry.student, row.entry.repository, row.entry.pullRequest, row.entry.ref === null ? '' : row.entry.ref.replace(/^refs\/heads\//, ''),
    row.entry.commit, row.entry.pushedAt, row.total, row.maxTotal, ...plan.exercises.map((e) => row.perExercise[e.key] ?? null),
    row.status, row.entry.late === null ? '' : row.entry.late ? 'yes' : 'no', row.entry.daysLate, row.entry.penaltyPercent, row.note,
  ]);
  return toCsv([header, ...body]);
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/[\r\n]+/g, ' ');

export function gradebookSummary(plan: Plan, rows: Row[]): string {
  const count = (status: RowStatus): number => rows.filter((row) => row.status === status).length;
  const totals = rows.flatMap((row) => (row.total === null ? [] : [row.total])).sort((a, b) => a - b);
  const mean = totals.length === 0 ? 0 : round2(totals.reduce((a, b) => a + b, 0) / totals.length);
  const median = totals.length === 0 ? 0 : totals.length % 2 === 1 ? totals[(totals.length - 1) / 2]! : round2((totals[totals.length / 2 - 1]! + totals[totals.length / 2]!) / 2);
  const maxTotal = rows[0]?.maxTotal ?? 0;
  const lines = [
    `## ${cell(plan.assignment)}: ${rows.length} ${plan.mode === 'pull-requests' ? 'pull requests / students' : 'students'}`,
    '',
    plan.deadline === null ? 'No deadline: the last push of each student was graded.' : `Deadline ${plan.deadline}, late policy: ${plan.late.policy === 'penalty' ? `${plan.late.percentPerDay} % per started day${plan.late.maxDays === null ? '' : `, nothing after ${plan.late.maxDays} days`}` : plan.late.policy}. Commits chosen by GitHub's push time.`,
    '',
    '| graded | tampered | error | missing | not graded | late | mean | median |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
    `| ${count('graded')} | ${count('tampered')} | ${count('error')} | ${count('missing')} | ${count('not-graded')} | ${rows.filter((r) => r.entry.late === true).length} | ${mean}/${maxTotal} | ${median}/${maxTotal} |`,
    '',
    '| exercise | points | mean | full marks |',
    '|---|---:|---:|---:|',
    ...plan.exercises.map((exercise) => {
      const scores = rows.flatMap((row) => (row.perExercise[exercise.key] === null || row.perExercise[exercise.key] === undefined ? [] : [row.perExercise[exercise.key]!]));
      const avg = scores.length === 0 ? 0 : round2(scores.reduce((a, b) => a + b, 0) / scores.length);
      return `| ${exercise.key} | ${exercise.points} | ${avg} | ${scores.filter((s) => s >= exercise.points).length} |`;
    }),
  ];
  const attention = rows.filter((row) => row.status !== 'graded' || row.entry.late === true);
  if (attention.length > 0) {
    lines.push('', '### Needs a look', '', '| student | repository | status | late | note |', '|---|---|---|---|---|');
    for (const row of attention) lines.push(`| ${cell(row.entry.student)} | ${cell(row.entry.repository)}${row.entry.pullRequest === null ? '' : ` #${row.entry.pullRequest}`} | ${row.status} | ${row.entry.late === true ? `${row.entry.daysLate} d` : ''} | ${cell(row.note).slice(0, 200)} |`);
  }
  if (count('not-graded') > 0) lines.push('', `⚠ ${count('not-graded')} entries were not graded because their job failed: use "Re-run failed jobs" on this run; the gradebook is gathered again.`);
  return `${lines.join('\n')}\n`;
}
