// Checks (or records) the mistake fixtures: each is graded in rounds (alternating Spanish and English, all
// fixtures of a round in one batched run), and must get the same verdict every round, the recorded one,
// below full marks, with a first failure message that carries its keywords in each language and none of the
// texts that must never reach a student (vitest's timeout advice, the scheduler's "already waiting" cascade).
import type { Lang } from '../i18n.ts';
import type { EngineOptions } from '../run/engine.ts';
import { gradeVariants, type Variant } from './engine.ts';
import { FixtureError, fixtureVariant, recordExpect, type ExpectedVerdict, type Fixture } from './fixtures.ts';
import { verdictOf, type Verdict } from './verdict.ts';

/** Text that means a failure was not explained in the student's terms. */
export const FORBIDDEN_TEXT = ['Test timed out in', 'is already waiting'];

export interface FixtureOutcome {
  fixture: Fixture;
  /** One verdict per round, with the round's language. */
  rounds: Array<{ lang: Lang; verdict: Verdict }>;
  problems: string[];
  /** Message problems of a fixture marked `awaiting` (reported, not counted as failures). */
  notes: string[];
  /** True when --record wrote a new verdict into the fixture file. */
  recorded: boolean;
}

export interface MistakesOptions {
  /** Gradings of every fixture (default 2: one Spanish, one English). */
  rounds?: number;
  /**
   * One grading per fixture, half of them in Spanish and half in English (alternating): the cheap check of
   * `npm run check-course`. The recorded verdicts come from rounds in both languages.
   */
  split?: boolean;
  /** Write each fixture's verdict instead of comparing with the recorded one (only when the rounds agree). */
  record?: boolean;
  engine?: Partial<EngineOptions>;
  /** Called after each round (progress). */
  onRound?: (round: number, lang: Lang, seconds: number) => void;
}

function expectedOf(verdict: Verdict): ExpectedVerdict {
  return {
    score: verdict.score,
    // Sorted: after a hang the order in which the remaining results arrive may vary; the set may not.
    failing: [...verdict.failing].sort(),
    first: verdict.first?.test ?? verdict.error ?? '',
    diagnosis: verdict.first?.diagnosis ?? null,
  };
}

const same = (a: ExpectedVerdict, b: ExpectedVerdict): boolean => JSON.stringify(a) === JSON.stringify(b);

function describeVerdict(v: ExpectedVerdict): string {
  return `${v.score} points, failing [${v.failing.join('; ')}], first "${v.first}", diagnosis ${v.diagnosis ?? 'none'}`;
}

function judge(fixture: Fixture, rounds: FixtureOutcome['rounds'], record: boolean): { problems: string[]; notes: string[]; recorded: boolean } {
  const problems: string[] = [];
  const messageProblems: string[] = [];
  const verdicts = rounds.map((round) => expectedOf(round.verdict));
  const first = verdicts[0] as ExpectedVerdict;
  const differing = verdicts.findIndex((v) => !same(v, first));
  if (differing !== -1) {
    problems.push(`not deterministic: round 1 gave ${describeVerdict(first)}; round ${differing + 1} gave ${describeVerdict(verdicts[differing] as ExpectedVerdict)}`);
  }
  const max = rounds[0]?.verdict.max_score ?? 0;
  if (first.score >= max) problems.push(`the mistake is not caught: full marks (${first.score}/${max})`);
  for (const { lang, verdict } of rounds) {
    const text = verdict.message.toLowerCase();
    const missing = fixture.keywords[lang].filter((word) => !text.includes(word.toLowerCase()));
    if (missing.length > 0) {
      messageProblems.push(`first failure message (${lang}) does not name the mistake: missing ${missing.map((w) => `"${w}"`).join(', ')} in: ${verdict.message.split('\n')[0]?.slice(0, 300)}`);
    }
    for (const bad of FORBIDDEN_TEXT) {
      if (verdict.message.includes(bad)) messageProblems.push(`first failure message (${lang}) contains "${bad}": ${verdict.message.split('\n')[0]?.slice(0, 200)}`);
    }
  }
  const awaiting = fixture.awaiting !== null;
  const notes = awaiting ? [...new Set(messageProblems)] : [];
  if (awaiting && messageProblems.length === 0) notes.push(`the message names the mistake now: remove "awaiting" (${fixture.awaiting})`);
  const uniqueProblems = [...new Set([...problems, ...(awaiting ? [] : messageProblems)])];
  if (record) {
    if (differing !== -1) return { problems: uniqueProblems, notes, recorded: false };
    if (fixture.expect === null || !same(fixture.expect, first)) {
      recordExpect(fixture, first);
      return { problems: uniqueProblems, notes, recorded: true };
    }
    return { problems: uniqueProblems, notes, recorded: false };
  }
  if (fixture.expect === null) uniqueProblems.push('no recorded verdict (tsx grader/cli.ts mistakes --record)');
  else if (!same(fixture.expect, first)) {
    uniqueProblems.push(`verdict changed: recorded ${describeVerdict(fixture.expect)}; now ${describeVerdict(first)}`);
  }
  return { problems: uniqueProblems, notes, recorded: false };
}

/** The fixtures' wrong submissions; a fixture whose edits no longer apply is in `broken` with the reason. */
export function fixtureVariants(courseRoot: string, fixtures: Fixture[]): { variants: Variant[]; broken: Map<string, string> } {
  const broken = new Map<string, string>();
  const variants = fixtures.flatMap((fixture) => {
    try {
      return [fixtureVariant(courseRoot, fixture)];
    } catch (error) {
      if (!(error instanceof FixtureError)) throw error;
      broken.set(fixture.id, error.message);
      return [];
    }
  });
  return { variants, broken };
}

/** Judges each fixture from its graded rounds (or its broken edits), as checkMistakes does. */
export function judgeFixtures(fixtures: Fixture[], rounds: Map<string, FixtureOutcome['rounds']>, broken: Map<string, string>,
  record = false): FixtureOutcome[] {
  return fixtures.map((fixture) => {
    const failure = broken.get(fixture.id);
    if (failure !== undefined) return { fixture, rounds: [], problems: [failure], notes: [], recorded: false };
    const own = rounds.get(fixture.id) ?? [];
    if (own.length === 0) return { fixture, rounds: [], problems: ['not graded'], notes: [], recorded: false };
    const { problems, notes, recorded } = judge(fixture, own, record);
    return { fixture, rounds: own, problems, notes, recorded };
  });
}

export async function checkMistakes(courseRoot: string, fixtures: Fixture[], options: MistakesOptions = {}): Promise<FixtureOutcome[]> {
  const roundsWanted = Math.max(1, options.rounds ?? 2);
  // A fixture whose edits no longer apply is reported on its own; the others are still graded.
  const { variants, broken } = fixtureVariants(courseRoot, fixtures);
  const rounds = new Map<string, FixtureOutcome['rounds']>(fixtures.map((f) => [f.id, []]));
  if (options.split === true) {
    for (const lang of ['es', 'en'] as const) {
      const started = performance.now();
      const half = variants.filter((_, i) => (i % 2 === 0) === (lang === 'es'));
      const results = await gradeVariants(half, lang, options.engine);
      for (const variant of half) {
        const result = results.get(variant.id);
        if (result !== undefined) rounds.get(variant.id)?.push({ lang, verdict: verdictOf(result) });
      }
      options.onRound?.(lang === 'es' ? 1 : 2, lang, (performance.now() - started) / 1000);
    }
  }
  for (let round = 0; round < (options.split === true ? 0 : roundsWanted); round++) {
    const lang: Lang = round % 2 === 0 ? 'es' : 'en';
    const started = performance.now();
    const results = await gradeVariants(variants, lang, options.engine);
    for (const fixture of fixtures) {
      const result = results.get(fixture.id);
      if (result !== undefined) rounds.get(fixture.id)?.push({ lang, verdict: verdictOf(result) });
    }
    options.onRound?.(round + 1, lang, (performance.now() - started) / 1000);
  }
  return judgeFixtures(fixtures, rounds, broken, options.record === true);
}
