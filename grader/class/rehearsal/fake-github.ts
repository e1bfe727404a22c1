// A small fake of the GitHub REST endpoints class grading uses, on loopback only (127.0.0.1, a free
// port), for the offline rehearsal. Each route answers with the request and response shapes GitHub
// documents, so the fake is held to GitHub's pages and not to our own client:
//   GET  /repos/{owner}/{repo}
//        https://docs.github.com/en/rest/repos/repos#get-a-repository — 200 full repository (we fill
//        full_name, private, default_branch); 404 {"message":"Not Found","documentation_url":…}.
//   GET  /repos/{owner}/{repo}/activity?ref=&activity_type=&per_page=&after=
//        https://docs.github.com/en/rest/repos/repos#list-repository-activities — 200 array of
//        {id, node_id, before, after, ref, timestamp, activity_type, actor}, newest first (direction
//        defaults to desc); per_page max 100; cursor pagination: the Link header's rel="next" URL carries
//        an `after` cursor.
//   GET  /repos/{owner}/{repo}/pulls?state=open&per_page=
//        https://docs.github.com/en/rest/pulls/pulls#list-pull-requests — 200 array of pull requests
//        (number, state, head {ref, sha, repo {full_name}}, base {ref}); Link header pagination
//        (https://docs.github.com/en/rest/using-the-rest-api/using-pagination-in-the-rest-api).
//   POST /repos/{owner}/{repo}/statuses/{sha}  body {state, target_url?, description?, context?}
//        https://docs.github.com/en/rest/commits/statuses#create-a-commit-status — 201 the status;
//        422 for a state outside error|failure|pending|success.
//   GET/POST /repos/{owner}/{repo}/issues/{number}/comments, PATCH /repos/{owner}/{repo}/issues/comments/{id}
//        https://docs.github.com/en/rest/issues/comments — 200 list / 201 created / 200 updated.
// Every request needs "Authorization: Bearer <token>" (401 {"message":"Bad credentials"} otherwise), as
// https://docs.github.com/en/rest/authentication/authenticating-to-the-rest-api describes.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeActivity {
  id: number;
  node_id: string;
  before: string;
  after: string;
  ref: string;
  timestamp: string;
  activity_type: 'push' | 'force_push' | 'branch_creation' | 'branch_deletion' | 'pr_merge' | 'merge_queue_merge';
  actor: { login: string; id: number; type: string } | null;
}

export interface FakeRepository {
  defaultBranch: string;
  activities: FakeActivity[];
  pulls: { number: number; head: { ref: string; sha: string } }[];
}

export interface PostedStatus { repository: string; sha: string; state: string; description: string; context: string }
export interface FakeComment { id: number; body: string; user: { login: string; type: string } }

const ZERO = '0'.repeat(40);
const NOT_FOUND = { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' };

export class FakeGitHub {
  readonly token = `ghs_${randomBytes(8).toString('hex')}`;
  readonly repositories = new Map<string, FakeRepository>();
  readonly statuses: PostedStatus[] = [];
  readonly comments = new Map<string, FakeComment[]>();
  /** Every request, "METHOD path", for the tests to check what was asked. */
  readonly requests: string[] = [];
  botLogin = 'course-grader[bot]';
  url = '';
  private server: Server | undefined;
  private nextId = 1;

  addRepository(name: string, defaultBranch = 'main'): FakeRepository {
    const repo: FakeRepository = { defaultBranch, activities: [], pulls: [] };
    this.repositories.set(name.toLowerCase(), repo);
    return repo;
  }

  /** Records a push as GitHub's activity log would: `before` is the ref's previous tip. */
  recordPush(name: string, ref: string, after: string, timestamp: string, actor = 'student', type: FakeActivity['activity_type'] = 'push'): void {
    const repo = this.repositories.get(name.toLowerCase());
    if (repo === undefined) throw new Error(`fake: no repository ${name}`);
    const previous = repo.activities.filter((a) => a.ref === ref).at(-1)?.after ?? ZERO;
    const id = this.nextId++;
    repo.activities.push({
      id, node_id: `RA_${id}`, before: previous, after, ref, timestamp, activity_type: previous === ZERO && type === 'push' ? 'branch_creation' : type,
      actor: { login: actor, id: 1000 + id, type: actor.endsWith('[bot]') ? 'Bot' : 'User' },
    });
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => this.handle(req, res, Buffer.concat(chunks).toString('utf8')));
    });
    await new Promise<void>((done) => this.server!.listen(0, '127.0.0.1', done));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((done) => (this.server === undefined ? done() : this.server.close(() => done())));
  }

  private handle(req: IncomingMessage, res: ServerResponse, text: string): void {
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(JSON.stringify(body));
    };
    const url = new URL(req.url ?? '/', this.url);
    this.requests.push(`${req.method ?? 'GET'} ${url.pathname}`);
    if (req.headers.authorization !== `Bearer ${this.token}`) return reply(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' });
    const match = /^\/repos\/([^/]+\/[^/]+)(\/.*)?$/.exec(url.pathname);
    const name = match?.[1] ?? '';
    const rest = match?.[2] ?? '';
    const repo = this.repositories.get(name.toLowerCase());
    if (match === null || repo === undefined) return reply(404, NOT_FOUND);
    const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page') ?? '30') || 30));
    if (req.method === 'GET' && rest === '') return reply(200, { full_name: name, private: true, default_branch: repo.defaultBranch });
    if (req.method === 'GET' && rest === '/activity') {
      const ref = url.searchParams.get('ref');
      const type = url.searchParams.get('activity_type');
      const wanted = ref === null ? null : ref.startsWith('refs/') ? ref : `refs/heads/${ref}`;
      const list = repo.activities.filter((a) => (wanted === null || a.ref === wanted) && (type === null || a.activity_type === type))
        .sort((a, b) => b.timestamp.localeCompare(a.timestamp) || b.id - a.id);
      const after = url.searchParams.get('after');
      const start = after === null ? 0 : list.findIndex((a) => a.node_id === Buffer.from(after, 'base64url').toString()) + 1;
      const page = list.slice(start, start + perPage);
      const headers: Record<string, string> = {};
      if (start + perPage < list.length) {
        const next = new URL(url.toString());
        next.searchParams.set('after', Buffer.from(page.at(-1)!.node_id).toString('base64url'));
        headers['link'] = `<${next.toString()}>; rel="next"`;
      }
      return reply(200, page, headers);
    }
    if (req.method === 'GET' && rest === '/pulls') {
      if ((url.searchParams.get('state') ?? 'open') !== 'open') return reply(200, []);
      return reply(200, repo.pulls.map((pr) => ({ number: pr.number, state: 'open', head: { ref: pr.head.ref, sha: pr.head.sha, repo: { full_name: name } }, base: { ref: repo.defaultBranch, repo: { full_name: name } } })));
    }
    const status = /^\/statuses\/([0-9a-f]{40})$/.exec(rest);
    if (req.method === 'POST' && status !== null) {
      const body = JSON.parse(text || '{}') as { state?: string; description?: string; context?: string };
      if (!['error', 'failure', 'pending', 'success'].includes(body.state ?? '')) return reply(422, { message: 'Validation Failed', errors: [{ resource: 'Status', field: 'state', code: 'custom' }] });
      const posted = { repository: name, sha: status[1]!, state: body.state!, description: body.description ?? '', context: body.context ?? 'default' };
      this.statuses.push(posted);
      return reply(201, { id: this.nextId++, state: posted.state, description: posted.description, context: posted.context });
    }
    const issueComments = /^\/issues\/(\d+)\/comments$/.exec(rest);
    if (issueComments !== null) {
      const key = `${name}#${issueComments[1]}`;
      const list = this.comments.get(key) ?? [];
      if (req.method === 'GET') {
        const page = Number(url.searchParams.get('page') ?? '1');
        return reply(200, list.slice((page - 1) * perPage, page * perPage));
      }
      if (req.method === 'POST') {
        const comment = { id: this.nextId++, body: (JSON.parse(text) as { body: string }).body, user: { login: this.botLogin, type: 'Bot' } };
        this.comments.set(key, [...list, comment]);
        return reply(201, comment);
      }
    }
    const oneComment = /^\/issues\/comments\/(\d+)$/.exec(rest);
    if (req.method === 'PATCH' && oneComment !== null) {
      for (const [key, list] of this.comments) {
        const comment = list.find((c) => c.id === Number(oneComment[1]));
        if (comment === undefined || !key.startsWith(`${name}#`)) continue;
        comment.body = (JSON.parse(text) as { body: string }).body;
        return reply(200, comment);
      }
    }
    return reply(404, NOT_FOUND);
  }
}
