// `npm run verify [-- --coverage]`: the project's full check — lint, typecheck, the runtime floors, the runtime and grader test suites, and the
// course check (every solution full marks, every stub zero). Prints a table and, last, "N passed, M failed".
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pc from 'picocolors';

interface Step {
  name: string;
  passed: number;
  failed: number;
  seconds: number;
  note: string;
}

const steps: Step[] = [];
const onlyTests = process.argv.includes('--tests-only');

function run(name: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): { ok: boolean; stdout: string } {
  console.log(pc.bold(pc.cyan(`\n▶ ${name}: ${command} ${args.join(' ')}`)));
  const started = performance.now();
  const result = spawnSync(command, args, {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 256 * 1024 * 1024,
  });
  process.stdout.write(result.stdout ?? '');
  const seconds = (performance.now() - started) / 1000;
  const ok = result.status === 0;
  if (!onlyTests || name === 'tests') steps.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1, seconds, note: ok ? '' : `exit ${result.status ?? result.signal}` });
  return { ok, stdout: result.stdout ?? '' };
}

const npx = (bin: string): string => join('node_modules', '.bin', bin);

if (!onlyTests) {
  run('lint', npx('eslint'), ['.', '--max-warnings', '0']);
  run('typecheck', npx('tsc'), ['--noEmit', '-p', '.']);
  // The runtime's floors (ARCHITECTURE.md): no module imports one above it, and its users (the course kit, the
  // grader, the kit's tests) reach it only through #runtime/*.
  run('floors', npx('tsx'), ['scripts/floors.ts']);
}

// The test suites: counted test by test from vitest's JSON report (never from console text).
const report = join(tmpdir(), `verify-vitest-${process.pid}.json`);
const coverage = process.argv.includes('--coverage') ? ['--coverage'] : [];
const tests = run('tests', npx('vitest'), ['run', ...coverage, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
const testStep = steps.find((s) => s.name === 'tests')!;
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number; numTotalTests: number; numPendingTests: number; numTodoTests: number };
  rmSync(report, { force: true });
  const skipped = json.numPendingTests + json.numTodoTests;
  testStep.passed = json.numPassedTests;
  // A suite that failed to load has no failed tests but a non-zero exit: count it as one failure.
  testStep.failed = json.numFailedTests + skipped + (tests.ok || json.numFailedTests > 0 ? 0 : 1);
  if (skipped > 0) testStep.note = `${skipped} skipped/todo tests count as failures`;
  if (json.numTotalTests === 0) {
    testStep.failed += 1;
    testStep.note = 'no test ran';
  }
}

// The course check: the grader runs every solution (3 times) and every stub.
if (!onlyTests && existsSync('grader/cli.ts')) {
  const check = run('course check', npx('tsx'), ['grader/cli.ts', 'check']);
  const step = steps.at(-1)!;
  const match = /check: (\d+) passed, (\d+) failed\s*$/.exec(check.stdout.trimEnd());
  if (match !== null) {
    step.passed = Number(match[1]);
    step.failed = Number(match[2]) + (check.ok || Number(match[2]) > 0 ? 0 : 1);
  }
}

// Mutation testing, a fixed quick subset (docs/mutation.md): every planted mistake killed in both rounds.
if (!onlyTests && existsSync('grader/mutate')) {
  run('mutation (quick)', npx('tsx'), ['grader/cli.ts', 'mutate', '01', '10', '13', '14', '--limit', '3', '--rounds', '2']);
}

// The CPython sweep (docs/cpython-sweep.md): the listing and counts are current, every coverage entry points at a
// file, and every observable CPython test is twinned, pinned or documented, or still on the sweep's OPEN list.
if (!onlyTests && existsSync('scripts/cpython-sweep/sweep.py')) {
  run('cpython sweep', 'python3', ['scripts/cpython-sweep/sweep.py', '--check']);
}

// Workflow lint and the grading rehearsal (.github), when present.
if (!onlyTests && existsSync('scripts/check-workflows.ts')) {
  run('workflows', npx('tsx'), ['scripts/check-workflows.ts']);
}

const passed = steps.reduce((n, s) => n + s.passed, 0);
const failed = steps.reduce((n, s) => n + s.failed, 0);
console.log(pc.bold('\nverify summary'));
for (const s of steps) {
  const mark = s.failed === 0 ? pc.green('✓') : pc.red('✗');
  console.log(`  ${mark} ${s.name.padEnd(14)} ${String(s.passed).padStart(5)} passed ${String(s.failed).padStart(4)} failed  ${s.seconds.toFixed(1).padStart(6)} s  ${s.note}`);
}
const line = `${passed} passed, ${failed} failed`;
writeFileSync('.verify-summary', `${line}\n`);
console.log(line);
process.exitCode = failed === 0 ? 0 : 1;
