// Which pull request a run grades, read from the event payload (GITHUB_EVENT_PATH). The payload is
// GitHub's, not the student's, but its strings are still checked before they reach git or the API.
import { readFileSync } from 'node:fs';

export interface PullRequestContext {
  number: number;
  /** The head commit the event names; null for a manual run (the PR's current head is fetched). */
  headSha: string | null;
  /** The head branch lives in this repository (not a fork): hidden tests may run. */
  sameRepository: boolean;
  eventName: string;
}

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function prNumber(value: unknown): number {
  const number = typeof value === 'string' && /^\d{1,9}$/.test(value.trim()) ? Number(value.trim()) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number <= 0) {
    throw new Error(`not a pull request number: ${JSON.stringify(value)}`);
  }
  return number;
}

export function pullRequestContext(eventName: string, payload: unknown, repository: string): PullRequestContext {
  const event = record(payload);
  if (eventName === 'pull_request_target' || eventName === 'pull_request') {
    const pr = record(event['pull_request']);
    const head = record(pr['head']);
    const sha = head['sha'];
    if (typeof sha !== 'string' || !SHA.test(sha)) throw new Error('the event has no pull_request.head.sha');
    const headRepo = record(head['repo'])['full_name'];
    return { number: prNumber(pr['number']), headSha: sha, sameRepository: headRepo === repository, eventName };
  }
  if (eventName === 'workflow_dispatch') {
    // Only people with write access can dispatch: an instructor deciding to grade this PR, hidden tests included.
    return { number: prNumber(record(event['inputs'])['pr']), headSha: null, sameRepository: true, eventName };
  }
  throw new Error(`the grading workflow does not handle "${eventName}" events`);
}

export function readPullRequestContext(eventName: string, eventPath: string | undefined, repository: string): PullRequestContext {
  if (eventPath === undefined) throw new Error('GITHUB_EVENT_PATH is not set');
  return pullRequestContext(eventName, JSON.parse(readFileSync(eventPath, 'utf8')), repository);
}
