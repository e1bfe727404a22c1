// Results back to the students, from the grading repository (the token lives only there): a commit
// status on each graded commit ("Score 12/15"), and in pull-requests mode the full report as the one
// comment of the pull request, updated in place.
import { COMMENT_MARKER, markdown } from '../report/markdown.ts';
import type { GradeResult } from '../result.ts';
import { upsertComment } from '../workflows/comments-api.ts';
import { createStatus, type Api } from './github.ts';
import type { Gathered } from './gather.ts';
import type { Row } from './gradebook.ts';

export const CLASS_COMMENT_MARKER = '<!-- course-grader-class-report -->';

export function statusOf(row: Row): { state: 'success' | 'failure' | 'error'; description: string } {
  const score = `${row.total ?? 0}/${row.maxTotal}`;
  const late = row.entry.late === true ? `, ${row.entry.daysLate} day(s) late${row.entry.penaltyPercent > 0 ? ` (-${row.entry.penaltyPercent} %)` : ''}` : '';
  if (row.status === 'tampered') return { state: 'error', description: `Score ${score}: protected files changed (originals used)${late}` };
  if (row.status === 'error') return { state: 'error', description: `Score ${score}: grading error, see the report${late}` };
  return { state: row.total !== null && row.total >= row.maxTotal ? 'success' : 'failure', description: `Score ${score}${late}` };
}

/** The PR comment: the grader's report under its own marker, with the graded commit and push time. */
export function classComment(row: Row, result: GradeResult): string {
  const text = markdown(result, 'comment');
  const report = text.startsWith(COMMENT_MARKER) ? text.slice(COMMENT_MARKER.length).replace(/^\n/, '') : text;
  const es = result.lang === 'es';
  const commit = row.entry.commit === null ? '' : `\`${row.entry.commit.slice(0, 12)}\``;
  const when = row.entry.pushedAt === null ? '' : es ? `, subido el ${row.entry.pushedAt}` : `, pushed ${row.entry.pushedAt}`;
  const late = row.entry.late === true
    ? es ? ` (${row.entry.daysLate} día(s) tarde${row.entry.penaltyPercent > 0 ? `: −${row.entry.penaltyPercent} %, nota final ${row.total}/${row.maxTotal}` : ''})`
      : ` (${row.entry.daysLate} day(s) late${row.entry.penaltyPercent > 0 ? `: −${row.entry.penaltyPercent} %, final score ${row.total}/${row.maxTotal}` : ''})`
    : '';
  const header = es ? `> Corrección del profesor, con los tests ocultos: commit ${commit}${when}${late}.` : `> Instructor's grading, hidden tests included: commit ${commit}${when}${late}.`;
  return `${CLASS_COMMENT_MARKER}\n${header}\n\n${report}`;
}

export interface PublishOptions {
  api: Api & { token: string };
  context: string;
  /** The bot or user the token belongs to, so only its own earlier comment is updated. */
  commentAuthor: string;
  runUrl?: string;
}

export async function publishResults(gathered: Gathered, options: PublishOptions): Promise<{ statuses: number; comments: number; failures: string[] }> {
  let statuses = 0;
  let comments = 0;
  const failures: string[] = [];
  for (const row of gathered.rows) {
    const result = gathered.outcomes.get(row.entry.id)?.result;
    if (result === undefined || row.entry.commit === null || row.status === 'missing' || row.status === 'not-graded') continue;
    try {
      await createStatus(options.api, row.entry.repository, row.entry.commit, { ...statusOf(row), context: options.context, ...(options.runUrl === undefined ? {} : { target_url: options.runUrl }) });
      statuses += 1;
      if (row.entry.pullRequest !== null) {
        await upsertComment({ apiUrl: options.api.url, repository: row.entry.repository, issue: row.entry.pullRequest, token: options.api.token, botLogin: options.commentAuthor }, CLASS_COMMENT_MARKER, classComment(row, result));
        comments += 1;
      }
    } catch (error) {
      failures.push(`${row.entry.repository}: ${(error as Error).message}`);
    }
  }
  return { statuses, comments, failures };
}
