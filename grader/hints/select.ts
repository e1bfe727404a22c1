// Which hints a student sees: the failing test's own hint first (meta.json `testHints`), then the exercise's
// progressive list (meta.json `hints`) up to a level. The level comes from the local memory on a student's
// machine (memory.ts) and from the instructor's setting in CI (COURSE_HINT_LEVEL).
import type { Lang } from '../i18n.ts';
import type { Meta } from '../model/meta.ts';
import type { ExerciseResult } from '../result.ts';

/** Exercise hints released in CI when the instructor sets nothing. */
export const DEFAULT_CI_HINT_LEVEL = 2;

/** The hint a test carries in meta.json: keyed by the test's own name or by its full name. */
export function testHintOf(meta: Pick<Meta, 'testHints'>, testName: string, lang: Lang): string | null {
  for (const [key, hint] of Object.entries(meta.testHints)) {
    if (testName === key || testName.endsWith(` > ${key}`)) return hint[lang];
  }
  return null;
}

export interface ReleasedHint {
  /** 'test': the failing test's own hint; 'exercise': one of the progressive list. */
  kind: 'test' | 'exercise';
  /** 1-based position in the exercise's list (exercise hints only). */
  number: number | null;
  of: number;
  text: string;
}

/** The hints released for a failing exercise: the first failing test's own hint, then exercise hints 1..level. */
export function releaseHints(meta: Pick<Meta, 'hints' | 'testHints'>, failingTests: string[], level: number, lang: Lang): ReleasedHint[] {
  const list = meta.hints[lang];
  const released: ReleasedHint[] = [];
  for (const name of failingTests) {
    const own = testHintOf(meta, name, lang);
    if (own !== null) {
      released.push({ kind: 'test', number: null, of: list.length, text: own });
      break;
    }
  }
  const upTo = Math.max(0, Math.min(list.length, Math.floor(level)));
  for (let i = 0; i < upTo; i++) released.push({ kind: 'exercise', number: i + 1, of: list.length, text: list[i] as string });
  return released;
}

/** "Pista 2/4", "Hint 2/4", "Pista de este test". */
export function hintLabel(hint: Pick<ReleasedHint, 'kind' | 'number' | 'of'>, lang: Lang): string {
  if (hint.kind === 'test') return lang === 'es' ? 'Pista de este test' : 'Hint for this test';
  return `${lang === 'es' ? 'Pista' : 'Hint'} ${hint.number}/${hint.of}`;
}

/** The CI level: --hint-level, else COURSE_HINT_LEVEL, else the default; a bad value is a clear error. */
export function ciHintLevel(flag: string | undefined, env: NodeJS.ProcessEnv): number {
  const raw = flag ?? env['COURSE_HINT_LEVEL'];
  if (raw === undefined || raw.trim() === '') return DEFAULT_CI_HINT_LEVEL;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`the hint level (--hint-level or COURSE_HINT_LEVEL) must be a whole number >= 0, not "${raw}"`);
  }
  return value;
}

/**
 * Labels for an exercise's released hints (result.json keeps plain strings): the first is the failing test's own
 * when a failing test carries it, the rest are the exercise's list from 1 on (releases are always a prefix).
 */
export function labelledHints(exercise: Pick<ExerciseResult, 'hints' | 'hint' | 'hints_available' | 'tests'>, lang: Lang): { label: string; text: string; number: number | null }[] {
  const hints = exercise.hints.length > 0 ? exercise.hints : exercise.hint !== null ? [exercise.hint] : [];
  const own = hints[0] !== undefined && exercise.tests.some((test) => test.status !== 'pass' && test.hint === hints[0]);
  return hints.map((text, index) => {
    if (own && index === 0) return { label: hintLabel({ kind: 'test', number: null, of: exercise.hints_available }, lang), text, number: null };
    const number = own ? index : index + 1;
    return { label: hintLabel({ kind: 'exercise', number, of: exercise.hints_available }, lang), text, number };
  });
}
