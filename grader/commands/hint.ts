// `npm test -- NN --hint [N]`: the next hint of an exercise (or hint N) without running its tests. The local
// memory remembers what was asked, so the next `npm test` keeps showing the hints already seen.
import pc from 'picocolors';
import { SelectionError } from '../grading.ts';
import { entryOf, readMemory, releasedLevel, writeMemory } from '../hints/memory.ts';
import { hintLabel } from '../hints/select.ts';
import type { Lang } from '../i18n.ts';
import { loadCourse, selectExercises, type Exercise } from '../model/course.ts';
import { UsageError, type Io } from './common.ts';

export interface HintRequest {
  courseRoot: string;
  lang: Lang;
  io: Io;
  only: string[];
  /** 'next' or a hint number as typed. */
  which: string;
}

export interface ShownHint {
  exercise: Exercise;
  number: number;
  of: number;
  text: string;
}

/** Picks the hint, records it as asked, and returns it (the watch loop's `h` key calls this too). */
export function takeHint(courseRoot: string, exercise: Exercise, which: string, lang: Lang): ShownHint {
  const list = exercise.meta.hints[lang];
  const memory = readMemory(courseRoot);
  const entry = entryOf(memory, exercise.key);
  let number: number;
  if (which === 'next') {
    const seen = entry.failedRuns === 0 && entry.asked === 0 ? 0 : releasedLevel(entry, list.length);
    number = Math.min(list.length, seen + 1);
  } else {
    number = Number(which);
    if (!Number.isInteger(number) || number < 1 || number > list.length) {
      throw new UsageError(lang === 'es'
        ? `el ejercicio ${exercise.key} tiene las pistas 1 a ${list.length}, no "${which}"`
        : `exercise ${exercise.key} has hints 1 to ${list.length}, not "${which}"`);
    }
  }
  entry.asked = Math.max(entry.asked, number);
  memory.current = exercise.key;
  writeMemory(courseRoot, memory);
  return { exercise, number, of: list.length, text: list[number - 1] ?? '' };
}

/** The exercise a hint is for: the one named, else the one the loop showed last. */
export function hintTarget(courseRoot: string, only: string[], lang: Lang): Exercise {
  const course = loadCourse(courseRoot);
  const { selected, unknown } = selectExercises(course.exercises, only.slice(0, 1));
  if (unknown.length > 0) throw new SelectionError(unknown, course.exercises);
  if (only.length > 0 && selected[0] !== undefined) return selected[0];
  const current = readMemory(courseRoot).current;
  const remembered = course.exercises.find((ex) => ex.key === current);
  if (remembered !== undefined) return remembered;
  throw new UsageError(lang === 'es'
    ? 'di de qué ejercicio quieres la pista: npm test -- NN --hint'
    : 'say which exercise the hint is for: npm test -- NN --hint');
}

export function formatHint(hint: ShownHint, lang: Lang, color: boolean): string {
  const p = pc.createColors(color);
  const head = `${hintLabel({ kind: 'exercise', number: hint.number, of: hint.of }, lang)} · ${hint.exercise.key}`;
  const lines = [p.cyan(p.bold(head)), p.cyan(hint.text)];
  if (hint.of === 0) return lang === 'es' ? `${hint.exercise.key} no tiene pistas.` : `${hint.exercise.key} has no hints.`;
  lines.push('', p.dim(hint.number < hint.of
    ? `${lang === 'es' ? 'Siguiente pista' : 'Next hint'}: npm test -- ${hint.exercise.meta.id} --hint`
    : lang === 'es' ? 'Es la última pista.' : 'That is the last hint.'));
  return `${lines.join('\n')}\n`;
}

export function showHint(request: HintRequest): Promise<number> {
  const exercise = hintTarget(request.courseRoot, request.only, request.lang);
  const hint = takeHint(request.courseRoot, exercise, request.which, request.lang);
  request.io.out(formatHint(hint, request.lang, request.io.color));
  return Promise.resolve(0);
}
