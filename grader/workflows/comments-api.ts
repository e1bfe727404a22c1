// One PR comment per pull request, updated in place: found by the hidden marker at its start and by its
// author (the workflow's bot), so a student's comment that copies the marker is never picked up.
export interface CommentTarget {
  apiUrl: string;
  repository: string;
  issue: number;
  token: string;
  /** The comment author to look for (the workflow token's bot). */
  botLogin?: string;
}

interface IssueComment {
  id: number;
  body?: string;
  user?: { login?: string; type?: string } | null;
}

async function call(target: CommentTarget, method: string, path: string, body?: object): Promise<unknown> {
  const response = await fetch(`${target.apiUrl}${path}`, {
    method,
    headers: {
      accept: 'application/vnd.github+json',
      authorization: `Bearer ${target.token}`,
      'x-github-api-version': '2022-11-28',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${(await response.text()).slice(0, 300)}`);
  return response.json();
}

export async function findComment(target: CommentTarget, marker: string): Promise<IssueComment | undefined> {
  const bot = target.botLogin ?? 'github-actions[bot]';
  for (let page = 1; page <= 30; page += 1) {
    const comments = (await call(target, 'GET', `/repos/${target.repository}/issues/${target.issue}/comments?per_page=100&page=${page}`)) as IssueComment[];
    const found = comments.find((c) => c.user?.login === bot && (c.body ?? '').startsWith(marker));
    if (found !== undefined) return found;
    if (comments.length < 100) return undefined;
  }
  return undefined;
}

/** Creates the comment or updates the existing one; returns what happened and the comment id. */
export async function upsertComment(target: CommentTarget, marker: string, body: string): Promise<{ action: 'created' | 'updated'; id: number }> {
  if (!body.startsWith(marker)) throw new Error('the comment body must start with its marker');
  const existing = await findComment(target, marker);
  if (existing !== undefined) {
    await call(target, 'PATCH', `/repos/${target.repository}/issues/comments/${existing.id}`, { body });
    return { action: 'updated', id: existing.id };
  }
  const created = (await call(target, 'POST', `/repos/${target.repository}/issues/${target.issue}/comments`, { body })) as IssueComment;
  return { action: 'created', id: created.id };
}
