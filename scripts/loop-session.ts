// The student loop, end to end in a real pseudo-terminal (util-linux `script`, no native add-on): `npm run watch`
// on a fresh copy of the course, then for every exercise in order: read the failing run, press `h` until the
// last hint (each "Pista k/N" must appear), save the solution over the stub, and check that watch re-runs on its
// own and moves on. Ends when watch says every exercise passes and exits 0.
//   npm run test:loop            (all exercises; about 3-6 minutes)
//   npm run test:loop -- 01 02   (from the first id given, through the last)
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCourse } from '../grader/model/course.ts';

const ROOT = join(import.meta.dirname, '..');
const STEP_TIMEOUT_MS = 180_000;
const ANSI = new RegExp(String.raw`\u001b\[[0-9;?]*[A-Za-z]`, 'g');

const wanted = process.argv.slice(2);
const course = loadCourse(ROOT);
const all = course.exercises;
const from = wanted[0] === undefined ? 0 : all.findIndex((ex) => ex.meta.id === wanted[0]?.padStart(2, '0'));
const to = wanted.at(-1) === undefined ? all.length - 1 : all.findIndex((ex) => ex.meta.id === wanted.at(-1)?.padStart(2, '0'));
if (from < 0 || to < from) throw new Error(`unknown exercise ids: ${wanted.join(' ')}`);
const exercises = all.slice(from, to + 1);

// A fresh course: the stubs of exercises/ (the solved ones before `from` keep their solutions).
const scratch = mkdtempSync(join(tmpdir(), 'loop-session-'));
cpSync(join(ROOT, 'exercises'), join(scratch, 'exercises'), { recursive: true });
const solve = (key: string, files: string[]): void => {
  for (const file of files) copyFileSync(join(ROOT, 'solutions', key, file), join(scratch, 'exercises', key, file));
};
for (const ex of all.slice(0, from)) solve(ex.key, ex.meta.files);
for (const ex of all.slice(to + 1)) solve(ex.key, ex.meta.files);

const command = `node grader/start.mjs watch ${exercises[0]?.meta.id ?? '01'} --lang es --course ${scratch}`;
const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, COLUMNS: '160' } });
let screen = '';
child.stdout.on('data', (chunk: Buffer) => {
  screen += chunk.toString('utf8').replace(ANSI, '').replace(/\r/g, '');
});
const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)));

/** Waits until `pattern` appears after `offset` in what the terminal showed; returns the end of the match. */
async function expectScreen(pattern: RegExp, offset: number, what: string): Promise<number> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    const match = pattern.exec(screen.slice(offset));
    if (match !== null) return offset + match.index + match[0].length;
    if (Date.now() > deadline || child.exitCode !== null) {
      throw new Error(`loop session: waited for ${what}; the terminal showed:\n${screen.slice(Math.max(offset, screen.length - 3000))}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const press = (key: string): void => {
  child.stdin.write(key);
};

const started = performance.now();
let offset = 0;
try {
  for (const [index, exercise] of exercises.entries()) {
    const t0 = performance.now();
    const id = exercise.meta.id;
    const hints = exercise.meta.hints.es.length;
    offset = await expectScreen(new RegExp(`watch · ${exercise.key}`), offset, `the run of ${exercise.key}`);
    offset = await expectScreen(/Guarda un archivo para volver a ejecutar/, offset, `${exercise.key} failing with its stub`);
    const failing = screen.slice(0, offset);
    if (!failing.includes(`Pista 1/${hints}:`)) throw new Error(`loop session: ${exercise.key} did not show "Pista 1/${hints}"`);
    // Every further hint with h, one at a time, up to the last.
    for (let k = 2; k <= hints; k++) {
      press('h');
      offset = await expectScreen(new RegExp(`Pista ${k}/${hints} · ${exercise.key}`), offset, `hint ${k}/${hints} of ${exercise.key}`);
    }
    if (hints > 1) offset = await expectScreen(/Es la última pista\./, offset, `the last hint of ${exercise.key}`);
    // Saving the solution is all it takes: watch re-runs on its own and moves on.
    solve(exercise.key, exercise.meta.files);
    const next = exercises[index + 1];
    offset = next === undefined
      ? await expectScreen(/¡Todos los ejercicios pasan sus tests visibles!/, offset, 'the end of the course')
      : await expectScreen(new RegExp(`✓ ${exercise.key} completo\\. Siguiente: ${next.key}`), offset, `${exercise.key} passing and the move to ${next.key}`);
    process.stdout.write(`✓ ${id} ${exercise.key}: ${hints} hints reached with h, solved, moved on (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
  }
  const code = await Promise.race([exited, new Promise<number>((resolve) => setTimeout(() => resolve(-1), 30_000))]);
  if (code !== 0) throw new Error(`loop session: watch ended with ${code} instead of 0`);
  process.stdout.write(`loop session: ${exercises.length} exercises in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  press('q');
  child.kill();
  process.exitCode = 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
