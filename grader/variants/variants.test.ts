// The variants engine and the mistake fixtures on a throw-away course (the fixture exercise 01-add): many
// variants in one run, each scored as `grade` would, and fixture verdicts recorded, kept and broken.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCourse } from '../model/course.ts';
import { buildCourse, GOOD_ADD } from '../test-support/course-builder.ts';
import { gradeVariants } from './engine.ts';
import { FixtureError, fixtureVariant, loadFixtures } from './fixtures.ts';
import { checkMistakes } from './mistakes.ts';
import { verdictOf } from './verdict.ts';
import { NOT_RERUN } from '../run/workspace.ts';

const course = buildCourse([{ slug: 'add', submission: GOOD_ADD }]);
afterAll(() => course.dispose());
const exercise = loadCourse(course.root).exercises[0]!;

function writeFixture(name: string, body: Record<string, unknown>): void {
  const dir = join(course.root, 'solutions', exercise.key, 'mistakes');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), JSON.stringify(body));
}

describe('gradeVariants', () => {
  it('grades several submissions of one exercise in one run, visible and hidden tests, each on its own', async () => {
    const results = await gradeVariants([
      { id: 'good', exercise, files: { 'exercise.ts': GOOD_ADD } },
      { id: 'minus', exercise, files: { 'exercise.ts': 'export function add(a: number, b: number): number {\n  return a - b;\n}\n' } },
      { id: 'off-by-one', exercise, files: { 'exercise.ts': 'export function add(a: number, b: number): number {\n  return a + b + (a < 0 ? 1 : 0);\n}\n' } },
      { id: 'syntax', exercise, files: { 'exercise.ts': 'export function add(a: number, b: number): number {\n  return a +;\n}\n' } },
    ], 'en');
    expect(results.get('good')?.score).toBe(exercise.meta.points);
    const minus = verdictOf(results.get('minus')!);
    expect(minus.failing).toEqual(['adds small numbers', 'adds negatives', 'adds zero', 'adds large numbers']);
    expect(minus.message).toContain('1 + 2 should be 3');
    const offByOne = verdictOf(results.get('off-by-one')!);
    expect(offByOne.failing).toEqual(['adds negatives']);
    expect(offByOne.score).toBeGreaterThan(0);
    expect(verdictOf(results.get('syntax')!).error).toBe('syntax');
  });

  it('stops at the first failure, or runs only the tests asked for (mutation testing)', async () => {
    const minus = 'export function add(a: number, b: number): number {\n  return a - b;\n}\n';
    const stopped = await gradeVariants([{ id: 'minus', exercise, files: { 'exercise.ts': minus } }], 'en', { stopAtFirstFailure: true });
    const tests = stopped.get('minus')!.tests;
    expect(tests[0]).toMatchObject({ id: 'adds small numbers', status: 'fail' });
    expect(tests[0]?.message).toContain('1 + 2 should be 3');
    expect(tests[1]?.message).toContain('not run: an earlier test failed');

    const only = await gradeVariants([
      { id: 'minus', exercise, files: { 'exercise.ts': minus }, onlyTests: ['adds negatives'] },
      { id: 'good', exercise, files: { 'exercise.ts': GOOD_ADD }, onlyTests: ['adds negatives'] },
    ], 'en');
    const asked = (id: string) => only.get(id)!.tests.find((t) => t.id === 'adds negatives');
    expect(asked('minus')?.status).toBe('fail');
    expect(asked('minus')?.message).not.toContain(NOT_RERUN);
    expect(asked('good')?.status).toBe('pass');
    const others = only.get('good')!.tests.filter((t) => t.id !== 'adds negatives');
    expect(others.length).toBeGreaterThan(0);
    expect(others.every((t) => t.status === 'fail')).toBe(true);
    expect(others.find((t) => t.visibility === 'visible')?.message).toContain(NOT_RERUN);
  });

  it('refuses two variants with one id', async () => {
    const files = { 'exercise.ts': GOOD_ADD };
    await expect(gradeVariants([{ id: 'x', exercise, files }, { id: 'x', exercise, files }], 'en')).rejects.toThrow(/used twice/);
  });
});

describe('mistake fixtures', () => {
  it('records a verdict, keeps it, and says when its edit no longer applies to the solution', async () => {
    writeFixture('subtracts', {
      mistake: { es: 'resta en vez de sumar', en: 'subtracts instead of adding' },
      edits: [{ find: 'a + b', replace: 'a - b' }],
      keywords: { es: ['debería dar 3'], en: ['should be 3'] },
    });
    const fixtures = loadFixtures(course.root, [exercise]);
    const recorded = await checkMistakes(course.root, fixtures, { record: true });
    expect(recorded[0]?.problems).toEqual([]);
    expect(recorded[0]?.recorded).toBe(true);
    const saved = JSON.parse(readFileSync(fixtures[0]!.path, 'utf8')) as { expect: { failing: string[]; first: string } };
    expect(saved.expect.first).toBe('adds small numbers');

    const again = await checkMistakes(course.root, loadFixtures(course.root, [exercise]), { split: true });
    expect(again[0]?.problems).toEqual([]);

    // The solution was rewritten: the fixture says so instead of grading something else.
    writeFileSync(join(course.root, 'solutions', exercise.key, 'exercise.ts'), GOOD_ADD.replace('a + b', 'b + a'));
    const stale = await checkMistakes(course.root, loadFixtures(course.root, [exercise]), { rounds: 1 });
    expect(stale[0]?.problems.join('\n')).toMatch(/"find" must match the solution exactly once, found 0 times/);
    writeFileSync(join(course.root, 'solutions', exercise.key, 'exercise.ts'), GOOD_ADD);
  });

  it('reports a missing keyword and a verdict that changed', async () => {
    writeFixture('subtracts', {
      mistake: { es: 'resta', en: 'subtracts' },
      edits: [{ find: 'a + b', replace: 'a - b' }],
      keywords: { es: ['resta'], en: ['subtract'] },
      expect: { score: 5, failing: ['adds zero'], first: 'adds zero', diagnosis: null },
    });
    const [outcome] = await checkMistakes(course.root, loadFixtures(course.root, [exercise]), { rounds: 1 });
    expect(outcome?.problems.some((p) => p.startsWith('first failure message (es) does not name the mistake: missing "resta"'))).toBe(true);
    expect(outcome?.problems.some((p) => p.startsWith('verdict changed: recorded 5 points'))).toBe(true);
  });

  it('says which field of a fixture file is wrong', () => {
    writeFixture('broken', { mistake: { es: 'x' }, edits: [], keywords: { es: [], en: ['y'] } });
    expect(() => loadFixtures(course.root, [exercise])).toThrow(FixtureError);
    expect(() => loadFixtures(course.root, [exercise])).toThrow(/"mistake" needs "es" and "en".*"edits" must be.*"keywords" needs/);
    writeFixture('broken', { mistake: { es: 'x', en: 'x' }, edits: [{ find: 'a', replace: 'b' }], keywords: { es: ['x'], en: ['y'] } });
    const fixture = loadFixtures(course.root, [exercise]).find((f) => f.name === 'broken')!;
    expect(() => fixtureVariant(course.root, fixture)).toThrow(/found \d+ times/);
  });
});
