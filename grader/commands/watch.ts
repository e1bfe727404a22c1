// `npm run watch [-- NN]`: the rustlings-style loop. Runs the current exercise's visible tests, re-runs them
// when a file of the exercise is saved (Node's fs.watch on the folder, debounced: editors save through a
// temporary file and a rename, several events per save), and moves on to the next exercise when it passes.
// Keys: h next hint, l list, n next exercise, r run again, q quit. Without a terminal it runs once.
import { watch, type FSWatcher } from 'node:fs';
import pc from 'picocolors';
import { readMemory, writeMemory } from '../hints/memory.ts';
import type { Lang } from '../i18n.ts';
import { loadCourse, selectExercises, type Exercise } from '../model/course.ts';
import { SelectionError } from '../grading.ts';
import { courseRootOf, langOf, parse, type Io } from './common.ts';
import { formatHint, takeHint } from './hint.ts';
import { testCommand } from './test.ts';

/** Quiet time after the last file event before a run starts. */
export const DEBOUNCE_MS = 200;

/** What watch needs from the terminal (process.stdin in real use; a fake in tests). */
export interface Keyboard {
  isTTY: boolean;
  onKey(listener: (key: string) => void): void;
  close(): void;
}

function processKeyboard(): Keyboard {
  const stdin = process.stdin;
  return {
    isTTY: stdin.isTTY === true && process.stdout.isTTY === true,
    onKey(listener) {
      stdin.setRawMode(true);
      stdin.setEncoding('utf8');
      stdin.on('data', (chunk: string) => {
        for (const key of chunk) listener(key);
      });
      stdin.resume();
    },
    close() {
      if (stdin.isTTY === true) stdin.setRawMode(false);
      stdin.pause();
    },
  };
}

const CLEAR = '\u001b[2J\u001b[3J\u001b[H';

/** Editor droppings that are not a save of the student's file. */
function ignored(name: string | null): boolean {
  if (name === null) return false;
  return name.startsWith('.') || name.endsWith('~') || /\.(swp|swx|tmp)$/.test(name) || /^\d+$/.test(name) || name.startsWith('#');
}

function keysLine(lang: Lang): string {
  return lang === 'es'
    ? 'Guarda un archivo para volver a ejecutar · h pista · l lista · n siguiente ejercicio · r repetir · q salir'
    : 'Save a file to run again · h hint · l list · n next exercise · r run again · q quit';
}

export interface WatchOptions {
  keyboard?: Keyboard;
}

export async function watchCommand(args: string[], io: Io, options: WatchOptions = {}): Promise<number> {
  const { values, positionals } = parse(args, {}, io.env);
  const lang = langOf(values.lang, io.env);
  const courseRoot = courseRootOf(values.course);
  const common = ['--lang', lang, ...(values.course !== undefined ? ['--course', values.course] : [])];
  const keyboard = options.keyboard ?? processKeyboard();
  if (!keyboard.isTTY) {
    io.err(`${lang === 'es' ? 'watch: no hay terminal interactiva; se ejecuta una vez' : 'watch: no interactive terminal; running once'}\n`);
    return testCommand([...positionals, ...common], io);
  }
  const exercises = loadCourse(courseRoot).exercises;
  if (exercises.length === 0) return testCommand(common, io);
  const { selected, unknown } = selectExercises(exercises, positionals.slice(0, 1));
  if (unknown.length > 0) throw new SelectionError(unknown, exercises);
  const remembered = exercises.find((ex) => ex.key === readMemory(courseRoot).current);
  let current: Exercise = (positionals.length > 0 ? selected[0] : remembered) ?? (exercises[0] as Exercise);
  const passed = new Set<string>();
  const p = pc.createColors(io.color);

  return await new Promise<number>((resolve) => {
    let watcher: FSWatcher | undefined;
    let timer: NodeJS.Timeout | undefined;
    let running = false;
    let again = false;
    let finished = false;

    const finish = (code: number): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      watcher?.close();
      keyboard.close();
      resolve(code);
    };

    const follow = (exercise: Exercise): void => {
      watcher?.close();
      current = exercise;
      const memory = readMemory(courseRoot);
      memory.current = exercise.key;
      writeMemory(courseRoot, memory);
      watcher = watch(exercise.dir, (_event, name) => {
        if (ignored(typeof name === 'string' ? name : null)) return;
        clearTimeout(timer);
        timer = setTimeout(() => void run(true), DEBOUNCE_MS);
      });
    };

    const next = (after: Exercise): Exercise | undefined => {
      const index = exercises.indexOf(after);
      return exercises.slice(index + 1).find((ex) => !passed.has(ex.key)) ?? exercises.slice(0, index).find((ex) => !passed.has(ex.key));
    };

    const run = async (clear: boolean): Promise<void> => {
      if (finished) return;
      if (running) {
        again = true;
        return;
      }
      running = true;
      const exercise = current;
      if (clear) io.out(CLEAR);
      io.out(`${p.bold(p.cyan(`watch · ${exercise.key}`))}  ${exercise.meta.title[lang]}\n\n`);
      const code = await testCommand([exercise.meta.id, ...common], io);
      running = false;
      if (finished) return;
      if (exercise !== current) {
        // The student moved on (n) during the run: run the new one.
        again = false;
        await run(true);
        return;
      }
      if (code === 0) {
        passed.add(current.key);
        const upcoming = next(current);
        if (upcoming === undefined) {
          io.out(`\n${p.green(p.bold(lang === 'es' ? '¡Todos los ejercicios pasan sus tests visibles! Abre el pull request para la nota final.'
            : 'Every exercise passes its visible tests! Open the pull request for the final grade.'))}\n`);
          finish(0);
          return;
        }
        io.out(`\n${p.green(lang === 'es' ? `✓ ${current.key} completo. Siguiente: ${upcoming.key}` : `✓ ${current.key} done. Next: ${upcoming.key}`)}\n\n`);
        follow(upcoming);
        again = false;
        await run(false);
        return;
      }
      io.out(`\n${p.dim(keysLine(lang))}\n`);
      if (again) {
        again = false;
        await run(true);
      }
    };

    const list = (): void => {
      const lines = exercises.map((ex) => {
        const mark = passed.has(ex.key) ? p.green('✓') : ex === current ? p.cyan('▶') : ' ';
        return `${mark} ${ex.meta.id}  ${ex.key.padEnd(28)} ${ex.meta.title[lang]}`;
      });
      io.out(`\n${lines.join('\n')}\n${p.dim(lang === 'es' ? '(✓ = completo en esta sesión; npm run progress para la tabla completa)' : '(✓ = done in this session; npm run progress for the full table)')}\n`);
    };

    keyboard.onKey((key) => {
      switch (key) {
        case 'h':
          io.out(`\n${formatHint(takeHint(courseRoot, current, 'next', lang), lang, io.color)}`);
          break;
        case 'l':
          list();
          break;
        case 'n': {
          const upcoming = next(current) ?? current;
          follow(upcoming);
          void run(true);
          break;
        }
        case 'r':
          void run(true);
          break;
        case 'q':
        case '\u0003':
        case '\u0004':
          io.out(`\n${lang === 'es' ? 'Hasta luego.' : 'Bye.'}\n`);
          finish(0);
          break;
        default:
          break;
      }
    });
    follow(current);
    void run(true);
  });
}
