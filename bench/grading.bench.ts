// The course's own speed, as a student and a teacher feel it (the last two rows of README's table):
//   - `npm test -- 01` on the stub (visible tests of exercise 01, failing as a fresh clone does), wall time;
//   - `npm run grade -- --solutions`: the whole course graded, visible and hidden tests, wall time.
// Each runs as its own process, as from a terminal (npm's own start-up left out: `node grader/start.mjs`).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Row } from './python.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Seconds of wall time for `node grader/start.mjs ...args`, and its exit status. */
function timed(args: string[]): { seconds: number; status: number | null; output: string } {
  const started = performance.now();
  const result = spawnSync(process.execPath, ['grader/start.mjs', ...args], { cwd: root, encoding: 'utf8', timeout: 600_000 });
  return { seconds: (performance.now() - started) / 1000, status: result.status, output: `${result.stdout}${result.stderr}` };
}

export async function run(): Promise<Row[]> {
  await Promise.resolve();
  const first = timed(['test', '01']);
  // The stub fails its tests (exit 1): anything else means the run itself broke.
  if (first.status !== 1) throw new Error(`npm test -- 01 exited with ${first.status}:\n${first.output}`);
  const whole = timed(['grade', '--solutions']);
  if (whole.status !== 0) throw new Error(`grading the solutions did not give full marks (exit ${whole.status}):\n${whole.output.slice(-2000)}`);
  return [
    {
      name: '`npm test -- 01` (stub, visible tests)',
      ours: first.seconds,
      unit: 's wall',
      target: '<= 3 s',
      ok: first.seconds <= 3,
    },
    {
      name: 'grading the whole course (solutions, visible + hidden)',
      ours: whole.seconds,
      unit: 's wall',
      target: '<= 30 s',
      ok: whole.seconds <= 30,
    },
  ];
}
