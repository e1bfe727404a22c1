// Hostile submissions with the static gate switched off (grade()'s test-only hook): the defences behind the
// gate must judge each one alone. Every attack below reaches vitest or chai without a literal import — a
// computed import(), an import() inside evaluated text, the Function constructor through
// `[].constructor.constructor`, an indirect eval, a computed require — and submits an `add` that does
// nothing. Before the lock-down (lockdown.ts), three of them scored 10/10 and the canary stayed silent.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { grade } from '../grading.ts';
import type { ExerciseResult, GradeResult } from '../result.ts';
import { buildCourse, GOOD_ADD, type SyntheticCourse } from '../test-support/course-builder.ts';

const ATTACKS = join(import.meta.dirname, '..', 'fixtures', 'attacks');
const attacks = readdirSync(ATTACKS).filter((name) => name.endsWith('.attack')).map((name) => name.slice(0, -'.attack'.length)).sort();

let course: SyntheticCourse;
let result: GradeResult;
const bySlug = new Map<string, ExerciseResult>();

beforeAll(async () => {
  course = buildCourse([
    { slug: 'honest', submission: GOOD_ADD, withHidden: true },
    ...attacks.map((slug) => ({ slug, submission: readFileSync(join(ATTACKS, `${slug}.attack`), 'utf8'), withHidden: true })),
  ]);
  result = await grade({ courseRoot: course.root, source: { kind: 'solutions' }, lang: 'en', hidden: true }, { skipGate: true });
  for (const exercise of result.exercises) bySlug.set(exercise.key.slice(3), exercise);
}, 180_000);

afterAll(() => course.dispose());

function verdict(slug: string): ExerciseResult {
  const found = bySlug.get(slug);
  if (found === undefined) throw new Error(`no result for ${slug}`);
  return found;
}

describe('assertion integrity with the static gate off', () => {
  test('the attack fixtures are all here', () => {
    expect(attacks).toEqual(['assign-prototype', 'chai-util', 'extend-global', 'extend-import', 'forge-rpc', 'object-is', 'runner-hooks', 'spy-prototype']);
  });

  test('an honest submission graded beside the attacks keeps full marks (the lock-down breaks no honest test)', () => {
    expect(verdict('honest')).toMatchObject({ status: 'pass', score: 10 });
  });

  test.each(attacks)('%s gains no point', (slug) => {
    const found = verdict(slug);
    expect(found.score).toBe(0);
    expect(found.status).not.toBe('pass');
    expect(found.tests.filter((t) => t.status === 'pass')).toEqual([]);
  });

  test('replacing matchers (expect.extend, assignment over the prototype), Object.is or a failed verdict is reported as tampering', () => {
    for (const slug of ['extend-import', 'extend-global', 'assign-prototype', 'object-is', 'runner-hooks']) {
      expect(verdict(slug).error?.kind, slug).toBe('integrity');
    }
  });

  test('what the lock-down refuses outright fails the submission with the reason', () => {
    expect(verdict('spy-prototype').error?.message).toMatch(/Cannot redefine property: assert/);
    expect(verdict('chai-util').error?.message).toMatch(/getBuiltinModule\('node:module'\): not available while grading/);
  });

  test('wrapping process.send (the worker\'s line to vitest) is refused: the tests fail on their own', () => {
    expect(verdict('forge-rpc')).toMatchObject({ status: 'fail', score: 0, error: null });
    expect(verdict('forge-rpc').tests.every((t) => t.status === 'fail')).toBe(true);
  });

  test('the whole grading is an error (exit code 2) when any submission tampered', () => {
    expect(result.status).toBe('error');
  });
});
