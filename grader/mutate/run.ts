// Grades the mutants of the reference solutions with the real grader (visible + hidden tests, through the
// variants engine the mistake fixtures use) and classifies each one: killed in every round, survived every
// round, or nondeterministic (killed only sometimes: never counted as killed).
import type { Lang } from '../i18n.ts';
import type { Exercise } from '../model/course.ts';
import { join } from 'node:path';
import type { ExerciseResult } from '../result.ts';
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

function classify(kills: boolean[]): Exclude<MutantStatus, 'equivalent'> {
  const killed = kills.filter(Boolean).length;
  return killed === kills.length ? 'killed' : killed === 0 ? 'survived' : 'nondeterministic';
}

const isKill = (verdict: Verdict): boolean => verdict.score < verdict.max_score;

/**
 * Grades the mutants `rounds` times. Round 1 grades each mutant whole (up to its first failing test). Later
 * rounds only ask whether the kill repeats: a mutant killed by a test is re-graded with that test alone (a
 * mutant's later rounds then cost one test, not a whole run up to it); if that test passes alone, the mutant
 * is graded whole again, so a kill counts exactly when it did before (any failing test, every round).
 * Survivors and mutants that broke the whole exercise are graded whole in every round. The later rounds go
 * into the same test runs (each copy still in its own worker process): fewer runs, fewer idle cores at their ends.
 */
export async function runMutants(planned: PlannedMutant[], options: Pick<MutateOptions, 'rounds' | 'lang' | 'chunk' | 'onProgress' | 'grade'>): Promise<MutantOutcome[]> {
  const grade = options.grade ?? gradeVariants;
  const rounds = options.rounds ?? 3;
  const lang = options.lang ?? 'en';
  const chunk = Math.max(1, options.chunk ?? 80);
  const graded = planned.filter((p) => p.why === undefined);
  const variants: Variant[] = graded.map((p) => ({ id: `${p.exercise.key}/${p.mutant.id}`, exercise: p.exercise, files: p.mutant.files }));
  const started = performance.now();
  let total = variants.length * rounds;
  let done = 0;
  const gradeInChunks = async (some: Variant[], stop: boolean): Promise<Map<string, ExerciseResult>> => {
    const all = new Map<string, ExerciseResult>();
    for (let at = 0; at < some.length; at += chunk) {
      const batch = some.slice(at, at + chunk);
      // Only the verdict and the first failure count here: a mutant's later tests need not run.
      for (const [id, result] of await grade(batch, lang, stop ? { stopAtFirstFailure: true } : {})) all.set(id, result);
      done += batch.length;
      options.onProgress?.(done, total, (performance.now() - started) / 1000);
    }
    return all;
  };
  /** Per mutant, one verdict and one "killed?" a round, in round order. */
  const verdicts = new Map<string, (Verdict | undefined)[]>(variants.map((v) => [v.id, []]));
  const kills = new Map<string, boolean[]>(variants.map((v) => [v.id, []]));
  const record = (mutant: string, round: number, verdict: Verdict | undefined, killed: boolean): void => {
    (verdicts.get(mutant) as (Verdict | undefined)[])[round] = verdict;
    (kills.get(mutant) as boolean[])[round] = killed;
  };
  const copy = (v: Variant, round: number): Variant => ({ ...v, id: `${v.id}#${round}` });
  const mutantOf = (id: string): { mutant: string; round: number } => {
    const at = id.lastIndexOf('#');
    return { mutant: id.slice(0, at), round: Number(id.slice(at + 1)) };
  };
  const gradeWhole = async (some: Variant[]): Promise<void> => {
    const results = await gradeInChunks(some, true);
    for (const variant of some) {
      const result = results.get(variant.id);
      const { mutant, round } = mutantOf(variant.id);
      const verdict = result === undefined ? undefined : verdictOf(result);
      record(mutant, round, verdict, verdict !== undefined && isKill(verdict));
    }
  };

  await gradeWhole(variants.map((v) => copy(v, 0)));
  const killer = new Map<string, string>();
  for (const v of variants) {
    const first = verdicts.get(v.id)?.[0];
    if (first !== undefined && isKill(first) && first.error === null && first.first !== null) killer.set(v.id, first.first.test);
  }
  const later = Array.from({ length: rounds - 1 }, (_, i) => i + 1);
  const focused = later.flatMap((round) => variants.filter((v) => killer.has(v.id)).map((v) => ({ ...copy(v, round), onlyTests: [killer.get(v.id) as string] })));
  await gradeWhole(later.flatMap((round) => variants.filter((v) => !killer.has(v.id)).map((v) => copy(v, round))));
  const results = await gradeInChunks(focused, false);
  const again: Variant[] = [];
  for (const variant of focused) {
    const { mutant, round } = mutantOf(variant.id);
    const result = results.get(variant.id);
    const test = result?.tests.find((t) => t.id === killer.get(mutant));
    if (result === undefined || (result.error === null && test?.status !== 'fail')) {
      again.push({ ...variant, onlyTests: undefined });
      continue;
    }
    // The round's verdict is the killing test's alone: the tests left out are not the mutant's failures.
    const verdict = verdictOf(result);
    record(mutant, round, { ...verdict, failing: verdict.error === null ? [test?.id as string] : verdict.failing }, true);
  }
  total += again.length;
  await gradeWhole(again);

  return planned.map((p) => {
    if (p.why !== undefined) return { exercise: p.exercise.key, mutant: p.mutant, status: 'equivalent', why: p.why, verdicts: [], diagnosis: null };
    const id = `${p.exercise.key}/${p.mutant.id}`;
    const own = (verdicts.get(id) ?? []).filter((v): v is Verdict => v !== undefined);
    return { exercise: p.exercise.key, mutant: p.mutant, status: classify(kills.get(id) ?? []), verdicts: own, diagnosis: own[0]?.first?.diagnosis ?? null };
  });
}
