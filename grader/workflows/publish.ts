// The reporting job's work, from a validated result: the PR comment body (total first, then the notes
// only CI knows: hidden tests not run and why), the job summary and the Classroom annotations.
import type { Lang } from '../i18n.ts';
import { sanitize } from '../sanitize.ts';
import { COMMENT_MARKER, markdown } from '../report/markdown.ts';
import { classroomAnnotations } from '../report/platforms.ts';
import type { GradeResult } from '../result.ts';

export interface PublishContext {
  /** The pull request's head comes from this repository (hidden tests allowed). */
  sameRepository: boolean;
  runUrl?: string;
  headSha?: string;
}

const NOTES = {
  fork: {
    es: '> [!NOTE]\n> Los tests ocultos no se han ejecutado: este pull request viene de un fork, y el código de un fork nunca se ejecuta junto a ellos. La nota solo cuenta los tests visibles.',
    en: '> [!NOTE]\n> Hidden tests did not run: this pull request comes from a fork, and a fork\'s code never runs beside them. The score counts the visible tests only.',
  },
  central: {
    es: '> [!NOTE]\n> Esta nota cuenta solo los tests visibles. Los tests ocultos no se ejecutan en este repositorio: los corrige tu profesor desde su repositorio de corrección, con la versión que subas antes de la fecha límite.',
    en: '> [!NOTE]\n> This score counts the visible tests only. Hidden tests never run in this repository: your instructor grades them from the course\'s grading repository, on what you push before the deadline.',
  },
  missing: {
    es: '## Nota: sin resultado\n\n⛔ La corrección no produjo un resultado válido. Revisa el registro de la ejecución.',
    en: '## Score: no result\n\n⛔ Grading did not produce a valid result. See the run log.',
  },
} as const;

/** Why hidden tests did not run, when some did not. */
export function hiddenNote(result: GradeResult, context: PublishContext): string | undefined {
  const pending = result.exercises.some((exercise) => exercise.hidden.pending > 0);
  if (!pending) return undefined;
  return NOTES[context.sameRepository ? 'central' : 'fork'][result.lang];
}

function footer(lang: Lang, context: PublishContext): string {
  const parts: string[] = [];
  if (context.headSha !== undefined) parts.push(`${lang === 'es' ? 'Commit corregido' : 'Graded commit'}: \`${context.headSha.slice(0, 12)}\``);
  if (context.runUrl !== undefined) parts.push(`[${lang === 'es' ? 'registro completo' : 'full log'}](${context.runUrl})`);
  return parts.length === 0 ? '' : `\n<sub>${parts.join(' · ')}</sub>\n`;
}

/** The job summary: the grader's summary plus the CI note. */
export function summaryBody(result: GradeResult, context: PublishContext): string {
  const note = hiddenNote(result, context);
  const text = markdown(result, 'summary');
  return note === undefined ? text : `${note}\n\n${text}`;
}

/** The PR comment: the marker first (so it can be found and updated), the note, the report, a footer. */
export function commentBody(result: GradeResult, context: PublishContext): string {
  const text = markdown(result, 'comment');
  const rest = text.startsWith(COMMENT_MARKER) ? text.slice(COMMENT_MARKER.length).replace(/^\n/, '') : text;
  const note = hiddenNote(result, context);
  return `${COMMENT_MARKER}\n${note === undefined ? '' : `${note}\n\n`}${rest}${footer(result.lang, context)}`;
}

/** The comment when the grading job left no usable result (it failed, or its file did not validate). */
export function missingResultBody(lang: Lang, reason: string, context: PublishContext): string {
  const safe = sanitize(reason, 2000);
  const fence = '`'.repeat(Math.max(3, ...[...safe.matchAll(/`+/g)].map((m) => m[0].length + 1)));
  return `${COMMENT_MARKER}\n${NOTES.missing[lang]}\n\n${fence}text\n${safe}\n${fence}\n${footer(lang, context)}`;
}

/** "Points X/Y" and the JSON report, exactly as GitHub Classroom reads them (numbers only). */
export function annotations(result: GradeResult): string[] {
  return classroomAnnotations(result);
}
