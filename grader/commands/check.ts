// `tsx grader/cli.ts check`: the course check run by `npm run verify`. Per exercise: metadata complete,
// the solution gets full marks in three gradings (visible + hidden), the stub scores 0 and loads.
// The stubs are graded in Spanish, and no English sentence may show outside code (english.ts).
// Then every mistake fixture (solutions/<NN-slug>/mistakes/) keeps its recorded verdict.
// Last line, always: `check: N passed, M failed` (exercise-level checks and fixtures).
//
// Everything is graded in two batched runs of the variants engine (grader/variants/engine.ts), one per
// language: the three solution gradings and half of the fixtures in English, the stubs and the other half in
// Spanish. Each vitest start-up is paid once, and the two workers stay busy until the end of each run instead
// of idling at the tail of six smaller runs. Each grading is still its own copy of the exercise in the
// workspace, graded from scratch: the same gate, sandbox, supervisor and scoring as `grade`.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pc from 'picocolors';
import type { Lang } from '../i18n.ts';
import { loadCourse, type Exercise } from '../model/course.ts';
import type { ExerciseResult } from '../result.ts';
import { probeSandbox } from '../run/sandbox.ts';
import { courseRootOf, parse, type Io } from './common.ts';
import { gradeVariants, type Variant } from '../variants/engine.ts';
import { loadFixtures } from '../variants/fixtures.ts';
import { fixtureVariants, judgeFixtures, type FixtureOutcome } from '../variants/mistakes.ts';
import { verdictOf } from '../variants/verdict.ts';
import { printOutcomes } from './mistakes.ts';
import { englishTexts } from './english.ts';

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

/** The changeable files of an exercise as they are in `dir` (exercises/ for the stub, solutions/ for the solution). */
function filesIn(dir: string, exercise: Exercise): Record<string, string> {
  const files: Record<string, string> = {};
  for (const file of exercise.meta.files) {
    const path = join(dir, file);
    if (existsSync(path)) files[file] = readFileSync(path, 'utf8');
  }
  return files;
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

  // What to grade: per language, the variants of both kinds (ids keep them apart).
  const solutionId = (run: number, key: string): string => `solution ${run}/${key}`;
  const stubId = (key: string): string => `stub/${key}`;
  const batches: Record<Lang, Variant[]> = { en: [], es: [] };
  for (let run = 1; run <= SOLUTION_RUNS; run += 1) {
    for (const exercise of course.exercises) {
      batches.en.push({ id: solutionId(run, exercise.key), exercise, files: filesIn(join(root, 'solutions', exercise.key), exercise) });
    }
  }
  // The stubs in Spanish: the language guard reads their report.
  for (const exercise of course.exercises) batches.es.push({ id: stubId(exercise.key), exercise, files: filesIn(exercise.dir, exercise) });
  // Each fixture graded once, alternately in Spanish and English (their recorded verdicts come from both).
  const fixtures = loadFixtures(root, course.exercises);
  const { variants: wrong, broken } = fixtureVariants(root, fixtures);
  const fixtureLang = new Map<string, Lang>();
  wrong.forEach((variant, index) => {
    const lang: Lang = index % 2 === 0 ? 'es' : 'en';
    fixtureLang.set(variant.id, lang);
    batches[lang].push(variant);
  });

  const sandbox = probeSandbox();
  const results = new Map<string, ExerciseResult>();
  const seconds: string[] = [];
  for (const lang of ['en', 'es'] as const) {
    if (batches[lang].length === 0) continue;
    const started = performance.now();
    for (const [id, result] of await gradeVariants(batches[lang], lang, { sandbox })) results.set(id, result);
    seconds.push(`${lang} ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }

  for (const exercise of course.exercises) {
    const problems = metadataProblems(root, exercise);
    for (let run = 1; run <= SOLUTION_RUNS; run += 1) {
      const result = results.get(solutionId(run, exercise.key));
      if (result?.status !== 'pass') problems.push(`solution run ${run}/${SOLUTION_RUNS}: ${describe(result)}`);
      if (run === 1 && result !== undefined) problems.push(...testNameProblems(exercise, result));
    }
    const stub = results.get(stubId(exercise.key));
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

  // Mistake fixtures: each must keep its recorded verdict (the determinism check over many rounds, in both
  // languages, is `npm run mistakes`).
  if (fixtures.length > 0) {
    const rounds = new Map<string, FixtureOutcome['rounds']>();
    for (const fixture of fixtures) {
      const result = results.get(fixture.id);
      const lang = fixtureLang.get(fixture.id);
      rounds.set(fixture.id, result === undefined || lang === undefined ? [] : [{ lang, verdict: verdictOf(result) }]);
    }
    const counted = printOutcomes(judgeFixtures(fixtures, rounds, broken), io, io.color);
    passed += counted.passed;
    failed += counted.failed;
  }
  io.out(`${p.dim(`(${SOLUTION_RUNS} solution gradings, the stubs and ${fixtures.length} mistake fixtures in two runs: ${seconds.join(', ')})`)}\n`);
  io.out(`check: ${passed} passed, ${failed} failed\n`);
  return failed === 0 ? 0 : 1;
}
