// The course check's hint rule: a test that a known mistake makes fail first has a hint of its own (meta.json
// testHints, es + en). The terminal and the PR comment show the hint of the first failing test that has one: a
// first failure without one would show the student another test's hint, about another mistake. The known
// mistakes are the mistake fixtures (solutions/<NN-slug>/mistakes/), whose recorded verdict names that test.
import type { Exercise } from '../model/course.ts';
import type { Fixture } from '../variants/fixtures.ts';
import { testHintOf } from '../hints/select.ts';

/** One problem per test that a fixture of `exercise` fails first and that has no testHints entry. */
export function firstFailuresWithoutHint(exercise: Pick<Exercise, 'key' | 'meta'>, fixtures: Array<Pick<Fixture, 'name' | 'exercise' | 'expect'>>): string[] {
  const unhinted = new Map<string, string[]>();
  for (const fixture of fixtures) {
    const first = fixture.expect?.first;
    if (fixture.exercise.key !== exercise.key || first === undefined || first === '') continue;
    if (testHintOf(exercise.meta, first, 'es') !== null && testHintOf(exercise.meta, first, 'en') !== null) continue;
    unhinted.set(first, [...(unhinted.get(first) ?? []), fixture.name]);
  }
  return [...unhinted].map(([test, names]) => `meta.json testHints: no hint for "${test}", the first failure of the mistake fixture(s) ${names.join(', ')} (the student would see another test's hint)`);
}
