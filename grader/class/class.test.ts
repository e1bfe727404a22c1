// The class grading building blocks: CSV both ways, the three roster shapes, the configuration's
// errors, chunking within GitHub's matrix limit, and the commit a deadline and late policy choose.
import { describe, expect, test } from 'vitest';
import { planChunks } from './chunks.ts';
import { parseConfig } from './config.ts';
import { parseCsv, toCsv } from './csv.ts';
import { applyPenalty, chooseCommit, type Activity } from './deadline.ts';
import { progressBar } from './progress.ts';
import { parseRoster, repositoryName } from './roster.ts';

describe('csv', () => {
  test('quoted fields with commas, quotes and line breaks, CRLF, a byte-order mark, blank lines', () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, y","say ""hi"""\n\n"two\nlines",3\n')).toEqual([['a', 'b'], ['x, y', 'say "hi"'], ['two\nlines', '3']]);
    expect(() => parseCsv('a,"b\nc')).toThrow('line 1: a quoted field is never closed');
  });

  test('writing quotes what needs it and never lets a name become a spreadsheet formula', () => {
    expect(toCsv([['a,b', 'q"', null, 3, '-2.5', '=HYPERLINK("x")', '@me']])).toBe('"a,b","q""",,3,-2.5,"\'=HYPERLINK(""x"")",\'@me\r\n');
    expect(parseCsv(toCsv([['x', 'y, z'], ['1', '']]))).toEqual([['x', 'y, z'], ['1', '']]);
  });
});

describe('roster', () => {
  test('GitHub Classroom\'s assignment export: repository from its URL, name from the roster identifier, unlinked rows explained', () => {
    const text = 'assignment_name,github_username,roster_identifier,student_repository_url\nhw,ana,Ana López,https://github.com/org/hw-ana\nhw,,Leo,\nhw,ben,,https://github.com/org/hw-ben.git\n';
    const { format, entries } = parseRoster(text);
    expect(format).toBe('classroom-assignment');
    expect(entries).toEqual([
      { id: 'r001', student: 'Ana López', repository: 'org/hw-ana' },
      { id: 'r002', student: 'Leo', repository: '', problem: 'no GitHub account linked to this roster entry yet' },
      { id: 'r003', student: 'ben', repository: 'org/hw-ben' },
    ]);
  });

  test('GitHub Classroom\'s roster export needs a repository pattern, and says so', () => {
    const text = 'identifier,github_username,github_id,name\nana@uni.es,ana,1,Ana\n';
    expect(() => parseRoster(text)).toThrow(/set "repositoryPattern"/);
    expect(parseRoster(text, { repositoryPattern: 'org/concurrency-{username}' }).entries).toEqual([{ id: 'r001', student: 'ana@uni.es', repository: 'org/concurrency-ana' }]);
  });

  test('a plain CSV, clones on disk, bad repositories, duplicates and unknown columns', () => {
    expect(parseRoster('student,repository,path\nAna,org/a,../clones/a\n').entries).toEqual([{ id: 'r001', student: 'Ana', repository: 'org/a', path: '../clones/a' }]);
    expect(parseRoster('student,repository\nAna,not a repo\n').entries[0]!.problem).toBe('line 2: "not a repo" is not a repository (owner/name or its URL)');
    expect(() => parseRoster('student,repository\nA,org/a\nB,ORG/A\n')).toThrow('ORG/A appears twice (lines 2 and 3)');
    expect(() => parseRoster('name,email\n')).toThrow(/unknown roster columns \(name, email\)/);
    expect(repositoryName('git@github.com:org/x.git')).toBe('org/x');
    expect(repositoryName('https://github.com/org')).toBeUndefined();
  });
});

describe('configuration', () => {
  test('defaults, and every problem named at once', () => {
    expect(parseConfig({ assignment: 'hw1' })).toMatchObject({ assignment: 'hw1', roster: 'class/roster.csv', late: { policy: 'none' }, mode: 'students', chunkSize: 10 });
    const message = (() => {
      try {
        parseConfig({ deadline: '2026-12-18 23:59', late: { policy: 'penalty', percentPerDay: 0 }, chunkSize: 0, colour: 'red' });
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toContain('assignment: the assignment\'s name');
    expect(message).toContain('deadline "2026-12-18 23:59": write it as ISO 8601 with its time zone');
    expect(message).toContain('late.percentPerDay');
    expect(message).toContain('chunkSize: students per matrix job');
    expect(message).toContain('colour: unknown setting');
    expect(() => parseConfig({ assignment: 'x', late: { policy: 'cutoff' } })).toThrow('late.policy "cutoff" needs a deadline');
  });
});

describe('chunks', () => {
  test('chunks of the requested size, grown so the matrix never passes 256 jobs', () => {
    const ids = Array.from({ length: 25 }, (_, i) => `r${i}`);
    expect(planChunks(ids, 10).chunks.map((c) => c.length)).toEqual([10, 10, 5]);
    const big = planChunks(Array.from({ length: 3000 }, (_, i) => `r${i}`), 5);
    expect(big.size).toBe(12);
    expect(big.chunks.length).toBeLessThanOrEqual(256);
    expect(big.chunks.flat()).toHaveLength(3000);
    expect(planChunks([], 10).chunks).toEqual([]);
  });
});

describe('deadline', () => {
  const deadline = new Date('2026-03-01T23:00:00Z');
  const push = (after: string, timestamp: string, extra: Partial<Activity> = {}): Activity => ({ before: '0'.repeat(40), after: after.repeat(40).slice(0, 40), ref: 'refs/heads/main', timestamp, activity_type: 'push', actor: { login: 'ana' }, ...extra });
  const activities = [
    push('a', '2026-02-01T09:00:00Z', { actor: { login: 'github-classroom[bot]' } }),
    push('b', '2026-03-01T10:00:00Z'),
    push('c', '2026-03-02T10:00:00Z'),
    push('0', '2026-03-03T10:00:00Z', { activity_type: 'branch_deletion' }),
    push('d', '2026-03-06T10:00:00Z', { activity_type: 'force_push' }),
  ];
  const options = { deadline, ref: 'refs/heads/main', ignoreActors: ['github-classroom[bot]'] };

  test('cut-off: the last push before the deadline, by push time', () => {
    expect(chooseCommit(activities, { ...options, late: { policy: 'cutoff' } })).toMatchObject({ kind: 'graded', sha: 'b'.repeat(40), late: false, penaltyPercent: 0 });
    expect(chooseCommit(activities.slice(2), { ...options, late: { policy: 'cutoff' } })).toEqual({ kind: 'missing', reason: 'nothing pushed to main before the deadline' });
  });

  test('penalty per started day, nothing after maxDays; none: the last push, flagged late', () => {
    expect(chooseCommit(activities, { ...options, late: { policy: 'penalty', percentPerDay: 10, maxDays: 3 } })).toMatchObject({ sha: 'c'.repeat(40), late: true, daysLate: 1, penaltyPercent: 10 });
    expect(chooseCommit(activities, { ...options, late: { policy: 'penalty', percentPerDay: 30, maxDays: null } })).toMatchObject({ sha: 'd'.repeat(40), daysLate: 5, penaltyPercent: 100 });
    expect(chooseCommit(activities, { ...options, late: { policy: 'none' } })).toMatchObject({ sha: 'd'.repeat(40), late: true, daysLate: 5, penaltyPercent: 0 });
    expect(chooseCommit(activities, { ...options, deadline: null, late: { policy: 'none' } })).toMatchObject({ sha: 'd'.repeat(40), late: false });
  });

  test('only Classroom\'s own push: nothing to grade; another branch does not count when a branch is set', () => {
    expect(chooseCommit(activities.slice(0, 1), { ...options, late: { policy: 'none' } })).toEqual({ kind: 'missing', reason: 'nothing pushed to main' });
    expect(chooseCommit([push('e', '2026-03-01T10:00:00Z', { ref: 'refs/heads/dev' })], { ...options, late: { policy: 'none' } }).kind).toBe('missing');
    expect(chooseCommit([push('e', '2026-03-01T10:00:00Z', { ref: 'refs/heads/dev' })], { ...options, ref: null, late: { policy: 'none' } })).toMatchObject({ sha: 'e'.repeat(40), ref: 'refs/heads/dev' });
  });

  test('an activity whose commit is not a commit id never reaches git', () => {
    expect(chooseCommit([push('b', '2026-03-01T10:00:00Z'), { ...push('c', '2026-03-01T11:00:00Z'), after: '--upload-pack=touch /tmp/x' }], { ...options, late: { policy: 'none' } })).toMatchObject({ sha: 'b'.repeat(40) });
  });

  test('the penalty is a share of the points earned, rounded to cents', () => {
    expect(applyPenalty(15, 10)).toBe(13.5);
    expect(applyPenalty(11.67, 20)).toBe(9.34);
    expect(applyPenalty(15, 100)).toBe(0);
  });
});

describe('progress', () => {
  test('one line per step in a log, redrawn in place on a terminal, with the time left', () => {
    let now = 0;
    const lines: string[] = [];
    const bar = progressBar(4, { write: (t: string) => lines.push(t) }, () => now);
    now = 2000;
    bar.tick('r001 ana');
    expect(lines[0]).toBe('[######------------------] 1/4  2s elapsed, ~6s left  r001 ana\n');
    const tty: string[] = [];
    const live = progressBar(2, { write: (t: string) => tty.push(t), isTTY: true, columns: 60 }, () => now);
    live.tick('x');
    live.done();
    expect(tty[0]!.startsWith('\r[############------------] 1/2')).toBe(true);
    expect(tty[0]!.length).toBe(60);
    expect(tty.at(-1)).toBe('\n');
  });
});
