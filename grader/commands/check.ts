// `tsx grader/cli.ts check`: the course check run by `npm run verify`. Per exercise: metadata complete,
// the solution gets full marks three runs in a row (visible + hidden), the stub scores 0 and loads.
// The stubs are graded in Spanish, and no English sentence may show outside code (english.ts).
// Every test a mistake fixture fails first has its own hint (hint-coverage.ts).
// Then every mistake fixture (solutions/<NN-slug>/mistakes/) keeps its recorded verdict, and its
// Spanish grading shows no English sentence either.
// Last line, always: `check: N passed, M failed` (exercise-level checks and fixtures).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pc from 'picocolors';
import { grade } from '../grading.ts';
import { loadCourse, type Exercise } from '../model/course.ts';
import type { ExerciseResult, GradeResult } from '../result.ts';
import { courseRootOf, parse, type Io } from './common.ts';
import { probeSandbox } from '../run/sandbox.ts';
import { loadFixtures } from '../variants/fixtures.ts';
import { checkMistakes } from '../variants/mistakes.ts';
import { printOutcomes } from './mistakes.ts';
import { englishTexts } from './english.ts';
import { firstFailuresWithoutHint } from './hint-coverage.ts';

export const SOLUTION_RUNS = 3;

function nonEmptyFile(path: string): boolean {
  return existsSync(path) && readFileSync(path, 'utf8').trim() !== '';
}

/** Metadata and files an exercise needs before any test runs. */
export function metadataProblems(root: string, exercise: Exercise): string[] {
  const problems: string[] = [];
  const { meta } = exercise;
  if (!nonEmptyFile(join(exercise.dir, 'README.md'))) problems.push('README.md (Spanish statement) missing or empty');
  if (!nonEmptyFile(join(exercise.dir, 'README.en.md'))) problems.push('README.en.md (English statement) missing or empty');
  if (meta.hints.es.length === 0 || meta.hints.en.length === 0) problems.push('meta.json: hints needed in both languages');
  if ([...meta.hints.es, ...meta.hints.en].some((hint) => hint.trim() === '')) problems.push('meta.json: empty hint');
  if (meta.topics.length === 0) problems.push('meta.json: no topics');
  if (meta.section.trim() === '') problems.push('meta.json: no section');
  if (exercise.visibleTests.length === 0) problems.push('no visible test file (*.test.ts)');
  for (const file of meta.files) {
    if (!existsSync(join(exercise.dir, file))) problems.push(`changeable file ${file} missing from exercises/${exercise.key}`);
    if (!existsSync(join(root, 'solutions', exercise.key, file))) problems.push(`changeable file ${file} missing from solutions/${exercise.key}`);
  }
  return problems;
}

function testNameProblems(exercise: Exercise, result: ExerciseResult): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const test of result.tests) {
    if (seen.has(test.id)) problems.push(`test name used twice: "${test.id}"`);
    seen.add(test.id);
  }
  const keyed: [string, string[]][] = [
    ['weights', Object.keys(exercise.meta.weights)],
    ['testHints', Object.keys(exercise.meta.testHints)],
    ['testTitles', Object.keys(exercise.meta.testTitles)],
  ];
  for (const [field, names] of keyed) {
    for (const name of names) {
      const named = (test: { id: string }): boolean =>
        test.id.endsWith(name) || (field === 'testTitles' && test.id.split(' > ').includes(name));
      if (result.tests.length > 0 && !seen.has(name) && !result.tests.some(named)) {
        problems.push(`meta.json ${field}: no test named "${name}"`);
      }
    }
  }
  return problems;
}

function describe(result: ExerciseResult | undefined): string {
  if (result === undefined) return 'not graded';
  if (result.error !== null) return `${result.error.kind}: ${result.error.message.split('\n')[0] ?? ''}`;
  const failed = result.tests.filter((test) => test.status !== 'pass');
  const first = failed[0];
  const why = first === undefined ? '' : ` — first: "${first.name}": ${(first.message ?? '').split('\n')[0] ?? ''}`;
  return `${result.score}/${result.max_score}${failed.length > 0 ? ` (failed: ${failed.slice(0, 3).map((t) => t.name).join('; ')})${why}` : ''}`;
}

export async function checkCommand(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, {}, io.env);
  const root = courseRootOf(values.course);
  const course = loadCourse(root);
  const p = pc.createColors(io.color);
  let passed = 0;
  let failed = 0;
  for (const problem of course.problems) {
    io.out(`${p.red('✗')} ${problem.message}\n`);
    failed += 1;
  }
  if (course.exercises.length === 0 && course.problems.length === 0) io.out('no exercises yet (exercises/ is empty)\n');

  const runs: GradeResult[] = [];
  if (course.exercises.length > 0) {
    for (let run = 1; run <= SOLUTION_RUNS; run += 1) {
      runs.push(await grade({ courseRoot: root, source: { kind: 'solutions' }, lang: 'en', hidden: true }));
    }
  }
  const stubs = course.exercises.length > 0
    ? await grade({ courseRoot: root, source: { kind: 'exercises' }, lang: 'es', hidden: true }) // in Spanish: the language guard reads it
    : undefined;

  const allFixtures = loadFixtures(root, course.exercises);
  for (const exercise of course.exercises) {
    const problems = [...metadataProblems(root, exercise), ...firstFailuresWithoutHint(exercise, allFixtures)];
    runs.forEach((run, index) => {
      const result = run.exercises.find((ex) => ex.key === exercise.key);
      if (result?.status !== 'pass') problems.push(`solution run ${index + 1}/${SOLUTION_RUNS}: ${describe(result)}`);
      if (index === 0 && result !== undefined) problems.push(...testNameProblems(exercise, result));
    });
    const stub = stubs?.exercises.find((ex) => ex.key === exercise.key);
    if (stub === undefined || stub.score !== 0) problems.push(`stub should score 0: ${describe(stub)}`);
    else if (stub.error !== null) problems.push(`stub should fail its tests, not error: ${describe(stub)}`);
    if (stub !== undefined) {
      for (const text of englishTexts(stub).slice(0, 5)) problems.push(`English in a Spanish run (--lang es): "${text.trim().slice(0, 160)}"`);
    }
    if (problems.length === 0) {
      passed += 1;
      io.out(`${p.green('✓')} ${exercise.key}\n`);
    } else {
      failed += 1;
      io.out(`${p.red('✗')} ${exercise.key}\n${problems.map((line) => `    ${line}`).join('\n')}\n`);
    }
  }
  const seconds = runs.reduce((sum, run) => sum + run.duration, 0) + (stubs?.duration ?? 0);
  io.out(`${p.dim(`(${SOLUTION_RUNS} solution runs + 1 stub run, ${seconds.toFixed(1)} s)`)}\n`);

  // Mistake fixtures: every one graded once, in Spanish (the language guard reads every one), against its
  // recorded verdict, in the sandbox when there is one (as `grade` and `npm run mistakes`); a hang ends as soon
  // as the whole program is parked (runtime/testing/quiesce.ts). Their English messages and the determinism
  // check over many rounds are left to `npm run mistakes` (grader/README.md).
  const fixtures = allFixtures;
  if (fixtures.length > 0) {
    const started = performance.now();
    const outcomes = await checkMistakes(root, fixtures, { split: true, engine: { sandbox: probeSandbox() } });
    const counted = printOutcomes(outcomes, io, io.color);
    passed += counted.passed;
    failed += counted.failed;
    io.out(`${p.dim(`(${fixtures.length} mistake fixtures, ${((performance.now() - started) / 1000).toFixed(1)} s)`)}\n`);
  }
  io.out(`check: ${passed} passed, ${failed} failed\n`);
  return failed === 0 ? 0 : 1;
}
