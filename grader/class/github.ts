// The GitHub REST endpoints class grading uses, and nothing else. Shapes as documented at
// docs.github.com/en/rest (API version 2022-11-28):
//   GET  /repos/{owner}/{repo}                      repos/repos#get-a-repository (default_branch; 404 if absent)
//   GET  /repos/{owner}/{repo}/activity             repos/repos#list-repository-activities (push times)
//   GET  /repos/{owner}/{repo}/pulls?state=open     pulls/pulls#list-pull-requests
//   POST /repos/{owner}/{repo}/statuses/{sha}       commits/statuses#create-a-commit-status
//   issue comments (list/create/update)            issues/comments (grader/workflows/comments-api.ts)
// Lists are paginated with the Link header (rel="next"), docs.github.com/en/rest/using-the-rest-api/
// using-pagination-in-the-rest-api; the activity list pages with cursors inside that link.
import type { Activity } from './deadline.ts';

export interface Api {
  url: string;
  token: string | undefined;
}

export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: number;
  constructor(message: string, status: number) {
    super(message);
    this.status = status;
  }
}

function headers(api: Api, body: boolean): Record<string, string> {
  return {
    accept: 'application/vnd.github+json',
    'x-github-api-version': '2022-11-28',
    'user-agent': 'course-grader-class',
    ...(api.token ? { authorization: `Bearer ${api.token}` } : {}),
    ...(body ? { 'content-type': 'application/json' } : {}),
  };
}

async function request(api: Api, method: string, url: string, body?: object): Promise<{ json: unknown; next: string | undefined }> {
  let response: Response | undefined;
  for (let attempt = 0; ; attempt += 1) {
    response = await fetch(url, { method, headers: headers(api, body !== undefined), body: body === undefined ? undefined : JSON.stringify(body) });
    // Secondary rate limits and server hiccups: wait and retry a few times (documented retry-after).
    if ((response.status === 429 || response.status >= 500 || (response.status === 403 && response.headers.get('retry-after') !== null)) && attempt < 3) {
      const wait = Math.min(60, Number(response.headers.get('retry-after') ?? 2 ** attempt));
      await new Promise((done) => setTimeout(done, wait * 1000));
      continue;
    }
    break;
  }
  const path = url.replace(api.url, '');
  if (!response.ok) throw new ApiError(`${method} ${path}: HTTP ${response.status} ${(await response.text()).slice(0, 200)}`, response.status);
  const next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '')?.[1];
  return { json: response.status === 204 ? null : await response.json(), next };
}

/** Every page of a list endpoint (at most `maxPages`). */
async function list<T>(api: Api, path: string, maxPages = 20): Promise<T[]> {
  const items: T[] = [];
  let url: string | undefined = `${api.url}${path}`;
  for (let page = 0; url !== undefined && page < maxPages; page += 1) {
    const { json, next }: { json: unknown; next: string | undefined } = await request(api, 'GET', url);
    if (!Array.isArray(json)) throw new ApiError(`GET ${path}: expected a list`, 200);
    items.push(...(json as T[]));
    url = next;
  }
  return items;
}

export async function getRepository(api: Api, repository: string): Promise<{ default_branch: string } | null> {
  try {
    const { json } = await request(api, 'GET', `${api.url}/repos/${repository}`);
    return json as { default_branch: string };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/** Pushes and other ref changes, newest first (the endpoint's default direction). */
export async function listActivities(api: Api, repository: string, ref: string | null): Promise<Activity[]> {
  const query = new URLSearchParams({ per_page: '100' });
  if (ref !== null) query.set('ref', ref);
  return list<Activity>(api, `/repos/${repository}/activity?${query.toString()}`);
}

export interface PullRequest {
  number: number;
  head: { ref: string; sha: string; repo: { full_name: string } | null };
}

export async function listOpenPullRequests(api: Api, repository: string): Promise<PullRequest[]> {
  return list<PullRequest>(api, `/repos/${repository}/pulls?state=open&per_page=100`);
}

export async function createStatus(api: Api, repository: string, sha: string, status: { state: 'success' | 'failure' | 'error'; description: string; context: string; target_url?: string }): Promise<void> {
  await request(api, 'POST', `${api.url}/repos/${repository}/statuses/${sha}`, { ...status, description: status.description.slice(0, 140) });
}
