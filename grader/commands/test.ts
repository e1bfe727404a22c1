// `npm test [-- NN ...]`: the student's loop. Visible tests only, against exercises/, a line per
// exercise and the details and hints of the first one that is not done yet. `--hint [N]` shows a hint
// without running anything.
import pc from 'picocolors';
import { grade } from '../grading.ts';
import { entryOf, readMemory, releasedLevel, writeMemory } from '../hints/memory.ts';
import type { Lang } from '../i18n.ts';
import type { GradeResult } from '../result.ts';
import { label, visibleCount } from '../report/labels.ts';
import { renderExercise, renderTerminal } from '../report/terminal.ts';
import { courseRootOf, langOf, parse, type Io } from './common.ts';
import { showHint } from './hint.ts';
import { loadCourse, selectExercises } from '../model/course.ts';
import { editedFile, startTypeCheck, typeWarning, type TypeCheck } from '../typecheck/edited.ts';

function summaryLine(result: GradeResult, lang: Lang): string {
  const done = result.exercises.filter((ex) => ex.status === 'pass').length;
  const next = result.exercises.find((ex) => ex.status !== 'pass');
  const total = result.exercises.length;
  if (lang === 'es') {
    return next === undefined ? `¡${done}/${total} ejercicios completos! (tests visibles; la nota final incluye tests ocultos)`
      : `${done}/${total} ejercicios completos. Siguiente: ${next.key}  →  npm test -- ${next.id}`;
  }
  return next === undefined ? `${done}/${total} exercises complete! (visible tests; the final grade includes hidden tests)`
    : `${done}/${total} exercises complete. Next: ${next.key}  →  npm test -- ${next.id}`;
}

/**
 * `--hint` takes an optional number: `--hint` alone is "the next one". `--hint N` reads N as the hint when an
 * exercise is named elsewhere (`npm test -- 14 --hint 3`), and as the exercise otherwise (`npm test -- --hint 14`).
 */
export function normaliseHintArgs(args: string[]): string[] {
  const out: string[] = [];
  const positional = (arg: string | undefined): boolean => arg !== undefined && !arg.startsWith('-');
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg !== '--hint') {
      out.push(arg);
      continue;
    }
    const next = args[i + 1];
    const otherIds = args.some((a, j) => j !== i + 1 && positional(a) && !(j > 0 && args[j - 1] === '--lang') && !(j > 0 && args[j - 1] === '--course'));
    if (next !== undefined && /^\d+$/.test(next) && otherIds) {
      out.push(`--hint=${next}`);
      i++;
    } else {
      out.push('--hint=next');
    }
  }
  return out;
}

/** How long the end of `npm test` waits for a type check that is still running. */
const TYPECHECK_GRACE_MS = 250;

/** The type check of the file edited last (not in CI, where the grade is what counts, nor when it cannot run). */
function startEditedFileCheck(courseRoot: string, only: string[], env: NodeJS.ProcessEnv): TypeCheck | undefined {
  if (env['CI'] !== undefined || env['COURSE_TYPECHECK'] === '0') return undefined;
  try {
    const course = loadCourse(courseRoot);
    const { selected } = selectExercises(course.exercises, only);
    const file = editedFile(selected);
    return file === undefined ? undefined : startTypeCheck(file);
  } catch {
    return undefined;
  }
}

export async function testCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(normaliseHintArgs(args), { hint: { type: 'string' } }, io.env);
  const lang = langOf(values.lang, io.env);
  const courseRoot = courseRootOf(values.course);
  if (values.hint !== undefined) return showHint({ courseRoot, lang, io, only: positionals, which: values.hint });

  const memory = readMemory(courseRoot);
  const typeCheck = startEditedFileCheck(courseRoot, positionals, io.env);
  // The student loop may reuse transformed runtime modules between runs; gradings that count never do.
  // It does not report tampering either (npm run grade does), so it does not hash the protected files, and
  // it runs the student's own code on the student's own machine without the sandbox (no start-up cost).
  const result = await grade({
    courseRoot, source: { kind: 'exercises' }, only: positionals, lang, hidden: false,
    engine: { moduleCache: true }, tamperCheck: false, sandbox: false,
    // This run counts as one more failed run of the exercise it shows (see below).
    hintLevel: (key) => {
      const entry = memory.exercises[key];
      return releasedLevel({ failedRuns: (entry?.failedRuns ?? 0) + 1, asked: entry?.asked ?? 0 }, Number.MAX_SAFE_INTEGER);
    },
  });
  const p = pc.createColors(io.color);
  if (result.exercises.length === 0) {
    io.out(renderTerminal(result, { color: io.color, visibleOnly: true }));
    return 2;
  }
  const lines: string[] = [];
  for (const exercise of result.exercises) {
    const { passed, total } = visibleCount(exercise);
    const icon = exercise.status === 'pass' ? p.green('✓') : exercise.status === 'error' ? p.red('!') : p.yellow('·');
    lines.push(`${icon} ${exercise.key.padEnd(28)} ${exercise.title}  ${p.dim(`${passed}/${total}`)}`);
  }
  io.out(`${lines.join('\n')}\n`);
  const first = result.exercises.find((ex) => ex.status !== 'pass');
  if (first !== undefined) {
    io.out(`\n${renderExercise(first, lang, { color: io.color, visibleOnly: true })}\n`);
    entryOf(memory, first.key).failedRuns += 1;
    memory.current = first.key;
    writeMemory(courseRoot, memory);
  }
  if (result.errors.length > 0) io.out(`\n${p.red(label('gradingErrors', lang))}\n  ${result.errors.join('\n  ')}\n`);
  // A short grace for a check that started with this run; a later result shows on the next run.
  const typeError = typeCheck === undefined ? undefined : await typeCheck.result(TYPECHECK_GRACE_MS);
  if (typeCheck !== undefined && typeError !== undefined && typeError !== null) io.out(`\n${p.yellow(typeWarning(typeError, typeCheck.file, courseRoot, lang))}\n`);
  io.out(`\n${p.bold(summaryLine(result, lang))}\n`);
  if (result.errors.length > 0) return 2;
  return result.exercises.every((ex) => ex.status === 'pass') ? 0 : 1;
}
