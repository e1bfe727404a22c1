// Grades many variant submissions of the course's exercises (mistake fixtures, later mutants) through the
// real grader: the same gate, workspace, vitest run, supervisor and scoring as `grade`, with visible and
// hidden tests. All variants of one language go into ONE vitest run (one worker file per variant, as many
// at a time as there are cores): start-up is paid once, not once per variant.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Lang } from '../i18n.ts';
import type { Exercise } from '../model/course.ts';
import type { ExerciseResult } from '../result.ts';
import { runExercises, type EngineOptions } from '../run/engine.ts';
import { checkGate } from '../run/gate.ts';
import type { WorkspaceItem } from '../run/workspace.ts';
import { scoreExercise } from '../score.ts';

/** One submission of one exercise: its changeable files' contents (a file left out is missing). */
export interface Variant {
  /** Unique among the variants graded together, e.g. "11-shared-memory/no-lock". */
  id: string;
  exercise: Exercise;
  files: Record<string, string>;
  /** Run only these tests (ids); the others fail at once (see WorkspaceItem.onlyTests). */
  onlyTests?: readonly string[];
}

/** A folder-safe key for the variant's copy of the exercise in the workspace. */
function workspaceKey(variant: Variant, index: number): string {
  return `${variant.exercise.key}~${index}-${variant.id.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 60)}`;
}

/**
 * Grades every variant in `lang` (visible + hidden tests) and returns each one's scored result, keyed by
 * variant id. The hidden tests must be plain (`hidden.test.ts`): variants are an authoring tool.
 */
export async function gradeVariants(variants: Variant[], lang: Lang, engine: Partial<EngineOptions> = {}): Promise<Map<string, ExerciseResult>> {
  const ids = new Set<string>();
  for (const variant of variants) {
    if (ids.has(variant.id)) throw new Error(`variant id used twice: ${variant.id}`);
    ids.add(variant.id);
  }
  const root = mkdtempSync(join(tmpdir(), 'course-variants-'));
  try {
    const prepared = variants.map((variant, index) => {
      const key = workspaceKey(variant, index);
      const exercise: Exercise = { ...variant.exercise, key };
      const sourceDir = join(root, key);
      mkdirSync(sourceDir, { recursive: true });
      for (const [file, text] of Object.entries(variant.files)) {
        mkdirSync(dirname(join(sourceDir, file)), { recursive: true });
        writeFileSync(join(sourceDir, file), text);
      }
      const item: WorkspaceItem = { exercise, sourceDir, ...(variant.onlyTests !== undefined ? { onlyTests: variant.onlyTests } : {}) };
      if (exercise.hidden.kind === 'plain') item.hiddenTest = join(exercise.dir, exercise.hidden.file);
      if (exercise.hidden.kind === 'sealed') throw new Error(`${variant.id}: hidden tests are sealed; variants need the authoring course`);
      const testSources = [...exercise.visibleTests.map((file) => join(exercise.dir, file)), ...(item.hiddenTest ? [item.hiddenTest] : [])]
        .map((path) => readFileSync(path, 'utf8'));
      return { variant, exercise, item, gate: checkGate(exercise, sourceDir, testSources) };
    });
    const runnable = prepared.filter((p) => p.gate.length === 0);
    const raw = await runExercises(runnable.map((p) => p.item), { lang, ...engine });
    const results = new Map<string, ExerciseResult>();
    for (const p of prepared) {
      const scored = scoreExercise({ exercise: p.exercise, lang, gate: p.gate, raw: raw.get(p.exercise.key) });
      results.set(p.variant.id, { ...scored, key: p.variant.exercise.key });
    }
    return results;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
