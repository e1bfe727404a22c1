// The course's multiprocessing examples, written in TypeScript (conformance/NN_name.ts), print what their
// CPython twins (conformance/NN_name.py) print. The test runs both programs, so the expectation is CPython's
// own output, not a copy of ours. Pids differ by nature, and lines printed by concurrent processes or threads
// in an order CPython does not fix either ("Tarea 1..3", "downloading: ...") are compared as sets.
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dir = fileURLToPath(new URL('./conformance/', import.meta.url));
const pairs = readdirSync(dir)
  .filter((f) => f.endsWith('.py'))
  .map((f) => f.slice(0, -3))
  .sort();

const PYTHON_LINE_BUFFERED =
  "import runpy, sys; sys.stdout.reconfigure(line_buffering=True); runpy.run_path(sys.argv[1], run_name='__main__')";

/** Words that start lines printed concurrently: their order is not fixed, in CPython or here. */
const UNORDERED_WORDS = ['Tarea', 'downloading:'];

/**
 * Pids become <pid>. Each run of lines printed concurrently becomes the sorted characters it holds: CPython's
 * print() writes a line in pieces, so two threads or processes can even mix halves of lines ("Tarea Tarea  2"
 * then " 1"): the course's own warning about unsynchronised output, which this runtime does not reproduce
 * (one console.log is one write).
 */
function normalise(output: string): string[] {
  const lines = output
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.replace(/^(Proceso padre:|ID del proceso) \d+$/, '$1 <pid>'));
  // A piece of such a line can stand alone: a leading space, or a bare task number ("Tarea Tarea  1" then "2").
  const concurrent = (line: string): boolean =>
    line.startsWith(' ') || /^\d$/.test(line) || UNORDERED_WORDS.some((w) => line.includes(w));
  const out: string[] = [];
  for (let i = 0; i < lines.length; ) {
    if (!concurrent(lines[i] as string)) {
      out.push(lines[i++] as string);
      continue;
    }
    const group: string[] = [];
    while (i < lines.length && concurrent(lines[i] as string)) group.push(lines[i++] as string);
    // Halves of lines can even be glued ("/todosdownloading:"): compare the characters printed.
    out.push(`{${[...group.join('').replace(/\s+/g, '')].sort().join('')}}`);
  }
  return out;
}

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd: dir, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error !== null) reject(new Error(`${command} ${args.join(' ')} failed: ${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

const hasPython = await run('python3', ['--version']).then(
  () => true,
  () => false,
);

describe.skipIf(!hasPython)('course multiprocessing examples vs CPython 3.11', () => {
  for (const name of pairs) {
    it(name, async () => {
      const [ours, cpython] = await Promise.all([
        run(process.execPath, ['--import', 'tsx', `${name}.ts`]),
        // Line-buffered stdout, so each print() reaches the pipe as one write, as console.log does here
        // (block-buffered CPython children can interleave halves of lines: "Tarea Tarea  2").
        run('python3', ['-c', PYTHON_LINE_BUFFERED, `${name}.py`]),
      ]);
      expect(normalise(ours)).toEqual(normalise(cpython));
      expect(normalise(ours).length).toBeGreaterThan(0);
    }, 60_000);
  }
});
