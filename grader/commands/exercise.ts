// `npm run exercise -- NN [--virtual]`: runs exercise NN's demo program (exercises/NN-slug/demo.ts) with the
// student's code, on the real clock (or the virtual one), and prints its output and its timeline.
// `npm run timeline -- NN | FILE.ts`: the same on the virtual clock, the picture only; FILE.ts is any program of
// the student's that exports a default async function.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SelectionError } from '../grading.ts';
import type { Lang } from '../i18n.ts';
import { loadCourse, selectExercises } from '../model/course.ts';
import { TOOL_ROOT } from '../paths.ts';
import { courseRootOf, langOf, parse, UsageError, type Io } from './common.ts';

export const DEMO_FILE = 'demo.ts';

/** The program to run: an exercise's demo.ts, or a .ts file given by path (timeline only). */
function programOf(courseRoot: string, target: string | undefined, lang: Lang, allowFile: boolean): string {
  if (target === undefined) {
    throw new UsageError(lang === 'es' ? 'di qué ejercicio: npm run exercise -- NN' : 'say which exercise: npm run exercise -- NN');
  }
  if (allowFile && /\.[cm]?ts$/.test(target)) {
    const file = resolve(target);
    if (!existsSync(file)) throw new UsageError(lang === 'es' ? `no existe el archivo ${target}` : `there is no file ${target}`);
    return file;
  }
  const course = loadCourse(courseRoot);
  const { selected, unknown } = selectExercises(course.exercises, [target]);
  if (unknown.length > 0 || selected[0] === undefined) throw new SelectionError([target], course.exercises);
  const demo = join(selected[0].dir, DEMO_FILE);
  if (!existsSync(demo)) {
    throw new UsageError(lang === 'es' ? `el ejercicio ${selected[0].key} no tiene demo (${DEMO_FILE})` : `exercise ${selected[0].key} has no demo (${DEMO_FILE})`);
  }
  return demo;
}

/** Runs the program in a child under tsx: it is TypeScript, and a crash or a hang stays out of this process. */
export function runProgram(file: string, clock: 'real' | 'virtual', lang: Lang, io: Io, extra: string[] = []): number {
  const child = spawnSync(process.execPath, ['--import', 'tsx', join(TOOL_ROOT, 'grader', 'demo', 'run-demo.ts'), file, clock, lang, ...extra], {
    cwd: TOOL_ROOT, env: { ...io.env, COURSE_LANG: lang }, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024,
  });
  if (child.stdout !== '') io.out(child.stdout);
  if (child.stderr !== '') io.err(child.stderr);
  if (child.error !== undefined) throw child.error;
  return child.status ?? 1;
}

export function exerciseCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { virtual: { type: 'boolean' } }, io.env);
  const lang = langOf(values.lang, io.env);
  const file = programOf(courseRootOf(values.course), positionals[0], lang, false);
  return Promise.resolve(runProgram(file, values.virtual === true ? 'virtual' : 'real', lang, io));
}

export function timelineCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {}, io.env);
  const lang = langOf(values.lang, io.env);
  const file = programOf(courseRootOf(values.course), positionals[0], lang, true);
  return Promise.resolve(runProgram(file, 'virtual', lang, io, ['--timeline-only']));
}
