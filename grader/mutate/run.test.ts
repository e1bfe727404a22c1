// Planning and classifying mutants, with a fake grader: a mutant killed in every round is killed, in none
// survived, in some nondeterministic (never counted as killed); declared equivalents are not graded and a stale
// declaration is reported.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { Exercise } from '../model/course.ts';
import type { ExerciseResult } from '../result.ts';
import { EquivalentsError, loadEquivalents } from './equivalents.ts';
import { figures, killMatrix, survivorsText } from './report.ts';
import { planMutants, runMutants } from './run.ts';

const root = mkdtempSync(join(tmpdir(), 'mutate-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function course(solution: string, equivalents?: unknown): Exercise {
  const dir = join(root, `exercises-${Math.random().toString(36).slice(2)}`);
  mkdirSync(dir, { recursive: true });
  mkdirSync(join(root, 'solutions', '01-x'), { recursive: true });
  writeFileSync(join(root, 'solutions', '01-x', 'exercise.ts'), solution);
  if (equivalents !== undefined) writeFileSync(join(dir, 'equivalent-mutants.json'), JSON.stringify(equivalents));
  return { key: '01-x', dir, meta: { files: ['exercise.ts'] } } as unknown as Exercise;
}

const SOLUTION = 'export async function f(a, b) {\n  a.start();\n  await a.join();\n  await b.join();\n}\n';

function result(score: number): ExerciseResult {
  return { score, max_score: 10, error: null, tests: score < 10 ? [{ id: 't', name: 't', status: 'fail', message: 'm', diagnosis: 'missing-await' }] : [] } as unknown as ExerciseResult;
}

describe('npm run mutate', () => {
  test('killed every round, never, or only sometimes', async () => {
    const exercise = course(SOLUTION);
    const { planned } = planMutants({ courseRoot: root, exercises: [exercise], operators: ['drop-await'] });
    expect(planned.map((p) => p.mutant.id)).toEqual(['drop-await@exercise.ts:3', 'drop-await@exercise.ts:4']);
    const outcomes = await runMutants(planned, {
      rounds: 3,
      // Each round's copy of a mutant has its own id: "<exercise>/<mutant>#<round from 0>".
      grade: async (variants) => new Map(variants.map((v) => {
        // Line 3's mutant is always caught; line 4's only in the second round.
        return [v.id, result(v.id.endsWith(':3#0') || v.id.endsWith(':3#1') || v.id.endsWith(':3#2') || v.id.endsWith('#1') ? 4 : 10)];
      })),
    });
    expect(outcomes.map((o) => o.status)).toEqual(['killed', 'nondeterministic']);
    expect(outcomes[0]?.diagnosis).toBe('missing-await');
    expect(figures(outcomes)).toEqual([{ exercise: '01-x', mutants: 2, equivalent: 0, killed: 1, survived: 0, nondeterministic: 1, named: 1 }]);
    expect(killMatrix(outcomes, ['drop-await', 'drop-lock'])).toBe('exercise  drop-await  killed  named\n01-x      1/2         50%     100%');
    expect(survivorsText(outcomes)).toContain('NONDETERMINISTIC (scores 10/10, 4/10, 10/10) 01-x drop-await@exercise.ts:4');
    expect(survivorsText(outcomes)).toContain('-   await b.join();\n    +   b.join();');
  });

  test('later rounds re-grade a kill with its killing test alone, and the whole mutant when that test passes alone', async () => {
    const exercise = course(SOLUTION);
    const { planned } = planMutants({ courseRoot: root, exercises: [exercise], operators: ['drop-await'] });
    const calls: string[][] = [];
    const outcomes = await runMutants(planned, {
      rounds: 3,
      grade: async (variants, _lang, engine) => {
        calls.push(variants.map((v) => `${v.id.slice(v.id.indexOf(':'))}:${v.onlyTests?.join(',') ?? 'whole'}:${engine?.stopAtFirstFailure === true ? 'stop' : 'all'}`));
        return new Map(variants.map((v) => {
          // Line 3: its killing test fails alone every time. Line 4: killed whole, but its test passes alone
          // (it needed an earlier test); graded whole again, it is killed in round 2 and not in round 3.
          if (v.id.includes(':3#')) return [v.id, result(4)];
          if (v.onlyTests !== undefined) return [v.id, result(10)];
          return [v.id, result(v.id.endsWith('#2') ? 10 : 4)];
        }));
      },
    });
    // Round 1 whole; rounds 2 and 3 of the kills together, each with its killing test; then whole again.
    expect(calls).toEqual([
      [':3#0:whole:stop', ':4#0:whole:stop'],
      [':3#1:t:all', ':4#1:t:all', ':3#2:t:all', ':4#2:t:all'],
      [':4#1:whole:stop', ':4#2:whole:stop'],
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['killed', 'nondeterministic']);
    expect(outcomes.map((o) => o.verdicts.length)).toEqual([3, 3]);
  });

  test('declared equivalents are not graded, stale declarations are reported, bad files are refused', async () => {
    const exercise = course(SOLUTION, [
      { mutant: 'drop-await@exercise.ts:4', why: 'b has always ended by then in this exercise' },
      { mutant: 'drop-await@exercise.ts:99', why: 'a line that moved away long ago' },
    ]);
    const { planned, stale } = planMutants({ courseRoot: root, exercises: [exercise], operators: ['drop-await'] });
    expect(stale).toEqual(['01-x: drop-await@exercise.ts:99']);
    const graded: string[] = [];
    const outcomes = await runMutants(planned, { rounds: 1, grade: async (variants) => {
      graded.push(...variants.map((v) => v.id));
      return new Map(variants.map((v) => [v.id, result(10)]));
    } });
    expect(graded).toEqual(['01-x/drop-await@exercise.ts:3#0']);
    expect(outcomes.map((o) => o.status)).toEqual(['survived', 'equivalent']);
    const bad = course(SOLUTION, [{ mutant: 'drop-await@exercise.ts:4', why: 'short' }]);
    expect(() => loadEquivalents(bad.dir)).toThrow(EquivalentsError);
    expect(() => planMutants({ courseRoot: root, exercises: [exercise], operators: ['no-such'] })).toThrow(/unknown operator no-such/);
  });

  test('--limit keeps a fixed, evenly spread subset', () => {
    const exercise = course(SOLUTION);
    const all = planMutants({ courseRoot: root, exercises: [exercise] }).planned.map((p) => p.mutant.id);
    const some = planMutants({ courseRoot: root, exercises: [exercise], limit: 2 }).planned.map((p) => p.mutant.id);
    expect(some).toEqual([all[0], all[Math.floor(all.length / 2)]]);
  });
});
