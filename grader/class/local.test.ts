// `npm run grade-class -- roster.csv` with the students' clones on disk: the same plan, grading and
// gradebook columns as the workflow, a progress line per student, and clear refusals.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { gradeClassLocally } from './local.ts';
import { FakeGitHub } from './rehearsal/fake-github.ts';
import { buildScenario, DOZEN, git, repositoryOf, type Scenario } from './rehearsal/scenario.ts';

let scenario: Scenario;
const api = new FakeGitHub();
const pick = (login: string) => DOZEN.find((s) => s.login === login)!;

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), stream: { write: (t: string) => out.push(t), isTTY: false } } };
}

beforeAll(() => {
  scenario = buildScenario(api, [pick('ana'), pick('gabi'), pick('ines')], {});
  const clones = join(scenario.root, 'clones');
  mkdirSync(clones);
  for (const login of ['ana', 'gabi']) git(clones, ['clone', '-q', `${scenario.serverUrl}/${repositoryOf(pick(login))}.git`]);
}, 60_000);

afterAll(() => {
  rmSync(scenario.root, { recursive: true, force: true });
});

describe('grade-class on clones', { timeout: 120_000 }, () => {
  test('grades each clone, compares it with the template, and writes the gradebook', async () => {
    const { out, err, io: streams } = io();
    const code = await gradeClassLocally([join(scenario.grading, 'class', 'roster.csv'), '--clones', join(scenario.root, 'clones'), '--template', join(scenario.root, 'template-work'), '--course', scenario.grading, '--out', join(scenario.root, 'out')], streams);
    expect(err.join('')).toBe('');
    expect(code).toBe(0);
    const text = out.join('');
    expect(text).toContain('3 students: 2 to grade, 1 missing');
    expect(text).toMatch(/\[#{12}-{12}\] 1\/2 .* Ana 15\/15\n/);
    const rows = readFileSync(join(scenario.root, 'out', 'gradebook.csv'), 'utf8').split('\r\n');
    expect(rows[0]).toBe('student,repository,pull_request,ref,commit,pushed_at,total,max_total,01-add,02-greet,status,late,days_late,penalty_percent,note');
    expect(rows[1]).toMatch(/^Ana,rehearsal-class\/concurrency-ana,,HEAD,[0-9a-f]{40},,15,15,10,5,graded,,0,0,$/);
    expect(rows[2]).toMatch(/^Gabi,.*,10,15,10,0,tampered,,0,0,changed outside the exercises: package\.json \(changed\)$/);
    expect(rows[3]).toBe(`Ines,${repositoryOf(pick('ines'))},,,,,,15,,,missing,,0,0,no clone at ${join(scenario.root, 'clones', 'concurrency-ines')}`);
  });

  test('without clones, or with an unknown roster, it says what to give', async () => {
    const none = io();
    expect(await gradeClassLocally([join(scenario.grading, 'class', 'roster.csv'), '--course', scenario.grading], none.io)).toBe(2);
    expect(none.err.join('')).toContain('give --clones DIR');
    const missing = io();
    expect(await gradeClassLocally([join(scenario.root, 'nope.csv')], missing.io)).toBe(2);
    expect(missing.err.join('')).toContain('no such roster file');
  });
});
