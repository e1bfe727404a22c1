// The terminal report: a table per exercise, failures with their message and the hint.
import pc from 'picocolors';
import type { Lang } from '../i18n.ts';
import type { ExerciseResult, GradeResult, TestResult } from '../result.ts';
import { labelledHints } from '../hints/select.ts';
import { renderGantt } from '../timeline/gantt.ts';
import { formatPoints, headline, hiddenSummary, label, pointsText, visibleCount } from './labels.ts';

export interface TerminalOptions {
  color: boolean;
  /** Show passing tests too (default: only failures). */
  verbose?: boolean;
  /** Hide hidden-test lines and totals (the student loop runs visible tests only). */
  visibleOnly?: boolean;
}

type Paint = (text: string) => string;

function painter(color: boolean): Record<'green' | 'red' | 'yellow' | 'dim' | 'bold' | 'cyan', Paint> {
  const c = pc.createColors(color);
  return { green: c.green, red: c.red, yellow: c.yellow, dim: c.dim, bold: c.bold, cyan: c.cyan };
}

function indent(text: string, by: string): string {
  return text.split('\n').map((line) => by + line).join('\n');
}

function testLine(test: TestResult, lang: Lang, p: ReturnType<typeof painter>, showPoints: boolean): string {
  const mark = test.status === 'pass' ? p.green('✓') : p.red('✗');
  const tag = test.visibility === 'hidden' ? p.dim(` [${label('hiddenTag', lang)}]`) : '';
  const points = showPoints ? p.dim(` ${formatPoints(test.score)}/${formatPoints(test.max_score)}`) : '';
  const lines = [`    ${mark} ${test.name}${tag}${points}`];
  if (test.message !== null) lines.push(p.red(indent(test.message, '        ')));
  if (test.status !== 'pass' && test.output.trim() !== '') {
    lines.push(p.dim(`        ${label('output', lang)}:`), p.dim(indent(test.output.trimEnd(), '          ')));
  }
  if (test.status !== 'pass' && test.timeline !== undefined) lines.push(renderGantt(test.timeline, lang, { headline: true, indent: '        ' }));
  return lines.join('\n');
}

export function renderExercise(exercise: ExerciseResult, lang: Lang, options: TerminalOptions): string {
  const p = painter(options.color);
  const icon = exercise.status === 'pass' ? p.green('✓') : exercise.status === 'error' ? p.red('!')
    : exercise.state === 'hidden-pending' ? p.cyan('◷') : p.yellow('✗');
  const visible = visibleCount(exercise);
  const counts = options.visibleOnly
    ? `${visible.passed}/${visible.total}`
    : `${label('visible', lang).toLowerCase()} ${visible.passed}/${visible.total}, ${label('hidden', lang).toLowerCase()} ${hiddenSummary(exercise, lang)}`;
  const points = options.visibleOnly ? '' : `  ${p.bold(pointsText(exercise, lang))}`;
  const lines = [`${icon} ${p.bold(exercise.key)} ${exercise.title}${points}  ${p.dim(counts)}`];
  if (exercise.error !== null) lines.push(p.red(indent(exercise.error.message, '    ')));
  for (const test of exercise.tests) {
    if (options.visibleOnly && test.visibility === 'hidden') continue;
    if (test.status !== 'pass' || options.verbose === true) lines.push(testLine(test, lang, p, options.visibleOnly !== true));
  }
  if (exercise.status !== 'pass') lines.push(...hintLines(exercise, lang, p));
  return lines.join('\n');
}

/** The released hints, labelled ("Pista 1/4"), and how to get the next one. */
function hintLines(exercise: ExerciseResult, lang: Lang, p: ReturnType<typeof painter>): string[] {
  const hints = labelledHints(exercise, lang);
  const lines = hints.map((hint) => p.cyan(`    ${hint.label}: ${hint.text}`));
  const shown = Math.max(0, ...hints.map((hint) => hint.number ?? 0));
  if (hints.length > 0 && shown < exercise.hints_available) {
    lines.push(p.dim(`    ${lang === 'es' ? 'Siguiente pista' : 'Next hint'}: npm test -- ${exercise.id} --hint`));
  }
  return lines;
}

export function renderTerminal(result: GradeResult, options: TerminalOptions): string {
  const { lang } = result;
  const p = painter(options.color);
  const out: string[] = [];
  if (result.exercises.length === 0) out.push(p.yellow(label('noExercises', lang)));
  for (const exercise of result.exercises) out.push(renderExercise(exercise, lang, options));
  if (result.errors.length > 0) out.push(p.red(`${label('gradingErrors', lang)}\n${indent(result.errors.join('\n'), '  ')}`));
  if (result.tamper.changed.length > 0) out.push(p.red(`${label('tamper', lang)}\n${indent(result.tamper.changed.join('\n'), '  ')}`));
  if (!options.visibleOnly) {
    const total = `${label('total', lang)}: ${formatPoints(result.score)}/${formatPoints(result.max_score)}`;
    const paint = result.status === 'pass' ? p.green : result.status === 'error' ? p.red : p.yellow;
    out.push(`${paint(p.bold(total))}  ${headline(result, lang)}`);
  }
  return `${out.join('\n\n')}\n`;
}
