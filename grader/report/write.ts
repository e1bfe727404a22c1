// Writes every report file of a grading into the output folder (names documented in grader/README.md).
import { appendFileSync } from 'node:fs';
import type { GradeResult } from '../result.ts';
import { markdown } from './markdown.ts';
import { publishFolder, type Published } from './publish.ts';
import { classroomAnnotations, classroomBase64, gradescope, junit } from './platforms.ts';
import { renderTerminal } from './terminal.ts';

export const REPORT_FILES = {
  result: 'result.json',
  gradescope: 'gradescope.json',
  classroom: 'classroom.b64',
  junit: 'junit.xml',
  summary: 'summary.md',
  comment: 'comment.md',
  text: 'report.txt',
} as const;

function withoutTestTimelines(result: GradeResult): GradeResult {
  const exercises = result.exercises.map((exercise) => ({
    ...exercise, tests: exercise.tests.map(({ timeline: _drawn, ...test }) => test),
  }));
  return { ...result, exercises };
}

/** Writes every report into `outDir`, which it owns: see publish.ts (anything else found there is removed). */
export function writeReports(result: GradeResult, outDir: string, checkedAt: 'before-grading' | 'now' = 'now'): Published {
  const contents: Record<keyof typeof REPORT_FILES, string> = {
    // Per-test timelines are for the terminal; result.json carries the run-level one only.
    result: `${JSON.stringify(withoutTestTimelines(result), null, 2)}\n`,
    gradescope: `${JSON.stringify(gradescope(result), null, 2)}\n`,
    classroom: `${classroomBase64(result)}\n`,
    junit: junit(result),
    summary: markdown(result, 'summary'),
    comment: markdown(result, 'comment'),
    text: renderTerminal(result, { color: false, verbose: true }),
  };
  const files: Record<string, string> = {};
  for (const [key, content] of Object.entries(contents) as [keyof typeof REPORT_FILES, string][]) files[REPORT_FILES[key]] = content;
  return publishFolder(outDir, files, checkedAt);
}

/** Inside GitHub Actions: the job summary, the step output `result` (Classroom) and the score annotation. */
/** Returns the annotation lines to print on stdout. */
export function publishToGitHubActions(result: GradeResult, env: NodeJS.ProcessEnv = process.env): string[] {
  if (env['GITHUB_ACTIONS'] !== 'true') return [];
  if (env['GITHUB_STEP_SUMMARY']) appendFileSync(env['GITHUB_STEP_SUMMARY'], `${markdown(result, 'summary')}\n`);
  if (env['GITHUB_OUTPUT']) {
    appendFileSync(env['GITHUB_OUTPUT'], `result=${classroomBase64(result)}\nscore=${result.score}\nmax_score=${result.max_score}\nstatus=${result.status}\n`);
  }
  return classroomAnnotations(result);
}
