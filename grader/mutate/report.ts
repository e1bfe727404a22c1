// What an exercise author reads after `npm run mutate`: the kill matrix (exercise × operator), every survivor
// and nondeterministic mutant with its diff, and per exercise how many kills name the mistake.
import type { MutantOutcome } from './run.ts';

export interface ExerciseFigures {
  exercise: string;
  mutants: number;
  equivalent: number;
  killed: number;
  survived: number;
  nondeterministic: number;
  /** Killed mutants whose first failure carries a diagnosis id. */
  named: number;
}

export function figures(outcomes: readonly MutantOutcome[]): ExerciseFigures[] {
  const byExercise = new Map<string, ExerciseFigures>();
  for (const o of outcomes) {
    const f = byExercise.get(o.exercise) ?? { exercise: o.exercise, mutants: 0, equivalent: 0, killed: 0, survived: 0, nondeterministic: 0, named: 0 };
    f.mutants += 1;
    if (o.status === 'equivalent') f.equivalent += 1;
    if (o.status === 'killed') f.killed += 1;
    if (o.status === 'survived') f.survived += 1;
    if (o.status === 'nondeterministic') f.nondeterministic += 1;
    if (o.status === 'killed' && o.diagnosis !== null) f.named += 1;
    byExercise.set(o.exercise, f);
  }
  return [...byExercise.values()];
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '—' : `${Math.round((100 * part) / whole)}%`;
}

/** killed/non-equivalent per cell; "·" where the operator found nothing to mutate. */
export function killMatrix(outcomes: readonly MutantOutcome[], operators: readonly string[]): string {
  const exercises = [...new Set(outcomes.map((o) => o.exercise))];
  const used = operators.filter((op) => outcomes.some((o) => o.mutant.operator === op));
  const header = ['exercise', ...used, 'killed', 'named'];
  const rows = exercises.map((exercise) => {
    const own = outcomes.filter((o) => o.exercise === exercise);
    const cells = used.map((op) => {
      const mine = own.filter((o) => o.mutant.operator === op && o.status !== 'equivalent');
      return mine.length === 0 ? '·' : `${mine.filter((o) => o.status === 'killed').length}/${mine.length}`;
    });
    const f = figures(own)[0] as ExerciseFigures;
    return [exercise, ...cells, percent(f.killed, f.mutants - f.equivalent), percent(f.named, f.killed)];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i] as number)).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

export function survivorsText(outcomes: readonly MutantOutcome[]): string {
  const shown = outcomes.filter((o) => o.status === 'survived' || o.status === 'nondeterministic');
  return shown.map((o) => {
    const scores = o.verdicts.map((v) => `${v.score}/${v.max_score}`).join(', ');
    const label = o.status === 'survived' ? 'SURVIVED' : `NONDETERMINISTIC (scores ${scores})`;
    const diff = o.mutant.diff.split('\n').map((l) => `    ${l}`).join('\n');
    return `${label} ${o.exercise} ${o.mutant.id}: ${o.mutant.description}\n${diff}`;
  }).join('\n\n');
}
