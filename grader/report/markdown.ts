// Markdown for the GitHub job summary and the PR comment: total first, visible and hidden kept apart,
// then what failed and why. Student text goes inside code fences it cannot close.
import type { Lang } from '../i18n.ts';
import type { ExerciseResult, GradeResult, Timeline } from '../result.ts';
import { renderMermaid } from '../timeline/mermaid.ts';
import { labelledHints } from '../hints/select.ts';
import { formatPoints, headline, hiddenSummary, label, pointsText, visibleCount } from './labels.ts';

export const COMMENT_MARKER = '<!-- course-grader-report -->';
const SUMMARY_LIMIT = 1_000_000;

function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;')).replace(/\n/g, ' ');
}

/** A fence longer than any backtick run inside, so student text cannot break out of it. */
function fenced(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}

function statusIcon(exercise: ExerciseResult): string {
  return exercise.status === 'pass' ? '✅' : exercise.status === 'error' ? '⛔' : exercise.state === 'hidden-pending' ? '🕓' : '❌';
}

/**
 * Not started (schema v2's `state`): such exercises are listed on one line, not with a block per failing
 * test: a fresh template would otherwise repeat the stub's message once per test of the course.
 */
export function notStarted(exercise: ExerciseResult): boolean {
  return exercise.state === 'not-started';
}

function details(exercise: ExerciseResult, lang: Lang): string {
  const parts: string[] = [];
  if (exercise.error !== null) parts.push(fenced(exercise.error.message));
  // Tests that failed with the same message are listed together, the message shown once.
  const groups = new Map<string, string[]>();
  for (const test of exercise.tests) {
    if (test.status === 'pass') continue;
    const tag = test.visibility === 'hidden' ? ` _(${label('hiddenTag', lang)})_` : '';
    const message = test.message ?? '';
    groups.set(message, [...(groups.get(message) ?? []), `${cell(test.name)}${tag}`]);
  }
  for (const [message, names] of groups) {
    const list = names.length === 1 ? names[0]! : `${names.join(' · ')} (${names.length} ${lang === 'es' ? 'tests, mismo mensaje' : 'tests, same message'})`;
    parts.push(`- ❌ ${list}\n\n${fenced(message)}`);
  }
  parts.push(...hintParts(exercise, lang));
  return `<details><summary>${cell(`${exercise.key} ${exercise.title}`)} — ${formatPoints(exercise.score)}/${formatPoints(exercise.max_score)}</summary>\n\n${parts.join('\n\n')}\n\n</details>`;
}

/** The first released hint in the open; the further ones folded, so a student opens them only when stuck. */
function hintParts(exercise: ExerciseResult, lang: Lang): string[] {
  const [first, ...more] = labelledHints(exercise, lang);
  if (first === undefined) return [];
  const line = (hint: typeof first): string => `💡 **${cell(hint.label)}:** ${cell(hint.text)}`;
  const parts = [line(first)];
  if (more.length > 0) {
    const summary = lang === 'es' ? `Más pistas (${more.length})` : `More hints (${more.length})`;
    parts.push(`<details><summary>${summary}</summary>\n\n${more.map(line).join('\n\n')}\n\n</details>`);
  }
  return parts;
}

/** The Mermaid picture of the first failing visible timing test (GitHub renders it). */
function timelineSection(timeline: Timeline, lang: Lang): string[] {
  const title = lang === 'es' ? `Línea de tiempo: ${timeline.exercise}` : `Timeline: ${timeline.exercise}`;
  const said = lang === 'es' ? 'Qué hizo cada hilo en el test que falla' : 'What each thread did in the failing test';
  return [`### ${cell(title)}`, '', `${said}: **${cell(timeline.test)}**`, '', renderMermaid(timeline, lang, title), ''];
}

export function markdown(result: GradeResult, kind: 'summary' | 'comment'): string {
  const { lang } = result;
  const percent = result.max_score > 0 ? Math.round((100 * result.score) / result.max_score) : 0;
  const lines: string[] = [];
  if (kind === 'comment') lines.push(COMMENT_MARKER);
  lines.push(`## ${label('total', lang)}: ${formatPoints(result.score)}/${formatPoints(result.max_score)} (${percent} %)`, '', headline(result, lang), '');
  if (result.exercises.length === 0) lines.push(label('noExercises', lang), '');
  if (result.tamper.changed.length > 0) {
    lines.push(`> [!WARNING]\n> ${label('tamper', lang)}`, ...result.tamper.changed.map((path) => `> - \`${cell(path)}\``), '');
  }
  if (result.errors.length > 0) lines.push(`**${label('gradingErrors', lang)}**`, '', fenced(result.errors.join('\n')), '');
  if (result.exercises.length > 0) {
    lines.push(`| | ${label('exercise', lang)} | ${label('points', lang)} | ${label('visible', lang)} | ${label('hidden', lang)} |`, '|---|---|---|---|---|');
    for (const exercise of result.exercises) {
      const visible = visibleCount(exercise);
      lines.push(`| ${statusIcon(exercise)} | ${cell(`${exercise.key} ${exercise.title}`)} | ${cell(pointsText(exercise, lang))} | ${visible.passed}/${visible.total} | ${cell(hiddenSummary(exercise, lang))} |`);
    }
    lines.push('');
  }
  if (result.timeline !== null) lines.push(...timelineSection(result.timeline, lang));
  const failing = result.exercises.filter((exercise) => exercise.status !== 'pass' && exercise.state !== 'hidden-pending');
  const unstarted = failing.filter(notStarted);
  const started = failing.filter((exercise) => !notStarted(exercise));
  if (failing.length > 0) {
    lines.push(`### ${label('details', lang)}`, '');
    for (const exercise of started) lines.push(details(exercise, lang), '');
    if (unstarted.length > 0) {
      const names = unstarted.map((exercise) => cell(`${exercise.key}`)).join(', ');
      lines.push(lang === 'es'
        ? `⏳ **Sin empezar (${unstarted.length}):** ${names}. Sus tests fallan con el «Aún no implementado» del esqueleto; empieza por el primero con \`npm test -- ${unstarted[0]!.id}\`.`
        : `⏳ **Not started (${unstarted.length}):** ${names}. Their tests fail with the stub's "Not implemented yet"; start with the first one: \`npm test -- ${unstarted[0]!.id}\`.`, '');
    }
  }
  let text = lines.join('\n');
  if (text.length > SUMMARY_LIMIT) text = `${text.slice(0, SUMMARY_LIMIT)}\n\n…`;
  return text;
}
