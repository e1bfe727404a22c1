// Checks (or records) the mistake fixtures: each is graded in rounds (alternating Spanish and English, all
// fixtures of a round in one batched run), and must get the same verdict every round, the recorded one,
// below full marks, with a first failure message that carries its keywords in each language and none of the
// texts that must never reach a student (vitest's timeout advice, the scheduler's "already waiting" cascade).
// A Spanish round must also show no English sentence outside code in any student-visible text (english.ts).
import type { Lang } from '../i18n.ts';
import type { EngineOptions } from '../run/engine.ts';
import { englishTexts } from '../commands/english.ts';
import type { ExerciseResult } from '../result.ts';
import { gradeVariants } from './engine.ts';
import { FixtureError, fixtureVariant, recordExpect, type ExpectedVerdict, type Fixture } from './fixtures.ts';
import { verdictOf, type Verdict } from './verdict.ts';

/** Text that means a failure was not explained in the student's terms. */
export const FORBIDDEN_TEXT = ['Test timed out in', 'is already waiting'];

export interface Round {
  lang: Lang;
  verdict: Verdict;
  /** Spanish rounds: the student-visible texts that read as English (english.ts); empty in English rounds. */
  english: string[];
}

function roundOf(lang: Lang, result: ExerciseResult): Round {
  return { lang, verdict: verdictOf(result), english: lang === 'es' ? englishTexts(result) : [] };
}

export interface FixtureOutcome {
  fixture: Fixture;
  /** One verdict per round, with the round's language. */
  rounds: Round[];
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
   * The cheap check of `npm run check-course`: one grading per fixture, in Spanish (its language guard). The
   * recorded verdicts come from rounds in both languages (`npm run mistakes`).
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
  for (const { lang, english } of rounds) {
    for (const text of english.slice(0, 5)) problems.push(`English in the Spanish round (--lang ${lang}): "${text.trim().slice(0, 160)}"`);
  }
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

export async function checkMistakes(courseRoot: string, fixtures: Fixture[], options: MistakesOptions = {}): Promise<FixtureOutcome[]> {
  const roundsWanted = Math.max(1, options.rounds ?? 2);
  // A fixture whose edits no longer apply is reported on its own; the others are still graded.
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
  const rounds = new Map<string, FixtureOutcome['rounds']>(fixtures.map((f) => [f.id, []]));
  if (options.split === true) {
    // One grading per fixture, in Spanish: the language guard reads every one. (Every other one in English too
    // cost 60 % more, measured; the English messages are checked by `npm run mistakes`, which alternates.)
    const started = performance.now();
    const results = await gradeVariants(variants, 'es', options.engine);
    for (const variant of variants) {
      const result = results.get(variant.id);
      if (result !== undefined) rounds.get(variant.id)?.push(roundOf('es', result));
    }
    options.onRound?.(1, 'es', (performance.now() - started) / 1000);
  }
  for (let round = 0; round < (options.split === true ? 0 : roundsWanted); round++) {
    const lang: Lang = round % 2 === 0 ? 'es' : 'en';
    const started = performance.now();
    const results = await gradeVariants(variants, lang, options.engine);
    for (const fixture of fixtures) {
      const result = results.get(fixture.id);
      if (result !== undefined) rounds.get(fixture.id)?.push(roundOf(lang, result));
    }
    options.onRound?.(round + 1, lang, (performance.now() - started) / 1000);
  }
  return fixtures.map((fixture) => {
    const failure = broken.get(fixture.id);
    if (failure !== undefined) return { fixture, rounds: [], problems: [failure], notes: [], recorded: false };
    const own = rounds.get(fixture.id) ?? [];
    const { problems, notes, recorded } = judge(fixture, own, options.record === true);
    return { fixture, rounds: own, problems, notes, recorded };
  });
}
