// `tsx grader/cli.ts mistakes [NN ...] [--record] [--rounds N] [--workers N] [--json]`: grades the mistake fixtures of
// solutions/<NN-slug>/mistakes/ through the real grader and checks each one keeps its recorded verdict (see
// grader/variants/). --record writes the verdicts instead (after a change to tests or messages: review the
// diff). --rounds 10 is the determinism check: every round must give every fixture the same verdict.
import pc from 'picocolors';
import { loadCourse, selectExercises } from '../model/course.ts';
import { FixtureError, loadFixtures } from '../variants/fixtures.ts';
import { checkMistakes, type FixtureOutcome } from '../variants/mistakes.ts';
import { courseRootOf, parse, UsageError, type Io } from './common.ts';
import { SelectionError } from '../grading.ts';
import { probeSandbox } from '../run/sandbox.ts';

export function printOutcomes(outcomes: FixtureOutcome[], io: Io, color: boolean): { passed: number; failed: number } {
  const p = pc.createColors(color);
  let passed = 0;
  let failed = 0;
  for (const outcome of outcomes) {
    const last = outcome.rounds[0]?.verdict;
    const summary = last === undefined ? 'not graded'
      : `${last.score}/${last.max_score}${outcome.fixture.expect?.diagnosis ? ` [${outcome.fixture.expect.diagnosis}]` : ''}`;
    if (outcome.problems.length === 0) {
      passed += 1;
      io.out(`${p.green('✓')} ${outcome.fixture.id} ${p.dim(summary)}${outcome.recorded ? p.yellow(' (recorded)') : ''}\n`);
      for (const note of outcome.notes) io.out(`    ${p.yellow(`awaiting ${outcome.fixture.awaiting}:`)} ${note}\n`);
    } else {
      failed += 1;
      io.out(`${p.red('✗')} ${outcome.fixture.id} ${p.dim(summary)}${outcome.recorded ? p.yellow(' (recorded)') : ''}\n`);
      for (const problem of outcome.problems) io.out(`    ${problem}\n`);
    }
  }
  return { passed, failed };
}

export async function mistakesCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    record: { type: 'boolean' },
    rounds: { type: 'string' },
    json: { type: 'boolean' },
    workers: { type: 'string' },
  });
  const workers = values.workers === undefined ? undefined : Number(values.workers);
  if (workers !== undefined && (!Number.isInteger(workers) || workers < 1)) throw new UsageError(`--workers must be a whole number >= 1, not "${values.workers}"`);
  const rounds = values.rounds === undefined ? 2 : Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1) throw new UsageError(`--rounds must be a whole number >= 1, not "${values.rounds}"`);
  const root = courseRootOf(values.course);
  const course = loadCourse(root);
  const { selected, unknown } = selectExercises(course.exercises, positionals);
  if (unknown.length > 0) throw new SelectionError(unknown, course.exercises);
  let fixtures;
  try {
    fixtures = loadFixtures(root, selected);
  } catch (error) {
    if (error instanceof FixtureError) throw new UsageError(error.message);
    throw error;
  }
  if (fixtures.length === 0) {
    io.out('no mistake fixtures (solutions/<NN-slug>/mistakes/*.json)\n');
    return 0;
  }
  const started = performance.now();
  const outcomes = await checkMistakes(root, fixtures, {
    rounds,
    record: values.record === true,
    // In the sandbox when there is one, as the course check and a student's grading are: the same verdicts.
    engine: { sandbox: probeSandbox(), ...(workers === undefined ? {} : { workers }) },
    onRound: (round, lang, seconds) => {
      if (values.json !== true) io.err(`round ${round}/${rounds} (${lang}): ${fixtures.length} fixtures graded in ${seconds.toFixed(1)} s\n`);
    },
  });
  if (values.json === true) {
    io.out(`${JSON.stringify(outcomes.map((o) => ({ id: o.fixture.id, problems: o.problems, recorded: o.recorded, rounds: o.rounds })), null, 2)}\n`);
    return outcomes.some((o) => o.problems.length > 0) ? 1 : 0;
  }
  const { passed, failed } = printOutcomes(outcomes, io, io.color);
  io.out(`mistakes: ${passed} passed, ${failed} failed (${rounds} round${rounds === 1 ? '' : 's'}, ${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
  return failed === 0 ? 0 : 1;
}
