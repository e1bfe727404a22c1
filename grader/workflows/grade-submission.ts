// The step that runs student code: the grader on the trusted course copy (hidden tests unsealed there or
// not) with only the changeable files from the pull request. Its environment holds no key and its token
// can only read. The tamper list from the collect step joins the grader's own, so one result says it all.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { grade } from '../grading.ts';
import { ciHintLevel } from '../hints/select.ts';
import type { Lang } from '../i18n.ts';
import { overallStatus, RESULT_SCHEMA_VERSION, type GradeResult } from '../result.ts';

export interface GradeSubmissionOptions {
  course: string;
  submission: string;
  /** Extra tamper lines (files the pull request changed outside the changeable set). */
  tampered: string[];
  /** Grading errors found before grading (e.g. the hidden tests could not be unsealed). */
  errors: string[];
  lang: Lang;
  /** Written into result.source. */
  label: string;
}

export function errorResult(message: string, lang: Lang, label: string, tampered: string[] = []): GradeResult {
  return {
    version: RESULT_SCHEMA_VERSION, status: 'error', score: 0, max_score: 0, lang, source: label,
    tamper: { checked: true, changed: tampered }, errors: [message], exercises: [], duration: 0, sandbox: 'none', timeline: null,
  };
}

export async function gradeSubmission(options: GradeSubmissionOptions): Promise<GradeResult> {
  const { lang, label } = options;
  let result: GradeResult;
  try {
    // The instructor's COURSE_HINT_LEVEL (grade.yml) says how many exercise hints the PR comment releases.
    result = await grade({ courseRoot: options.course, source: { kind: 'submission', dir: options.submission }, lang, hidden: true,
      hintLevel: ciHintLevel(undefined, process.env) });
  } catch (error) {
    return errorResult(`grading error: ${(error as Error).message}`, lang, label, options.tampered);
  }
  const changed = [...new Set([...result.tamper.changed, ...options.tampered])].sort();
  const merged = { ...result, source: label, tamper: { checked: true, changed }, errors: [...options.errors, ...result.errors] };
  return { ...merged, status: overallStatus(merged) };
}

export function writeResult(result: GradeResult, outDir: string): string {
  mkdirSync(outDir, { recursive: true });
  const path = join(outDir, 'result.json');
  writeFileSync(path, `${JSON.stringify(result, null, 2)}\n`);
  return path;
}

export function readLines(path: string): string[] {
  return existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter((line) => line !== '') : [];
}
