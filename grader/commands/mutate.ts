// `npm run mutate [-- NN ...] [--operator X] [--rounds N] [--limit N] [--json]`: plants realistic concurrency
// mistakes in the reference solutions and grades each mutant with the real grader (see grader/mutate/), so an
// exercise author learns which mistakes the exercise's tests would let through.
import pc from 'picocolors';
import { SelectionError } from '../grading.ts';
import { loadCourse, selectExercises } from '../model/course.ts';
import { EquivalentsError } from '../mutate/equivalents.ts';
import { OPERATORS } from '../mutate/operators/index.ts';
import { figures, killMatrix, survivorsText } from '../mutate/report.ts';
import { planMutants, runMutants } from '../mutate/run.ts';
import { courseRootOf, langOf, parse, UsageError, type Io } from './common.ts';

function wholeNumber(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${flag} must be a whole number >= 1, not "${value}"`);
  return n;
}

export async function mutateCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    operator: { type: 'string', multiple: true },
    rounds: { type: 'string' },
    limit: { type: 'string' },
    json: { type: 'boolean' },
    list: { type: 'boolean' },
  });
  if (values.list === true) {
    for (const op of OPERATORS) io.out(`${op.id.padEnd(20)} ${op.summary}\n`);
    return 0;
  }
  const rounds = wholeNumber('rounds', values.rounds, 3);
  const limit = values.limit === undefined ? undefined : wholeNumber('limit', values.limit, 1);
  const root = courseRootOf(values.course);
  const course = loadCourse(root);
  const { selected, unknown } = selectExercises(course.exercises, positionals);
  if (unknown.length > 0) throw new SelectionError(unknown, course.exercises);
  let plan;
  try {
    plan = planMutants({ courseRoot: root, exercises: selected, operators: values.operator, limit });
  } catch (error) {
    if (error instanceof EquivalentsError || /unknown operator/.test((error as Error).message)) throw new UsageError((error as Error).message);
    throw error;
  }
  const started = performance.now();
  const outcomes = await runMutants(plan.planned, {
    rounds,
    lang: langOf(values.lang, io.env),
    onProgress: (done, total, seconds) => {
      io.err(`mutate: ${done}/${total} gradings (${rounds} round${rounds === 1 ? '' : 's'}), ${seconds.toFixed(0)} s\n`);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const perExercise = figures(outcomes);
  const weak = perExercise.filter((f) => f.survived + f.nondeterministic > 0);
  if (values.json === true) {
    io.out(`${JSON.stringify({
      seconds: Math.round(seconds), rounds, stale: plan.stale, exercises: perExercise,
      mutants: outcomes.map((o) => ({
        exercise: o.exercise, id: o.mutant.id, operator: o.mutant.operator, line: o.mutant.line, description: o.mutant.description,
        status: o.status, why: o.why ?? null, diagnosis: o.diagnosis, scores: o.verdicts.map((v) => v.score),
        first: o.verdicts[0]?.first?.test ?? null, message: o.verdicts[0]?.message.split('\n')[0]?.slice(0, 300) ?? null, diff: o.mutant.diff,
      })),
    }, null, 2)}\n`);
    return weak.length > 0 || plan.stale.length > 0 ? 1 : 0;
  }
  const p = pc.createColors(io.color);
  io.out(`${killMatrix(outcomes, OPERATORS.map((op) => op.id))}\n\n`);
  const survivors = survivorsText(outcomes);
  if (survivors !== '') io.out(`${survivors}\n\n`);
  for (const stale of plan.stale) io.out(p.yellow(`stale equivalent-mutants.json entry (no such mutant now): ${stale}\n`));
  const killed = perExercise.reduce((s, f) => s + f.killed, 0);
  const counted = perExercise.reduce((s, f) => s + f.mutants - f.equivalent, 0);
  const named = perExercise.reduce((s, f) => s + f.named, 0);
  const paint = weak.length === 0 ? p.green : p.red;
  io.out(paint(`mutate: ${killed}/${counted} non-equivalent mutants killed in every round, ${named}/${killed} kills named by a diagnosis, `
    + `${perExercise.reduce((s, f) => s + f.equivalent, 0)} equivalent (${rounds} rounds, ${seconds.toFixed(0)} s)\n`));
  return weak.length > 0 || plan.stale.length > 0 ? 1 : 0;
}
