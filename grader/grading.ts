// One grading: choose the exercises and the source of the changeable files, unseal hidden tests if the
// key is available, gate, run, score, tamper-check. Every command (test, grade, check) goes through here.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Bilingual, Lang } from './i18n.ts';
import { expectedTemplateManifest } from './export/expected.ts';
import { tamperCheck } from './manifest.ts';
import { TOOL_ROOT } from './paths.ts';
import { loadCourse, selectExercises, type Exercise } from './model/course.ts';
import { overallStatus, RESULT_SCHEMA_VERSION, round2, type ExerciseResult, type GradeResult, type Timeline } from './result.ts';
import { runExercises, type EngineOptions } from './run/engine.ts';
import { checkGate, type GateProblem } from './run/gate.ts';
import { probeSandbox } from './run/sandbox.ts';
import type { WorkspaceItem } from './run/workspace.ts';
import { runTimeline } from './timeline/validate.ts';
import { scoreExercise, type PendingHidden } from './score.ts';
import { parseSealed, unseal } from './seal.ts';

export type Source = { kind: 'exercises' } | { kind: 'solutions' } | { kind: 'submission'; dir: string };

export interface GradeOptions {
  courseRoot: string;
  source: Source;
  only?: string[];
  lang: Lang;
  /** false: visible tests only (the student loop). */
  hidden: boolean;
  /** The GRADER_KEY, for sealed hidden tests. */
  key?: Buffer;
  /** false: skip the tamper check (the student loop, which does not report it; ~30-90 ms in a template). */
  tamperCheck?: boolean;
  engine?: Partial<EngineOptions>;
  /** Exercise hints released for an unfinished exercise: one level for all, or per exercise key (default 1). */
  hintLevel?: number | ((key: string) => number);
  /** false: run the test processes without the sandbox (the student loop, on the student's own machine). */
  sandbox?: boolean;
}

/**
 * Test-only switches, reachable only by code that imports this module and calls grade() with them (the hostile
 * suite): no command-line flag or environment variable sets them, so a submission cannot.
 */
export interface GradeTestHooks {
  /** Run the submission even when the static gate refuses it: proves the defences behind the gate hold alone. */
  skipGate?: boolean;
}

export class SelectionError extends Error {
  override name = 'SelectionError';
  readonly unknown: string[];
  readonly available: { id: string; key: string; title: Bilingual }[];
  constructor(unknown: string[], available: Exercise[] = []) {
    super(`no exercise matches ${unknown.map((u) => `"${u}"`).join(', ')}`);
    this.unknown = unknown;
    this.available = available.map((ex) => ({ id: ex.meta.id, key: ex.key, title: ex.meta.title }));
  }

  /** The message in the student's language, with the valid ids and their titles. */
  describe(lang: Lang): string {
    const wanted = this.unknown.map((u) => `"${u}"`).join(', ');
    const head = lang === 'es' ? `ningún ejercicio se llama ${wanted}` : `no exercise matches ${wanted}`;
    if (this.available.length === 0) return head;
    const list = this.available.map((ex) => `  ${ex.id}  ${ex.key.padEnd(28)} ${ex.title[lang]}`);
    const tail = lang === 'es' ? 'Ejercicios (usa el número, p. ej. npm test -- 03):' : 'Exercises (use the number, e.g. npm test -- 03):';
    return `${head}\n\n${tail}\n${list.join('\n')}`;
  }
}

/** Where the changeable files of an exercise come from. */
export function sourceDir(courseRoot: string, source: Source, exercise: Exercise): string {
  switch (source.kind) {
    case 'exercises':
      return exercise.dir;
    case 'solutions':
      return join(courseRoot, 'solutions', exercise.key);
    case 'submission': {
      const dir = resolve(source.dir);
      const nested = join(dir, 'exercises', exercise.key);
      return existsSync(join(dir, 'exercises')) ? nested : join(dir, exercise.key);
    }
  }
}

export function describeSource(source: Source): string {
  return source.kind === 'submission' ? `submission:${source.dir}` : source.kind;
}

interface Prepared {
  exercise: Exercise;
  item: WorkspaceItem;
  gate: GateProblem[];
  pending?: PendingHidden;
  error?: string;
}

/** The first failing visible test that carries a timeline, for the PR comment and the job summary. */
export function firstTimeline(exercises: ExerciseResult[]): Timeline | null {
  for (const exercise of exercises) {
    for (const test of exercise.tests) {
      if (test.timeline !== undefined) return runTimeline(test.timeline, exercise.key, test.name);
    }
  }
  return null;
}

export async function grade(options: GradeOptions, hooks: GradeTestHooks = {}): Promise<GradeResult> {
  const started = performance.now();
  const courseRoot = resolve(options.courseRoot);
  const course = loadCourse(courseRoot);
  const errors = course.problems.map((problem) => problem.message);
  const { selected, unknown } = selectExercises(course.exercises, options.only ?? []);
  if (unknown.length > 0) throw new SelectionError(unknown, course.exercises);

  const unsealDir = mkdtempSync(join(tmpdir(), 'course-hidden-'));
  try {
    const prepared: Prepared[] = selected.map((exercise) => {
      const dir = sourceDir(courseRoot, options.source, exercise);
      const item: WorkspaceItem = { exercise, sourceDir: dir };
      let pending: PendingHidden | undefined;
      let error: string | undefined;
      if (options.hidden && exercise.hidden.kind === 'plain') item.hiddenTest = join(exercise.dir, exercise.hidden.file);
      if (options.hidden && exercise.hidden.kind === 'sealed') {
        const file = join(exercise.dir, exercise.hidden.file);
        try {
          const sealed = parseSealed(readFileSync(file, 'utf8'), file);
          if (options.key === undefined) pending = { tests: sealed.tests, weight: sealed.weight };
          else {
            const plain = join(unsealDir, `${exercise.key}.test.ts`);
            writeFileSync(plain, unseal(sealed, options.key, exercise.key), { mode: 0o600 });
            item.hiddenTest = plain;
          }
        } catch (caught) {
          error = `${exercise.key}: ${(caught as Error).message}`;
        }
      }
      const testSources = [...exercise.visibleTests.map((file) => join(exercise.dir, file)), ...(item.hiddenTest ? [item.hiddenTest] : [])]
        .map((path) => readFileSync(path, 'utf8'));
      const gate = hooks.skipGate === true ? [] : checkGate(exercise, dir, testSources);
      return { exercise, item, gate, pending, error };
    });
    errors.push(...prepared.flatMap((p) => (p.error === undefined ? [] : [p.error])));

    const runnable = prepared.filter((p) => p.gate.length === 0 && p.error === undefined);
    const sandbox = options.sandbox === false ? { kind: 'none' as const, reason: 'not requested' } : probeSandbox();
    const raw = await runExercises(runnable.map((p) => p.item), { lang: options.lang, sandbox, ...options.engine });
    const exercises: ExerciseResult[] = prepared.map((p) => scoreExercise({
      exercise: p.exercise, lang: options.lang, gate: p.gate, raw: raw.get(p.exercise.key), pendingHidden: p.pending,
      hintLevel: typeof options.hintLevel === 'function' ? options.hintLevel(p.exercise.key) : options.hintLevel,
    }));

    const candidate = options.source.kind === 'submission' ? resolve(options.source.dir) : undefined;
    const tamper = options.source.kind === 'solutions' || options.tamperCheck === false
      ? { checked: false, changed: [] } : tamperCheck(courseRoot, candidate, course.exercises, { templateOf: () => expectedTemplateManifest(courseRoot, TOOL_ROOT, course.exercises) });
    const score = round2(exercises.reduce((sum, ex) => sum + ex.score, 0));
    const maxScore = round2(exercises.reduce((sum, ex) => sum + ex.max_score, 0));
    const partial = { tamper, errors, exercises, score, max_score: maxScore };
    return {
      version: RESULT_SCHEMA_VERSION,
      status: overallStatus(partial),
      ...partial,
      lang: options.lang,
      source: describeSource(options.source),
      duration: Math.round(performance.now() - started) / 1000,
      sandbox: sandbox.kind,
      timeline: firstTimeline(exercises),
    };
  } finally {
    rmSync(unsealDir, { recursive: true, force: true });
  }
}
