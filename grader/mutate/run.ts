// Grades the mutants of the reference solutions with the real grader (visible + hidden tests, through the
// variants engine the mistake fixtures use) and classifies each one: killed in every round, survived every
// round, or nondeterministic (killed only sometimes: never counted as killed).
import type { Lang } from '../i18n.ts';
import type { Exercise } from '../model/course.ts';
import { join } from 'node:path';
import { gradeVariants, type Variant } from '../variants/engine.ts';
import { verdictOf, type Verdict } from '../variants/verdict.ts';
import { loadEquivalents } from './equivalents.ts';
import { mutantsOfSolution, type Mutant } from './mutants.ts';
import { OPERATORS } from './operators/index.ts';

export type MutantStatus = 'killed' | 'survived' | 'nondeterministic' | 'equivalent';

export interface MutantOutcome {
  exercise: string;
  mutant: Mutant;
  status: MutantStatus;
  /** Why it is equivalent (declared), when it is. */
  why?: string;
  /** One verdict per round (none for a declared equivalent). */
  verdicts: Verdict[];
  /** The diagnosis id of the first failure of the first round, when the grader recognised the mistake. */
  diagnosis: string | null;
}

export interface MutateOptions {
  courseRoot: string;
  exercises: Exercise[];
  /** Operator ids to use (all when empty). */
  operators?: string[];
  rounds?: number;
  lang?: Lang;
  /** Variants per vitest run: smaller chunks give more progress lines, larger ones pay start-up less often. */
  chunk?: number;
  /** Keep at most this many mutants per exercise (a fixed, evenly spread subset: the quick check in verify). */
  limit?: number;
  onProgress?: (done: number, total: number, seconds: number) => void;
  /** The grader (tests pass a fake one). */
  grade?: typeof gradeVariants;
}

export interface PlannedMutant {
  exercise: Exercise;
  mutant: Mutant;
  why?: string;
}

export function planMutants(options: Pick<MutateOptions, 'courseRoot' | 'exercises' | 'operators' | 'limit'>): { planned: PlannedMutant[]; stale: string[] } {
  const wanted = options.operators !== undefined && options.operators.length > 0 ? new Set(options.operators) : undefined;
  if (wanted !== undefined) {
    const unknown = [...wanted].filter((id) => !OPERATORS.some((op) => op.id === id));
    if (unknown.length > 0) throw new Error(`unknown operator ${unknown.join(', ')}: use one of ${OPERATORS.map((op) => op.id).join(', ')}`);
  }
  const operators = OPERATORS.filter((op) => wanted === undefined || wanted.has(op.id));
  const planned: PlannedMutant[] = [];
  const stale: string[] = [];
  for (const exercise of options.exercises) {
    const all = mutantsOfSolution(join(options.courseRoot, 'solutions', exercise.key), exercise.meta.files, operators);
    const equivalents = loadEquivalents(exercise.dir);
    // A declaration is stale when its operator ran here and planted no such mutant.
    for (const id of equivalents.keys()) {
      const ran = operators.some((op) => id.startsWith(`${op.id}@`));
      if (ran && !all.some((m) => m.id === id)) stale.push(`${exercise.key}: ${id}`);
    }
    const kept = options.limit === undefined || all.length <= options.limit ? all
      : Array.from({ length: options.limit }, (_, i) => all[Math.floor((i * all.length) / (options.limit as number))] as Mutant);
    for (const mutant of kept) planned.push({ exercise, mutant, why: equivalents.get(mutant.id) });
  }
  return { planned, stale };
}

function classify(verdicts: Verdict[]): Exclude<MutantStatus, 'equivalent'> {
  const killed = verdicts.filter((v) => v.score < v.max_score).length;
  return killed === verdicts.length ? 'killed' : killed === 0 ? 'survived' : 'nondeterministic';
}

export async function runMutants(planned: PlannedMutant[], options: Pick<MutateOptions, 'rounds' | 'lang' | 'chunk' | 'onProgress' | 'grade'>): Promise<MutantOutcome[]> {
  const grade = options.grade ?? gradeVariants;
  const rounds = options.rounds ?? 3;
  const lang = options.lang ?? 'en';
  const chunk = Math.max(1, options.chunk ?? 40);
  const graded = planned.filter((p) => p.why === undefined);
  const variants: Variant[] = graded.map((p) => ({ id: `${p.exercise.key}/${p.mutant.id}`, exercise: p.exercise, files: p.mutant.files }));
  const verdicts = new Map<string, Verdict[]>(variants.map((v) => [v.id, []]));
  const started = performance.now();
  const total = variants.length * rounds;
  let done = 0;
  for (let round = 0; round < rounds; round++) {
    for (let at = 0; at < variants.length; at += chunk) {
      const batch = variants.slice(at, at + chunk);
      // Only the verdict and the first failure count here: a mutant's later tests need not run.
      const results = await grade(batch, lang, { stopAtFirstFailure: true });
      for (const variant of batch) {
        const result = results.get(variant.id);
        if (result !== undefined) verdicts.get(variant.id)?.push(verdictOf(result));
      }
      done += batch.length;
      options.onProgress?.(done, total, (performance.now() - started) / 1000);
    }
  }
  return planned.map((p) => {
    if (p.why !== undefined) return { exercise: p.exercise.key, mutant: p.mutant, status: 'equivalent', why: p.why, verdicts: [], diagnosis: null };
    const own = verdicts.get(`${p.exercise.key}/${p.mutant.id}`) ?? [];
    return { exercise: p.exercise.key, mutant: p.mutant, status: classify(own), verdicts: own, diagnosis: own[0]?.first?.diagnosis ?? null };
  });
}
