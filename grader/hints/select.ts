// Which hints a student sees: the failing test's own hint first (meta.json `testHints`), then the exercise's
// progressive list (meta.json `hints`) up to a level. The level comes from the local memory on a student's
// machine (memory.ts) and from the instructor's setting in CI (COURSE_HINT_LEVEL).
import type { Lang } from '../i18n.ts';
import type { Meta } from '../model/meta.ts';

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
